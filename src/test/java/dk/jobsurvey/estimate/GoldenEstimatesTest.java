package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** estimate-csv on testdata/golden-raking against R survey 4.1.1's svymean/svyby on the calibrated design. */
class GoldenEstimatesTest {
  static Path golden(String file) {
    return TestFiles.projectDir().resolve("src/test/resources/golden-raking").resolve(file);
  }

  @Test
  void everyEstimateAndStandardErrorMatchesRToOneInAMillion(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("estimates.csv");
    int exit = Launcher.run(new String[] {"estimate-csv", "--config", TestFiles.surveyConfig().toString(),
        "--questionnaire", TestFiles.questionnaireConfig().toString(), "--respondents", golden("respondents.csv").toString(),
        "--margins", golden("population_margins.csv").toString(), "--out", out.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
    assertThat(exit).isZero();
    List<String> written = Files.readAllLines(out);
    assertThat(written.get(0)).isEqualTo("item,statistic,domain,value,n,estimate,se");
    Map<String, CsvEstimates.Line> ours = new HashMap<>();
    for (String text : written.subList(1, written.size())) {
      String[] f = text.split(",");
      ours.put(String.join(",", f[0], f[1], f[2], f[3]), new CsvEstimates.Line(f[0], f[1], f[2], f[3], Long.parseLong(f[4]),
          Double.parseDouble(f[5]), Double.parseDouble(f[6])));
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
