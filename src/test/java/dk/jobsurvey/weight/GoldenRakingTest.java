package dk.jobsurvey.weight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.jobs.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  static double largestRelativeDifference(Map<String, Double> weights, Map<String, Double> expected) {
    assertThat(weights.keySet()).containsExactlyElementsOf(expected.keySet());
    double worst = 0;
    for (Map.Entry<String, Double> entry : expected.entrySet()) {
      worst = Math.max(worst, Math.abs(weights.get(entry.getKey()) / entry.getValue() - 1));
    }
    return worst;
  }

  @Test
  void theRakeCsvJobWritesRsWeights(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("weights.csv");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = Launcher.run(new String[] {"rake-csv", "--config", TestFiles.surveyConfig().toString(),
        "--respondents", golden("respondents.csv").toString(), "--margins", golden("population_margins.csv").toString(),
        "--out", out.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
    assertThat(exit).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("482 respondents in 12 strata", "converged after");
    Map<String, Double> written = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("respondent_id,weight");
    lines.subList(1, lines.size()).forEach(line -> written.put(line.split(",")[0], Double.parseDouble(line.split(",")[1])));
    assertThat(largestRelativeDifference(written, expectedWeights())).isLessThan(1e-8);
  }

  @Test
  void everyWeightMatchesRToOneInAHundredMillion() throws Exception {
    CsvRaking.Input input = CsvRaking.read(golden("respondents.csv"), golden("population_margins.csv"), CsvRaking.DEFAULT_STRATA);
    WeightingResult result = new CellWeighting(SURVEY.weighting(), MergeRules.of(SURVEY)).weigh(input.problem());
    Map<String, Double> weights = CsvRaking.weights(input, result);

    Map<String, Double> expected = expectedWeights();
    assertThat(expected).hasSize(482);
    assertThat(largestRelativeDifference(weights, expected)).as("largest relative difference from R").isLessThan(1e-8);
    assertThat(result.converged()).isTrue();
    assertThat(result.marginClasses()).allSatisfy(c -> assertThat(c.relativeError()).isLessThan(1e-10));
    assertThat(result.strata()).hasSize(12).noneMatch(WeightingResult.Stratum::merged);
  }

  @Test
  void badCsvInputNamesTheFileLineAndProblem(@TempDir Path dir) throws Exception {
    Path margins = golden("population_margins.csv");
    Path noSize = dir.resolve("no_size.csv");
    Files.writeString(noSize, "respondent_id,kommunekode,ydelsesgruppe,koen,aldersgruppe,varighedsgruppe\nR1,101,dagpenge,K,50+,<6m\n");
    assertThatThrownBy(() -> CsvRaking.read(noSize, margins, CsvRaking.DEFAULT_STRATA))
        .hasMessageContaining(noSize + ": no column 'N_h' in the header line");
    Path twoSizes = dir.resolve("two_sizes.csv");
    Files.writeString(twoSizes, "respondent_id,kommunekode,ydelsesgruppe,koen,aldersgruppe,varighedsgruppe,N_h\n"
        + "R1,101,dagpenge,K,50+,<6m,941\nR2,101,dagpenge,M,50+,<6m,940\nR3,101,dagpenge,M,50+,<6m,\n");
    assertThatThrownBy(() -> CsvRaking.read(twoSizes, margins, CsvRaking.DEFAULT_STRATA))
        .hasMessage(twoSizes + " line 3: N_h 940 for stratum 101|dagpenge, where earlier lines give 941");
    Path badMargins = dir.resolve("margins.csv");
    Files.writeString(badMargins, "margin,category,total\nydelsesgruppe*koen,dagpenge,12\n");
    assertThatThrownBy(() -> CsvRaking.read(golden("respondents.csv"), badMargins, CsvRaking.DEFAULT_STRATA))
        .hasMessage(badMargins + " line 2: category 'dagpenge' has 1 values but margin ydelsesgruppe*koen has 2 variables");
  }
}
