package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CronbachAlphaTest {
  /** Five respondents' answers to three items. */
  static final int[][] ANSWERS = {{1, 2, 2}, {2, 3, 3}, {3, 3, 4}, {4, 4, 4}, {5, 5, 5}};

  static CronbachAlpha sums(int[][] rows) {
    CronbachAlpha sums = CronbachAlpha.empty(3);
    for (int[] row : rows) {
      double[] s = new double[3];
      double[][] x = new double[3][3];
      for (int i = 0; i < 3; i++) {
        s[i] = row[i];
        for (int j = 0; j < 3; j++) {
          x[i][j] = row[i] * row[j];
        }
      }
      sums = sums.plus(new CronbachAlpha(1, s, x));
    }
    return sums;
  }

  static double sampleVariance(double[] values) {
    double mean = java.util.Arrays.stream(values).average().orElseThrow();
    return java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
  }

  @Test
  void alphaIsTheTextbookFormulaOnItemAndTotalVariances() {
    // By hand: item variances 2.5, 1.3, 1.3 (sum 5.1); totals 5, 8, 10, 12, 15 have variance 58/4 = 14.5;
    // alpha = 3/2 · (1 − 5.1/14.5) = 0.972414...
    double itemVariances = 0;
    for (int i = 0; i < 3; i++) {
      int item = i;
      itemVariances += sampleVariance(java.util.Arrays.stream(ANSWERS).mapToDouble(r -> r[item]).toArray());
    }
    double totalVariance = sampleVariance(java.util.Arrays.stream(ANSWERS).mapToDouble(r -> r[0] + r[1] + r[2]).toArray());
    assertThat(itemVariances).isCloseTo(5.1, within(1e-12));
    assertThat(totalVariance).isCloseTo(14.5, within(1e-12));
    assertThat(sums(ANSWERS).alpha()).isCloseTo(1.5 * (1 - 5.1 / 14.5), within(1e-12));
  }

  @Test
  void sumsAddUpOverCellsAndTooLittleDataGivesNoAlpha() {
    CronbachAlpha split = sums(new int[][] {ANSWERS[0], ANSWERS[1]}).plus(sums(new int[][] {ANSWERS[2], ANSWERS[3], ANSWERS[4]}));
    assertThat(split.alpha()).isCloseTo(sums(ANSWERS).alpha(), within(1e-12));
    assertThat(sums(new int[][] {ANSWERS[0]}).alpha()).isNaN();
    assertThat(sums(new int[][] {{3, 3, 3}, {3, 3, 3}}).alpha()).as("no variance").isNaN();
  }
}
