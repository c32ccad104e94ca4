package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.weight.CellWeighting;
import dk.jobsurvey.weight.CsvRaking;
import dk.jobsurvey.weight.MergeRules;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each municipality's difference to the other municipalities, and each of its groups' to the same
 * group elsewhere, on testdata/golden-raking against R survey 4.1.1 (src/test/resources/r/
 * golden_differences.R: calibrated totals and svycontrast): difference and SE to 1e-6 relative.
 */
class GoldenDifferencesTest {
  @Test
  void differencesToTheOtherMunicipalitiesAndTheirSeMatchR() throws Exception {
    Survey survey = ConfigLoader.survey(TestFiles.surveyConfig());
    CsvRaking.Input input = CsvRaking.read(GoldenEstimatesTest.golden("respondents.csv"),
        GoldenEstimatesTest.golden("population_margins.csv"), CsvRaking.DEFAULT_STRATA);
    List<CsvEstimates.Difference> ours = CsvEstimates.differences(input,
        new CellWeighting(survey.weighting(), MergeRules.of(survey)).weigh(input.problem()), List.of(4, 5));
    Map<String, CsvEstimates.Difference> byKey = new HashMap<>();
    ours.forEach(d -> byKey.put(String.join(",", d.item(), d.statistic(), d.kommunekode(), d.ydelsesgruppe()), d));

    List<String> expected = Files.readAllLines(GoldenEstimatesTest.golden("expected_differences.csv"));
    assertThat(expected.get(0)).isEqualTo("item,statistic,kommunekode,ydelsesgruppe,difference,se");
    // 2 items × 2 statistics × 3 municipalities × (the municipality and its 4 groups).
    assertThat(expected).hasSize(1 + 60);
    assertThat(byKey).hasSize(expected.size() - 1);
    for (String line : expected.subList(1, expected.size())) {
      String[] f = line.split(",");
      CsvEstimates.Difference our = byKey.get(String.join(",", f[0], f[1], f[2], f[3]));
      assertThat(our).as(line).isNotNull();
      double difference = Double.parseDouble(f[4]);
      double se = Double.parseDouble(f[5]);
      assertThat(our.difference()).as("difference " + line).isCloseTo(difference, within(Math.abs(difference) * 1e-6));
      assertThat(our.se()).as("se " + line).isCloseTo(se, within(se * 1e-6));
    }
  }
}
