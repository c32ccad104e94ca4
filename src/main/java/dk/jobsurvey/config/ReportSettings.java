package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

/**
 * How reports mark a figure as uncertain: fewer than {@code uncertainBelowN} respondents with a value,
 * or a 95 % CI half-width above {@code uncertainCiHalfWidth} points on a 0-100 scale (percentage points
 * for a share, points for a theme index, per cent of the answer scale's range for a mean).
 */
public record ReportSettings(int uncertainBelowN, double uncertainCiHalfWidth) {
  public ReportSettings {
    require(uncertainBelowN >= 1, "uncertain_below_n", "1 or more, got " + uncertainBelowN);
    require(uncertainCiHalfWidth > 0 && uncertainCiHalfWidth <= 100, "uncertain_ci_half_width",
        "points above 0 and at most 100, got " + uncertainCiHalfWidth);
  }
}
