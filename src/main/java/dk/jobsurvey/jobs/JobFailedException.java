package dk.jobsurvey.jobs;

/**
 * A job could not do all it was asked for, for a reason the user can act on (a rejected file, a
 * missing key). The message is printed as one line; {@code exitCode} tells a scheduler what happened.
 */
public final class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public JobFailedException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
