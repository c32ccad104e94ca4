package dk.jobsurvey.ingest;

import java.util.Locale;

/** Why an accepted row is not eligible for the sample; it stays in analysis/population with this code. */
public enum ExclusionReason {
  /** A known benefit outside the four groups. */
  OUT_OF_SCOPE,
  /** A benefit label the configuration does not know (listed for the analyst to map). */
  UNKNOWN_BENEFIT,
  /** Less time on the benefit than the group's minimum at the duration reference date. */
  TOO_SHORT,
  /** Passive on the status date. */
  PASSIVE,
  /** Younger than the first age band. */
  AGE_OUT_OF_RANGE,
  /** Another row of the same person was kept (DESIGN.md §3 rule). */
  DUPLICATE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
