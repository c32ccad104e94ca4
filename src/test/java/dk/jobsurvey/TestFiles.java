package dk.jobsurvey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

  public static Path questionnaireConfig() {
    return projectDir().resolve("conf/questionnaire.yaml");
  }
}
