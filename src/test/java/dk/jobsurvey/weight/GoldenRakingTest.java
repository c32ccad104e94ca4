package dk.jobsurvey.weight;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The weights of testdata/golden-raking, computed by R survey 4.1.1's calibrate(calfun = "raking"). */
class GoldenRakingTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());

  static Path golden(String file) {
    return TestFiles.projectDir().resolve("src/test/resources/golden-raking").resolve(file);
  }

  static Map<String, Double> expectedWeights() throws Exception {
    Map<String, Double> expected = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(golden("expected_weights.csv"));
    assertThat(lines.get(0)).isEqualTo("respondent_id,weight");
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      expected.put(fields[0].replace("\"", ""), Double.parseDouble(fields[1]));
    }
    return expected;
  }

  @Test
  void everyWeightMatchesRToOneInAHundredMillion() throws Exception {
    CsvRaking.Input input = CsvRaking.read(golden("respondents.csv"), golden("population_margins.csv"), CsvRaking.DEFAULT_STRATA);
    WeightingResult result = new CellWeighting(SURVEY.weighting(), MergeRules.of(SURVEY)).weigh(input.problem());
    Map<String, Double> weights = CsvRaking.weights(input, result);

    Map<String, Double> expected = expectedWeights();
    assertThat(weights.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThat(expected).hasSize(482);
    double worst = 0;
    for (Map.Entry<String, Double> entry : expected.entrySet()) {
      worst = Math.max(worst, Math.abs(weights.get(entry.getKey()) / entry.getValue() - 1));
    }
    assertThat(worst).as("largest relative difference from R").isLessThan(1e-8);
    assertThat(result.converged()).isTrue();
    assertThat(result.marginClasses()).allSatisfy(c -> assertThat(c.relativeError()).isLessThan(1e-10));
    assertThat(result.strata()).hasSize(12).noneMatch(WeightingResult.Stratum::merged);
  }
}
