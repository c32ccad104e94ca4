package dk.jobsurvey;

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

  public static Path questionnaireConfig() {
    return projectDir().resolve("conf/questionnaire.yaml");
  }
}
