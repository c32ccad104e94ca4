package dk.jobsurvey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

/** Paths of the project's own files, for tests that read the shipped configuration. */
public final class TestFiles {
  private TestFiles() {}

  /** The project root (Surefire sets jobsurvey.project.dir; an IDE runs tests from the root). */
  public static Path projectDir() {
    return Path.of(System.getProperty("jobsurvey.project.dir", "."));
  }

  public static Path surveyConfig() {
    return projectDir().resolve("conf/survey.yaml");
  }

  /** The shipped survey configuration, written to {@code dir/survey.yaml} with its key files under {@code dir/keys/}. */
  public static Path surveyConfigWithKeysIn(Path dir) throws IOException {
    Path config = dir.resolve("survey.yaml");
    Files.writeString(config, Files.readString(surveyConfig())
        .replace("keys/pseudonym.key", dir.resolve("keys/pseudonym.key").toString())
        .replace("keys/token.key", dir.resolve("keys/token.key").toString()));
    return config;
  }

  /**
   * The shipped configuration with fixed test keys already in its key files (create-keys then
   * keeps them): person keys, and with them the sample and the simulated responses, are the same in
   * every run, so a test that weights tiny municipalities cannot pass on one run and fail on the
   * next. The keys are derived from {@code name}: test keys, never a real survey's.
   */
  public static Path surveyConfigWithTestKeysIn(Path dir, String name) throws IOException {
    Path config = surveyConfigWithKeysIn(dir);
    for (String key : List.of("pseudonym", "token")) {
      Path file = Files.createDirectories(dir.resolve("keys")).resolve(key + ".key");
      try {
        byte[] bytes = MessageDigest.getInstance("SHA-256").digest(("jobsurvey test key|" + name + "|" + key)
            .getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.UTF_8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    return config;
  }

  public static Path questionnaireConfig() {
    return projectDir().resolve("conf/questionnaire.yaml");
  }

  /** The round's questionnaire from the shipped conf/questionnaire.yaml. */
  public static dk.jobsurvey.config.Questionnaire questionnaire(String round) {
    return dk.jobsurvey.config.ConfigLoader.questionnaire(questionnaireConfig(), round);
  }
}
