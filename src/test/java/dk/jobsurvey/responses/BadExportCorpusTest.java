package dk.jobsurvey.responses;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.support.SmallPipeline;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of survey-tool exports (src/test/resources/bad-input/exports): each file is
 * loaded on its own, after the round's tokens are put in, and does what expected.tsv says.
 */
@ExtendWith(SparkTestSession.class)
class BadExportCorpusTest {
  static final Path CORPUS = TestFiles.projectDir().resolve("src/test/resources/bad-input/exports");

  record Case(String file, String outcome, String detail) {
    @Override
    public String toString() {
      return file + ": " + outcome + " " + detail;
    }
  }

  @TempDir
  static Path dir;
  static Warehouse warehouse;
  static List<String> tokens;

  static Stream<Case> cases() throws Exception {
    return Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", -1))
        .map(cells -> new Case(cells[0], cells[1], cells[2]));
  }

  @BeforeAll
  static void invite(SparkSession spark) throws Exception {
    warehouse = SmallPipeline.invited(spark, LoadResponsesTest.SURVEY, dir, "825,563", 7, 0.02);
    tokens = warehouse.readRound(Table.CONTACTS, LoadResponsesTest.SURVEY.round()).select("token").orderBy("token")
        .as(Encoders.STRING()).collectAsList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outcome(Case expected) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("load-" + expected.file()));
    byte[] bytes = Files.readAllBytes(CORPUS.resolve(expected.file()));
    if (expected.file().endsWith(".csv")) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      for (int i = 1; i <= 3; i++) {
        text = text.replace("{T" + i + "}", tokens.get(i)).replace("{t" + i + "}", tokens.get(i).toLowerCase(Locale.ROOT));
      }
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }
    Files.write(folder.resolve(expected.file()), bytes);
    LoadResponses.Result result = new LoadResponses(LoadResponsesTest.SURVEY, LoadResponsesTest.QUESTIONNAIRE, warehouse, folder.toString())
        .execute();
    String round = LoadResponsesTest.SURVEY.round();
    switch (expected.outcome()) {
      case "rejected" -> assertThat(result.rejected()).singleElement().extracting(FileRejection::problem).asString()
          .contains(expected.detail());
      case "q1" -> {
        int index = expected.file().startsWith("token") ? 1 : 2;
        var person = warehouse.readRound(Table.CONTACTS, round).where(col("token").equalTo(tokens.get(index))).select("person_key");
        assertThat(warehouse.readRound(Table.RESPONSES, round).join(person, "person_key").select("q1").head().getInt(0))
            .isEqualTo(Integer.parseInt(expected.detail()));
      }
      case "out_of_range" -> assertThat(result.counts()).containsEntry("answers_out_of_range", Long.parseLong(expected.detail()));
      case "quarantined" -> assertThat(warehouse.readRound(Table.RESPONSE_QUARANTINE, round)
          .where(col("source_file").equalTo(expected.file())).select("reason_code").head().getString(0)).isEqualTo(expected.detail());
      default -> throw new IllegalArgumentException("unknown outcome in expected.tsv: " + expected);
    }
  }
}
