package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.config.WeightingSettings;
import dk.jobsurvey.weight.CellWeighting;
import dk.jobsurvey.weight.MergeRules;
import dk.jobsurvey.weight.WeightingProblem;
import dk.jobsurvey.weight.WeightingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The hand-sized case of ../shared/testdata/README.md §2 (R survey 4.1.1's calibrate and svymean). */
class LinearizedEstimatorTest {
  static final List<String> VARIABLES = List.of("stratum", "sex", "age");
  /** Respondents T01..T10: stratum, sex, age, y. */
  static final String[][] RESPONDENTS = {{"A", "M", "Y", "1"}, {"A", "M", "O", "0"}, {"A", "F", "Y", "1"},
      {"A", "F", "O", "1"}, {"A", "F", "O", "0"}, {"A", "M", "Y", "0"}, {"B", "F", "O", "1"}, {"B", "M", "Y", "1"},
      {"B", "F", "Y", "0"}, {"B", "F", "O", "1"}};
  static final Map<String, Double> N = Map.of("A", 100.0, "B", 50.0);

  static WeightingResult raked() {
    Map<List<String>, Long> respondents = new LinkedHashMap<>();
    for (String[] r : RESPONDENTS) {
      respondents.merge(List.of(r[0], r[1], r[2]), 1L, Long::sum);
    }
    return new CellWeighting(new WeightingSettings(List.of(List.of("sex")), Map.of(), 1e-10, 1000,
        new WeightingSettings.Trimming(false, 0.3, 3)), new MergeRules(Map.of(), Map.of(), Map.of()))
        .weigh(new WeightingProblem(VARIABLES, List.of("stratum"), Map.of(List.of("A"), 100.0, List.of("B"), 50.0),
            respondents, List.of(new WeightingProblem.Margin(List.of("sex"), Map.of(List.of("F"), 80.0, List.of("M"), 70.0)),
                new WeightingProblem.Margin(List.of("age"), Map.of(List.of("O"), 60.0, List.of("Y"), 90.0)))));
  }

  /** Estimation cells of the respondents, with the weights of each cell (final = base when {@code raked} is false). */
  static List<EstimationCell> cells(WeightingResult weighting, boolean raked) {
    List<EstimationCell> cells = new ArrayList<>();
    for (WeightingResult.Cell cell : weighting.cells()) {
      long n = 0;
      double sum = 0;
      for (String[] r : RESPONDENTS) {
        if (List.of(r[0], r[1], r[2]).equals(cell.values())) {
          n++;
          sum += Double.parseDouble(r[3]);
        }
      }
      cells.add(new EstimationCell(cell.values(), cell.stratum(), cell.stratumPopulation(), cell.stratumRespondents(),
          cell.baseWeight(), raked ? cell.finalWeight() : cell.baseWeight(), cell.respondents(), new long[] {n},
          new double[] {sum}, new double[] {sum}));
    }
    return cells;
  }

  static int[] all(List<EstimationCell> cells) {
    return IntStream.range(0, cells.size()).toArray();
  }

  @Test
  void calibratedShareAndStandardErrorAsRsCalibrate() {
    List<EstimationCell> cells = cells(raked(), true);
    Estimate estimate = new LinearizedEstimator(VARIABLES, List.of(CalibrationMargin.of(List.of("sex")), CalibrationMargin.of(List.of("age"))), cells).weighted(all(cells), 0);
    assertThat(estimate.n()).isEqualTo(10);
    assertThat(estimate.estimate()).isCloseTo(0.5867441548, within(5e-11));
    assertThat(estimate.se()).isCloseTo(0.1684386934, within(5e-11));
    assertThat(estimate.ciLow()).isCloseTo(0.5867441548 - 1.959963984540054 * 0.1684386934, within(1e-9));
  }

  @Test
  void beforeRakingTheStratifiedDesignAlone() {
    List<EstimationCell> cells = cells(raked(), false);
    Estimate estimate = new LinearizedEstimator(VARIABLES, List.of(), cells).weighted(all(cells), 0);
    assertThat(estimate.estimate()).isCloseTo(0.5833333333, within(5e-11));
    assertThat(estimate.se()).isCloseTo(0.1651598552, within(5e-11));
  }

  @Test
  void unweightedIsThePlainShareOfTheCounts() {
    List<EstimationCell> cells = cells(raked(), true);
    LinearizedEstimator estimator = new LinearizedEstimator(VARIABLES, List.of(CalibrationMargin.of(List.of("sex")), CalibrationMargin.of(List.of("age"))), cells);
    Estimate all = estimator.unweighted(all(cells), 0);
    assertThat(all.n()).isEqualTo(10);
    assertThat(all.estimate()).isEqualTo(6 / 10.0);
    assertThat(all.se()).isCloseTo(Math.sqrt(0.6 * 0.4 * 10 / 9 / 10), within(1e-12));
    int[] stratumB = IntStream.range(0, cells.size()).filter(c -> cells.get(c).values().get(0).equals("B")).toArray();
    assertThat(estimator.unweighted(stratumB, 0)).extracting(Estimate::n, Estimate::estimate).containsExactly(4L, 3 / 4.0);
  }

  @Test
  void aStratumWithOneRespondentAddsItsUncentredScore() {
    // No calibration; stratum S (N 10) has one respondent with y = 1, stratum T (N 4) two with y = 0 and 1.
    // Weights 10, 2, 2: ŷ = 12/14; z = (y − ŷ)/14, u = w·z. T: (1 − 2/4)·2/1·Σ(u − ū_T)²; S: (1 − 1/10)·u_S²
    // (R's lonely.psu = "adjust"; RDifferentialTest checks the calibrated case, where Σu is not 0).
    List<EstimationCell> cells = List.of(
        new EstimationCell(List.of("S"), "S", 10, 1, 10, 10, 1, new long[] {1}, new double[] {1}, new double[] {1}),
        new EstimationCell(List.of("T0"), "T", 4, 2, 2, 2, 1, new long[] {1}, new double[] {0}, new double[] {0}),
        new EstimationCell(List.of("T1"), "T", 4, 2, 2, 2, 1, new long[] {1}, new double[] {1}, new double[] {1}));
    double mean = 12.0 / 14;
    double uS = 10 * (1 - mean) / 14;
    double uT0 = 2 * (0 - mean) / 14;
    double uT1 = 2 * (1 - mean) / 14;
    double meanT = (uT0 + uT1) / 2;
    double variance = 0.5 * 2 * (Math.pow(uT0 - meanT, 2) + Math.pow(uT1 - meanT, 2)) + 0.9 * uS * uS;
    Estimate estimate = new LinearizedEstimator(List.of("cell"), List.of(), cells).weighted(new int[] {0, 1, 2}, 0);
    assertThat(estimate.estimate()).isCloseTo(mean, within(1e-12));
    assertThat(estimate.se()).isCloseTo(Math.sqrt(variance), within(1e-12));
  }
}
