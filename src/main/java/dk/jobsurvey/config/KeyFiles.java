package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

/** Paths of the key files used when the key environment variables are not set. Never the keys. */
public record KeyFiles(String pseudonymKeyFile, String tokenKeyFile) {
  public KeyFiles {
    require(!pseudonymKeyFile.isBlank(), "pseudonym_key_file", "a file path");
    require(!tokenKeyFile.isBlank(), "token_key_file", "a file path");
  }
}
