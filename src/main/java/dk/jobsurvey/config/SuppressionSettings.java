package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

/** Disclosure control (DESIGN.md §9). */
public record SuppressionSettings(int minRespondents, int maxAuditRounds) {
  public SuppressionSettings {
    require(minRespondents >= 2, "min_respondents", "2 or more, got " + minRespondents);
    require(maxAuditRounds >= 1, "max_audit_rounds", "1 or more, got " + maxAuditRounds);
  }
}
