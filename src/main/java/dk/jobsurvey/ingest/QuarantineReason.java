package dk.jobsurvey.ingest;

import java.util.Locale;

/** Why a row of an extract cannot be used at all: it goes to analysis/quarantine with this code. */
public enum QuarantineReason {
  INVALID_CPR, INVALID_DATE, FUTURE_DATE, MISSING_BENEFIT, INVALID_YES_NO, UNKNOWN_MUNICIPALITY;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
