package dk.jobsurvey.weight;

import dk.jobsurvey.config.WeightingSettings;

/**
 * Iterative proportional fitting on cells (DESIGN.md §7): each sweep scales the cells of every
 * margin class to the class's population total, margin by margin, until every class is within the
 * relative tolerance. Converges to the raking solution w = b·exp(Xλ), the same weights as R survey's
 * {@code calibrate(..., calfun = "raking")}. With trimming, g = w/b is clamped to the bounds after
 * every sweep, so the result respects the bounds and the margins are re-raked as far as they can be.
 *
 * <p>The configured tolerance decides convergence. Once it is met, sweeps go on while they still
 * bring the margins closer, down to {@link #REFINED}: the weights are then exact to about 1e-12, so
 * they do not depend on where within the tolerance a sweep happened to land (R's reference weights
 * are exact to their 10 printed decimals). This costs a few sweeps of a few thousand cells.
 */
final class Raking {
  /** The fitted cell totals, and the class furthest from its total when fitting stopped. */
  record Outcome(double[] cellTotals, int sweeps, boolean converged, int worstMargin, int worstClass,
      double worstRelativeError) {}

  /** Relative margin error at which refinement stops: a few units of double rounding on a sum. */
  static final double REFINED = 1e-13;

  private Raking() {}

  /**
   * @param initial each cell's base-weighted total (respondents × base weight), all positive
   * @param classOfCell for each margin, each cell's class
   * @param targets for each margin, each class's population total
   */
  static Outcome fit(double[] initial, int[][] classOfCell, double[][] targets, double tolerance, int maxSweeps,
      WeightingSettings.Trimming trimming) {
    double[] totals = initial.clone();
    Outcome outcome = assess(totals, classOfCell, targets, 0, tolerance);
    for (int sweep = 1; sweep <= maxSweeps && outcome.worstRelativeError() > REFINED; sweep++) {
      double[] before = totals.clone();
      for (int m = 0; m < targets.length; m++) {
        double[] factors = classSums(totals, classOfCell[m], targets[m].length);
        for (int k = 0; k < factors.length; k++) {
          factors[k] = targets[m][k] / factors[k];
        }
        for (int c = 0; c < totals.length; c++) {
          totals[c] *= factors[classOfCell[m][c]];
        }
      }
      if (trimming.enabled()) {
        for (int c = 0; c < totals.length; c++) {
          totals[c] = Math.min(Math.max(totals[c], trimming.gLow() * initial[c]), trimming.gHigh() * initial[c]);
        }
      }
      Outcome next = assess(totals, classOfCell, targets, sweep, tolerance);
      if (outcome.converged() && next.worstRelativeError() >= outcome.worstRelativeError()) {
        System.arraycopy(before, 0, totals, 0, totals.length);
        break;
      }
      outcome = next;
    }
    return outcome;
  }

  private static Outcome assess(double[] totals, int[][] classOfCell, double[][] targets, int sweeps, double tolerance) {
    int worstMargin = 0;
    int worstClass = 0;
    double worst = -1;
    for (int m = 0; m < targets.length; m++) {
      double[] sums = classSums(totals, classOfCell[m], targets[m].length);
      for (int k = 0; k < sums.length; k++) {
        double error = Math.abs(sums[k] - targets[m][k]) / targets[m][k];
        if (error > worst) {
          worst = error;
          worstMargin = m;
          worstClass = k;
        }
      }
    }
    return new Outcome(totals, sweeps, worst <= tolerance, worstMargin, worstClass, worst);
  }

  static double[] classSums(double[] cellTotals, int[] classOfCell, int classes) {
    double[] sums = new double[classes];
    for (int c = 0; c < cellTotals.length; c++) {
      sums[classOfCell[c]] += cellTotals[c];
    }
    return sums;
  }
}
