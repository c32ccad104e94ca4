package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.weight.CellWeighting;
import dk.jobsurvey.weight.CsvRaking;
import dk.jobsurvey.weight.MergeRules;
import dk.jobsurvey.weight.WeightingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Estimates and SEs of testdata/golden-raking against R survey 4.1.1's svymean/svyby on the calibrated design. */
class GoldenEstimatesTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());

  static Path golden(String file) {
    return TestFiles.projectDir().resolve("src/test/resources/golden-raking").resolve(file);
  }

  @Test
  void everyEstimateAndStandardErrorMatchesRToOneInAMillion() throws Exception {
    CsvRaking.Input input = CsvRaking.read(golden("respondents.csv"), golden("population_margins.csv"), CsvRaking.DEFAULT_STRATA);
    WeightingResult weighting = new CellWeighting(SURVEY.weighting(), MergeRules.of(SURVEY)).weigh(input.problem());
    Map<String, CsvEstimates.Line> ours = new HashMap<>();
    for (CsvEstimates.Line line : CsvEstimates.estimate(input, weighting, List.of(4, 5), List.of("kommunekode", "ydelsesgruppe"))) {
      ours.put(String.join(",", line.item(), line.statistic(), line.domain(), line.value()), line);
    }
    List<String> expected = Files.readAllLines(golden("expected_estimates.csv"));
    assertThat(expected.get(0)).isEqualTo("item,statistic,domain,value,n,estimate,se");
    assertThat(ours).hasSize(expected.size() - 1);
    for (String line : expected.subList(1, expected.size())) {
      String[] f = line.split(",");
      CsvEstimates.Line our = ours.get(String.join(",", f[0], f[1], f[2], f[3]));
      assertThat(our).as(line).isNotNull();
      assertThat(our.n()).as(line).isEqualTo(Long.parseLong(f[4]));
      double estimate = Double.parseDouble(f[5]);
      double se = Double.parseDouble(f[6]);
      assertThat(our.estimate()).as("estimate " + line).isCloseTo(estimate, within(Math.abs(estimate) * 1e-6));
      assertThat(our.se()).as("se " + line).isCloseTo(se, within(se * 1e-6));
    }
  }
}
