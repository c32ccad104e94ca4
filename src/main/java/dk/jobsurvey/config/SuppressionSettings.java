package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

/**
 * Disclosure control (DESIGN.md §9). The seed's rule never publishes a cell with fewer than 5
 * respondents, so min_respondents may be raised but not set below 5.
 */
public record SuppressionSettings(int minRespondents, int maxAuditRounds) {
  /** The seed's rule: a published cell has at least 5 respondents. */
  private static final int FLOOR = 5;

  public SuppressionSettings {
    require(minRespondents >= FLOOR, "min_respondents", FLOOR + " or more, got " + minRespondents
        + " (the seed's rule is a floor of " + FLOOR + " respondents per published cell)");
    require(maxAuditRounds >= 1, "max_audit_rounds", "1 or more, got " + maxAuditRounds);
  }
}
