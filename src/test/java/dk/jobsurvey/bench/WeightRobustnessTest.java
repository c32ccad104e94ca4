package dk.jobsurvey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.weight.CellWeighting;
import dk.jobsurvey.weight.MergeRules;
import org.junit.jupiter.api.Test;

/** Two simulated national rounds of the robustness run, one at half the response rates: each completes. */
class WeightRobustnessTest {
  @Test
  void aNationalRoundAtFullAndAtHalfTheResponseRatesIsWeightedAndTabulated() throws Exception {
    Survey survey = ConfigLoader.survey(TestFiles.surveyConfig());
    CellWeighting weighting = new CellWeighting(survey.weighting(), MergeRules.of(survey));
    for (double scale : new double[] {1.0, 0.5}) {
      WeightRobustness.Round round = WeightRobustness.round(survey, weighting, 7, scale);
      assertThat(round.completed()).as(round.failure()).isTrue();
      assertThat(round.marginError()).isLessThanOrEqualTo(1e-10);
      assertThat(round.estimatesFinite()).isTrue();
      // A national round: about 40,000 respondents at full rates (the simulator's 25 % of ~70,000 sampled), half at half.
      assertThat(round.respondents()).isBetween(scale == 1 ? 12_000L : 6_000L, scale == 1 ? 60_000L : 30_000L);
    }
  }
}
