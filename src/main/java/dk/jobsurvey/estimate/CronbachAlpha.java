package dk.jobsurvey.estimate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Cronbach's alpha of a theme's items on complete cases (respondents who answered every item of the
 * theme), from sums that add up over cells: the count, each item's sum and the matrix of cross
 * products. alpha = k/(k−1)·(1 − Σ item variances / variance of the sum) = k/(k−1)·(1 − tr C / ΣC)
 * with C the items' covariance matrix.
 */
public record CronbachAlpha(long completeCases, double[] sums, double[][] crossProducts) {
  /** No complete cases yet, for {@code items} items. */
  public static CronbachAlpha empty(int items) {
    return new CronbachAlpha(0, new double[items], new double[items][items]);
  }

  public CronbachAlpha plus(CronbachAlpha other) {
    int k = sums.length;
    double[] s = new double[k];
    double[][] x = new double[k][k];
    for (int i = 0; i < k; i++) {
      s[i] = sums[i] + other.sums[i];
      for (int j = 0; j < k; j++) {
        x[i][j] = crossProducts[i][j] + other.crossProducts[i][j];
      }
    }
    return new CronbachAlpha(completeCases + other.completeCases, s, x);
  }

  /** The items' sample covariance matrix (divisor n − 1). */
  public RealMatrix covariance() {
    RealVector mean = new ArrayRealVector(sums).mapDivide(completeCases);
    return new Array2DRowRealMatrix(crossProducts).subtract(mean.outerProduct(mean).scalarMultiply(completeCases))
        .scalarMultiply(1.0 / (completeCases - 1));
  }

  /** Alpha, or NaN with fewer than two items or two complete cases, or when the sum does not vary. */
  public double alpha() {
    int k = sums.length;
    if (k < 2 || completeCases < 2) {
      return Double.NaN;
    }
    RealMatrix covariance = covariance();
    RealVector ones = new ArrayRealVector(k, 1.0);
    double total = covariance.preMultiply(ones).dotProduct(ones);
    return total > 0 ? k / (k - 1.0) * (1 - covariance.getTrace() / total) : Double.NaN;
  }
}
