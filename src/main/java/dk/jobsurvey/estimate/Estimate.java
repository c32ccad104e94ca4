package dk.jobsurvey.estimate;

/** A domain's estimate of one measure: the respondents with a value (n), the estimate and its standard error. */
public record Estimate(long n, double estimate, double se) {
  /** Normal quantile of a two-sided 95 % interval. */
  public static final double Z_95 = 1.959963984540054;

  public double ciLow() {
    return estimate - Z_95 * se;
  }

  public double ciHigh() {
    return estimate + Z_95 * se;
  }
}
