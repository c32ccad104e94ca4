package dk.jobsurvey.weight;

/** Weighting cannot proceed on these data; the message names the margin, category or stratum and what to check. */
public final class WeightingException extends RuntimeException {
  public WeightingException(String message) {
    super(message);
  }
}
