package dk.jobsurvey.jobs;

/** The command line of a job is wrong: an unknown option, a missing value or required option. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
