package dk.jobsurvey.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Domain means and ratios with standard errors by linearization on the calibrated design (DESIGN.md
 * §8), equal to R survey's {@code svymean}/{@code svyby} after {@code calibrate}:
 * z_i = 1_D(i)·(y_i − ŷ)/Σ_D w; e = z − X·B with B the least-squares fit of z on the indicators X
 * of the raking margins' classes (merged as the weighting merged them) weighted by the base weights; u = w·e; V = Σ_h (1 − r_h/N_h)·r_h/(r_h − 1)·Σ_h (u − ū_h)².
 *
 * <p>Everything runs on cells: within a cell w, b and X are constant, so per cell the sums of z and
 * z² (from the cell's n, Σy and Σy²) give the sums of u and u² exactly. X'bX is the same for every
 * domain and measure; its pseudo-inverse (SVD, which copes with the overlapping margins' rank
 * deficiency) is computed once. Every SE passes over all cells, so the cells' numbers are kept in
 * flat arrays (measure by measure) rather than read through each cell's record.
 */
public final class LinearizedEstimator {
  private final List<EstimationCell> cells;
  /** The margins' column of each cell: cell c's are at [c·margins, (c + 1)·margins). */
  private final int[] columnsOfCells;
  private final int margins;
  private final double[] baseWeight;
  private final double[] finalWeight;
  /** Per cell w·r and w²·r: the terms of the per-respondent score sums every cell adds to its stratum. */
  private final double[] weightTimesRespondents;
  private final double[] squaredWeightTimesRespondents;
  /** Per measure, then per cell: respondents with a value, Σy and Σy². */
  private final long[][] answered;
  private final double[][] sum;
  private final double[][] sumOfSquares;
  /** (X'bX)⁺, row by row. */
  private final double[][] pseudoInverse;
  private final int columns;
  private final int[] stratumOfCell;
  private final double[] stratumPopulation;
  private final long[] stratumRespondents;

  /**
   * @param variables the domain variables, in the order of each cell's values
   * @param margins the raking margins with their merged classes; an empty list gives the uncalibrated design
   */
  public LinearizedEstimator(List<String> variables, List<CalibrationMargin> margins, List<EstimationCell> cells) {
    this.cells = List.copyOf(cells);
    int next = 0;
    this.margins = margins.size();
    columnsOfCells = new int[cells.size() * this.margins];
    for (int m = 0; m < margins.size(); m++) {
      Map<String, Integer> columnOf = new HashMap<>();
      CalibrationMargin margin = margins.get(m);
      int[] positions = margin.variables().stream().mapToInt(variables::indexOf).toArray();
      for (int c = 0; c < cells.size(); c++) {
        List<String> category = new ArrayList<>();
        for (int position : positions) {
          category.add(cells.get(c).values().get(position));
        }
        String marginClass = margin.classOf(category);
        Integer column = columnOf.get(marginClass);
        if (column == null) {
          column = next++;
          columnOf.put(marginClass, column);
        }
        columnsOfCells[c * this.margins + m] = column;
      }
    }
    columns = next;
    double[][] crossProducts = new double[columns][columns];
    for (int c = 0; c < cells.size(); c++) {
      double weight = cells.get(c).baseWeight() * cells.get(c).respondents();
      for (int i = c * this.margins; i < (c + 1) * this.margins; i++) {
        for (int j = c * this.margins; j < (c + 1) * this.margins; j++) {
          crossProducts[columnsOfCells[i]][columnsOfCells[j]] += weight;
        }
      }
    }
    pseudoInverse = columns == 0 ? new double[0][]
        : new SingularValueDecomposition(new Array2DRowRealMatrix(crossProducts, false)).getSolver().getInverse().getData();

    Map<String, Integer> strata = new HashMap<>();
    stratumOfCell = new int[cells.size()];
    List<Double> populations = new ArrayList<>();
    List<Long> respondents = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      EstimationCell cell = cells.get(c);
      Integer stratum = strata.get(cell.stratum());
      if (stratum == null) {
        stratum = strata.size();
        strata.put(cell.stratum(), stratum);
        populations.add(cell.stratumPopulation());
        respondents.add(cell.stratumRespondents());
      }
      stratumOfCell[c] = stratum;
    }
    stratumPopulation = populations.stream().mapToDouble(Double::doubleValue).toArray();
    stratumRespondents = respondents.stream().mapToLong(Long::longValue).toArray();

    baseWeight = new double[cells.size()];
    finalWeight = new double[cells.size()];
    weightTimesRespondents = new double[cells.size()];
    squaredWeightTimesRespondents = new double[cells.size()];
    int measures = cells.isEmpty() ? 0 : cells.get(0).answered().length;
    answered = new long[measures][cells.size()];
    sum = new double[measures][cells.size()];
    sumOfSquares = new double[measures][cells.size()];
    for (int c = 0; c < cells.size(); c++) {
      EstimationCell cell = cells.get(c);
      baseWeight[c] = cell.baseWeight();
      double w = cell.finalWeight();
      finalWeight[c] = w;
      weightTimesRespondents[c] = w * cell.respondents();
      squaredWeightTimesRespondents[c] = w * w * cell.respondents();
      for (int m = 0; m < measures; m++) {
        answered[m][c] = cell.answered()[m];
        sum[m][c] = cell.sum()[m];
        sumOfSquares[m][c] = cell.sumOfSquares()[m];
      }
    }
  }

  /** The weighted estimate of {@code measure} over the cells {@code domain} (distinct indices into the cells). */
  public Estimate weighted(int[] domain, int measure) {
    DomainMean mean = mean(domain, measure);
    if (mean.n() == 0) {
      return new Estimate(0, Double.NaN, Double.NaN);
    }
    return new Estimate(mean.n(), mean.estimate(), standardError(measure, mean.scores(1)));
  }

  /**
   * The weighted estimate over {@code domain} minus that over {@code others} (disjoint sets of
   * cells, e.g. a municipality and the other municipalities), with the SE of the difference: both
   * means are linearized on the same calibrated design, so the score of the difference is z_D − z_O
   * and the covariance of the two means is in its variance (R: svycontrast on the two domain means).
   */
  public Comparison difference(int[] domain, int[] others, int measure) {
    boolean[] inDomain = new boolean[cells.size()];
    for (int c : domain) {
      inDomain[c] = true;
    }
    for (int c : others) {
      if (inDomain[c]) {
        throw new IllegalArgumentException("a difference of two domains that share cell " + cells.get(c).values());
      }
    }
    DomainMean inside = mean(domain, measure);
    DomainMean outside = mean(others, measure);
    if (inside.n() == 0 || outside.n() == 0) {
      return new Comparison(outside.n(), Double.NaN, Double.NaN);
    }
    Scores scores = inside.scores(1).and(outside.scores(-1));
    return new Comparison(outside.n(), inside.estimate() - outside.estimate(), standardError(measure, scores));
  }

  /** A difference to the others: {@code othersN} respondents with a value among the others, the difference and its SE. */
  public record Comparison(long othersN, double difference, double se) {}

  /** A domain's cells, respondents with a value, weight total and weighted mean of one measure. */
  private record DomainMean(int[] cells, long n, double weightTotal, double estimate) {
    /**
     * The linearized score of {@code coefficient}·ŷ_D: z = c·(y − ŷ)/Σw on the domain's respondents,
     * as z = α·y − β with α and β constant in each cell.
     */
    Scores scores(double coefficient) {
      double[] alpha = new double[cells.length];
      double[] beta = new double[cells.length];
      Arrays.fill(alpha, coefficient / weightTotal);
      Arrays.fill(beta, coefficient * estimate / weightTotal);
      return new Scores(cells, alpha, beta);
    }
  }

  /** Per listed cell (distinct), the score z = α·y − β of each of its respondents with a value (0 for the others). */
  private record Scores(int[] cells, double[] alpha, double[] beta) {
    Scores and(Scores other) {
      int[] allCells = Arrays.copyOf(cells, cells.length + other.cells.length);
      double[] allAlpha = Arrays.copyOf(alpha, allCells.length);
      double[] allBeta = Arrays.copyOf(beta, allCells.length);
      System.arraycopy(other.cells, 0, allCells, cells.length, other.cells.length);
      System.arraycopy(other.alpha, 0, allAlpha, cells.length, other.cells.length);
      System.arraycopy(other.beta, 0, allBeta, cells.length, other.cells.length);
      return new Scores(allCells, allAlpha, allBeta);
    }
  }

  private DomainMean mean(int[] domain, int measure) {
    long n = 0;
    double weightTotal = 0;
    double weightedSum = 0;
    long[] answeredOf = answered[measure];
    double[] sumOf = sum[measure];
    for (int c : domain) {
      n += answeredOf[c];
      weightTotal += finalWeight[c] * answeredOf[c];
      weightedSum += finalWeight[c] * sumOf[c];
    }
    return new DomainMean(domain, n, weightTotal, n == 0 ? Double.NaN : weightedSum / weightTotal);
  }

  private double standardError(int measure, Scores scores) {
    int[] domain = scores.cells();
    // Per listed cell: Σz and Σz² of its respondents (z = 0 for those without a value, and outside the domains).
    double[] zSum = new double[domain.length];
    double[] zSquares = new double[domain.length];
    double[] rightHandSide = new double[columns];
    boolean[] touched = new boolean[columns];
    int[] nonZero = new int[columns];
    int nonZeros = 0;
    long[] answeredOf = answered[measure];
    double[] sumOf = sum[measure];
    double[] squaresOf = sumOfSquares[measure];
    for (int d = 0; d < domain.length; d++) {
      int c = domain[d];
      long n = answeredOf[c];
      double alpha = scores.alpha()[d];
      double beta = scores.beta()[d];
      zSum[d] = alpha * sumOf[c] - beta * n;
      zSquares[d] = alpha * alpha * squaresOf[c] - 2 * alpha * beta * sumOf[c] + beta * beta * n;
      for (int k = c * margins; k < (c + 1) * margins; k++) {
        int column = columnsOfCells[k];
        rightHandSide[column] += baseWeight[c] * zSum[d];
        if (!touched[column]) {
          touched[column] = true;
          nonZero[nonZeros++] = column;
        }
      }
    }
    // B = (X'bX)⁺·X'bz, over the columns a small domain touches only (most of a national table's cells are small domains).
    double[] fit = new double[columns];
    for (int i = 0; i < columns; i++) {
      double[] row = pseudoInverse[i];
      double total = 0;
      for (int k = 0; k < nonZeros; k++) {
        total += row[nonZero[k]] * rightHandSide[nonZero[k]];
      }
      fit[i] = total;
    }

    // u = w·(z − x·B) per respondent: every cell has −w·r·x·B and its square, the domain's cells their z terms too.
    int strata = stratumPopulation.length;
    double[] uSum = new double[strata];
    double[] uSquares = new double[strata];
    for (int c = 0; c < stratumOfCell.length; c++) {
      double fitted = fitted(c, fit);
      int h = stratumOfCell[c];
      uSum[h] -= weightTimesRespondents[c] * fitted;
      uSquares[h] += squaredWeightTimesRespondents[c] * fitted * fitted;
    }
    for (int d = 0; d < domain.length; d++) {
      int c = domain[d];
      double w = finalWeight[c];
      uSum[stratumOfCell[c]] += w * zSum[d];
      uSquares[stratumOfCell[c]] += w * w * (zSquares[d] - 2 * fitted(c, fit) * zSum[d]);
    }
    double variance = 0;
    for (int h = 0; h < strata; h++) {
      long r = stratumRespondents[h];
      double finiteCorrection = 1 - r / stratumPopulation[h];
      if (r > 1) {
        variance += finiteCorrection * r / (r - 1.0) * (uSquares[h] - uSum[h] * uSum[h] / r);
      } else {
        // A single respondent: R survey 4.1.1's lonely.psu = "adjust" leaves its score uncentred (onestrat
        // skips the sweep of the stratum mean), so the stratum adds (1 − 1/N_h)·u².
        variance += finiteCorrection * uSquares[h];
      }
    }
    return Math.sqrt(Math.max(0, variance));
  }

  private double fitted(int cell, double[] fit) {
    double fitted = 0;
    for (int k = cell * margins; k < (cell + 1) * margins; k++) {
      fitted += fit[columnsOfCells[k]];
    }
    return fitted;
  }

  /** The plain share or mean of {@code measure} over the cells {@code domain}, with the simple-random-sampling SE s/√n. */
  public Estimate unweighted(int[] domain, int measure) {
    long n = 0;
    double total = 0;
    double squares = 0;
    for (int c : domain) {
      n += answered[measure][c];
      total += sum[measure][c];
      squares += sumOfSquares[measure][c];
    }
    if (n == 0) {
      return new Estimate(0, Double.NaN, Double.NaN);
    }
    double mean = total / n;
    double se = n > 1 ? Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)) / n) : Double.NaN;
    return new Estimate(n, mean, se);
  }
}
