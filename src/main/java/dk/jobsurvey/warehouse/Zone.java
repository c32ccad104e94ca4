package dk.jobsurvey.warehouse;

import java.util.Locale;

/** The three zones of the warehouse (DESIGN.md §2). */
public enum Zone {
  /** Direct identifiers: CPR numbers, names, phones, tokens, links, raw extracts and free text, outbox files. */
  RESTRICTED,
  /** Pseudonymised unit data keyed by person_key. */
  ANALYSIS,
  /** Aggregates only, already suppressed. */
  PUBLISHED;

  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }
}
