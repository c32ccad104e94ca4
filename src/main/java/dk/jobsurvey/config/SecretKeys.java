package dk.jobsurvey.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The secret keys (DESIGN.md §10): from an environment variable, else from the key file named in
 * the configuration. A key is never in the configuration, a log line or a message. A key file that
 * group or others may read is refused.
 */
public final class SecretKeys {
  public static final String PSEUDONYM_KEY_VARIABLE = "JOBSURVEY_PSEUDONYM_KEY";
  public static final String TOKEN_KEY_VARIABLE = "JOBSURVEY_TOKEN_KEY";
  /** 32 characters: 256 bits if random base64 or hex. */
  static final int MIN_LENGTH = 32;

  private SecretKeys() {}

  /** The key that turns a CPR number into a person_key. */
  public static byte[] pseudonymKey(KeyFiles files, Map<String, String> environment) {
    return read(PSEUDONYM_KEY_VARIABLE, Path.of(files.pseudonymKeyFile()), environment);
  }

  /** The key that turns a person_key into a survey token. */
  public static byte[] tokenKey(KeyFiles files, Map<String, String> environment) {
    return read(TOKEN_KEY_VARIABLE, Path.of(files.tokenKeyFile()), environment);
  }

  private static byte[] read(String variable, Path file, Map<String, String> environment) {
    String fromEnvironment = environment.get(variable);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return checked(fromEnvironment.strip(), "the environment variable " + variable);
    }
    try {
      refuseOpenPermissions(file);
      return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), "the key file " + file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("No key: set " + variable + " or create the key file " + file
          + " (owner-only, at least " + MIN_LENGTH + " random characters; jobs/demo.sh makes one for the demo)");
    } catch (IOException e) {
      throw new ConfigException("The key file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] checked(String key, String source) {
    if (key.length() < MIN_LENGTH) {
      throw new ConfigException("The key in " + source + " is too short: at least " + MIN_LENGTH + " characters");
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static void refuseOpenPermissions(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
      return;
    }
    Set<PosixFilePermission> open = EnumSet.copyOf(Files.getPosixFilePermissions(file));
    open.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
    if (!open.isEmpty()) {
      throw new ConfigException("The key file " + file + " may be read by group or others; run: chmod 600 " + file);
    }
  }

  /** Writes a new random key file, owner-only, unless one exists; for the demo and first-time setup. */
  public static boolean createIfMissing(Path file) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Files.createFile(file);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    Files.writeString(file, Base64.getEncoder().encodeToString(random) + "\n", StandardCharsets.UTF_8);
    return true;
  }
}
