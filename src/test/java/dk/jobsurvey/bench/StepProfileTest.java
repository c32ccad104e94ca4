package dk.jobsurvey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A step's Spark seconds are the time covered by its jobs: jobs side by side count once, gaps not at all. */
class StepProfileTest {
  @Test
  void overlappingJobsCountOnceAndGapsNotAtAll() {
    assertThat(StepProfile.covered(List.of())).isZero();
    assertThat(StepProfile.covered(List.of(new long[] {1000, 3000}))).isEqualTo(2.0);
    // 1-3 s and 2-4 s overlap (3 s covered); 6-7 s after a gap; 6.5-6.8 s inside it.
    assertThat(StepProfile.covered(List.of(new long[] {2000, 4000}, new long[] {6000, 7000}, new long[] {1000, 3000},
        new long[] {6500, 6800}))).isEqualTo(4.0);
  }
}
