package dk.jobsurvey.warehouse;

/** A pipeline step refused to run because what it would read is stale (see {@link JobRun}); it wrote nothing but its run-log line. */
public final class StaleInputException extends IllegalStateException {
  StaleInputException(String message) {
    super(message);
  }
}
