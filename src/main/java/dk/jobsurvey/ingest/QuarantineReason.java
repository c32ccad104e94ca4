package dk.jobsurvey.ingest;

import java.util.Locale;

/** Why a row of an extract cannot be used at all: it goes to analysis/quarantine with this code. */
public enum QuarantineReason {
  INVALID_CPR, INVALID_DATE, FUTURE_DATE, MISSING_BENEFIT, INVALID_YES_NO, UNKNOWN_MUNICIPALITY,
  /** A sum line at the bottom of a sheet ("I alt: 1.234"): no person, so not an invalid CPR either. */
  TOTAL_LINE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
