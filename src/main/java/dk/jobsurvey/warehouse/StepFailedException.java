package dk.jobsurvey.warehouse;

/** A step's checked failure (an I/O error, a file that cannot be written), after its tables were restored. */
public final class StepFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StepFailedException(Exception cause) {
    super(cause.getMessage(), cause);
  }
}
