package dk.jobsurvey.weight;

/**
 * Spread of the final weights of a set of respondents (DESIGN.md §7): Kish's design effect due to
 * weighting deff = n·Σw²/(Σw)², the effective sample size n/deff, and min, max and the coefficient of
 * variation (standard deviation over mean, with divisor n; so CV² = deff − 1).
 */
public record WeightSummary(long respondents, double sum, double sumOfSquares, double min, double max) {
  public static final WeightSummary EMPTY = new WeightSummary(0, 0, 0, Double.NaN, Double.NaN);

  /** This summary with {@code respondents} more respondents of weight {@code weight}. */
  public WeightSummary plus(long count, double weight) {
    if (count == 0) {
      return this;
    }
    return new WeightSummary(respondents + count, sum + count * weight, sumOfSquares + count * weight * weight,
        respondents == 0 ? weight : Math.min(min, weight), respondents == 0 ? weight : Math.max(max, weight));
  }

  public double kishDeff() {
    return respondents * sumOfSquares / (sum * sum);
  }

  public double effectiveN() {
    return respondents / kishDeff();
  }

  public double cv() {
    return Math.sqrt(Math.max(0, kishDeff() - 1));
  }
}
