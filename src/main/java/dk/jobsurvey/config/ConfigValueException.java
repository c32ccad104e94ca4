package dk.jobsurvey.config;

/**
 * Thrown by a configuration record's constructor when a value is out of range. The loader adds the
 * file and the key path of the record, so {@code key} names only the offending field.
 */
final class ConfigValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  ConfigValueException(String key, String expectation) {
    super(expectation);
    this.key = key;
  }

  String key() {
    return key;
  }

  /** Fails with {@code key: expectation} unless {@code condition} holds. */
  static void require(boolean condition, String key, String expectation) {
    if (!condition) {
      throw new ConfigValueException(key, expectation);
    }
  }
}
