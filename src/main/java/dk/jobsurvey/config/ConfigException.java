package dk.jobsurvey.config;

/**
 * A configuration file that cannot be used: missing, unreadable, not YAML, or with an unknown,
 * missing, mistyped or out-of-range key. The message names the file and the key path and says what
 * is expected; it is meant to be printed as the one line a job shows before exiting.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
