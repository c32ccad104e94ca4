package dk.jobsurvey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {
  @TempDir
  Path dir;

  private KeyFiles files() {
    return new KeyFiles(dir.resolve("pseudonym.key").toString(), dir.resolve("token.key").toString());
  }

  @Test
  void missingKeyNamesTheVariableAndTheFileToSet() {
    assertThatThrownBy(() -> SecretKeys.tokenKey(files(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("JOBSURVEY_TOKEN_KEY")
        .hasMessageContaining(dir.resolve("token.key").toString());
  }

  @Test
  void environmentComesBeforeTheFileAndShortKeysAreRefused() {
    String key = "k".repeat(40);
    assertThat(SecretKeys.pseudonymKey(files(), Map.of("JOBSURVEY_PSEUDONYM_KEY", key))).isEqualTo(key.getBytes());
    assertThatThrownBy(() -> SecretKeys.pseudonymKey(files(), Map.of("JOBSURVEY_PSEUDONYM_KEY", "short")))
        .hasMessageContaining("too short").hasMessageNotContaining("short\"");
  }

  @Test
  void createdKeyFileIsOwnerOnlyAndAKeyFileOthersCanReadIsRefused() throws Exception {
    assertThat(SecretKeys.createIfMissing(dir.resolve("pseudonym.key"))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pseudonym.key")))).isEqualTo("rw-------");
    byte[] key = SecretKeys.pseudonymKey(files(), Map.of());
    assertThat(key.length).isGreaterThanOrEqualTo(32);
    assertThat(SecretKeys.createIfMissing(dir.resolve("pseudonym.key"))).isFalse();
    assertThat(SecretKeys.pseudonymKey(files(), Map.of())).isEqualTo(key);
    Files.setPosixFilePermissions(dir.resolve("pseudonym.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SecretKeys.pseudonymKey(files(), Map.of())).hasMessageContaining("chmod 600");
  }
}
