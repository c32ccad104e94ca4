package dk.jobsurvey.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.IngestJob;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of municipal extracts (src/test/resources/bad-input/extracts): every file and
 * row has its expected outcome in expected.tsv, checked against what the ingest job did with the
 * whole folder. The job says what it did in words: no stack trace.
 */
@ExtendWith(SparkTestSession.class)
class BadInputCorpusTest {
  static final Path CORPUS = TestFiles.projectDir().resolve("src/test/resources/bad-input/extracts");

  /** One line of expected.tsv. */
  record Case(String file, String row, String outcome, String detail) {
    @Override
    public String toString() {
      return file + (row.equals("-") ? "" : " row " + row) + ": " + outcome + (detail.isEmpty() ? "" : " " + detail);
    }
  }

  @TempDir
  static Path dir;
  static String printed;
  static int exit;
  static Warehouse warehouse;

  static Stream<Case> cases() throws Exception {
    return Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", -1))
        .map(cells -> new Case(cells[0], cells[1], cells[2], cells[3]));
  }

  @BeforeAll
  static void ingestTheCorpus(SparkSession spark) throws Exception {
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (LogCapture logs = new LogCapture()) {
      assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, stream, stream)).isZero();
      exit = Launcher.run(new String[] {"ingest", "--config", config.toString(), "--warehouse", dir.resolve("warehouse").toString(),
          "--input", CORPUS.toString()}, stream, stream);
      printed = out.toString(StandardCharsets.UTF_8) + logs.text();
    }
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
  }

  @Test
  void everyFileOfTheCorpusHasAnExpectedOutcomeAndTheJobSaysWhatItDidInWords() throws Exception {
    List<String> files;
    try (Stream<Path> listing = Files.list(CORPUS)) {
      files = listing.map(p -> p.getFileName().toString()).toList();
    }
    // expected.tsv sits among the cases: a file that is not an extract, ignored like README.txt.
    assertThat(cases().map(Case::file).distinct().toList()).containsExactlyInAnyOrderElementsOf(files);
    assertThat(cases().count()).isGreaterThanOrEqualTo(30);
    assertThat(exit).as(printed).isEqualTo(IngestJob.EXIT_FILES_REJECTED);
    assertThat(printed).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outcome(Case expected) {
    Dataset<Row> quality = warehouse.readRound(Table.DATA_QUALITY, "2023Q2").where(col("source_file").equalTo(expected.file()));
    switch (expected.outcome()) {
      case "rejected" -> {
        assertThat(printed.lines().filter(line -> line.contains("REJECTED " + expected.file() + ": ")))
            .singleElement().asString().contains(expected.detail());
        assertThat(quality.where(col("file_status").equalTo("rejected")).count()).isOne();
      }
      case "ignored" -> assertThat(printed).contains("ignored (not an extract): " + expected.file());
      case "empty" -> assertThat(quality.select("rows_read").head().<Long>getAs(0)).isZero();
      case "quarantined" -> assertThat(warehouse.readRound(Table.QUARANTINE, "2023Q2")
          .where(col("source_file").equalTo(expected.file()).and(col("source_row").equalTo(Long.parseLong(expected.row()))))
          .select("reason_code").head().<String>getAs(0)).isEqualTo(expected.detail());
      case "eligible", "excluded", "repaired" -> {
        Row person = population(expected);
        if (expected.outcome().equals("excluded")) {
          assertThat(person.<String>getAs("exclusion_reason")).isEqualTo(expected.detail());
        } else {
          assertThat(person.<Boolean>getAs("eligible")).as(person.toString()).isTrue();
          if (expected.outcome().equals("eligible")) {
            assertThat(person.<String>getAs("ydelsesgruppe")).isEqualTo(expected.detail());
          } else {
            assertThat(quality.select(expected.detail()).head().<Long>getAs(0)).isPositive();
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown outcome in expected.tsv: " + expected);
    }
  }

  /** The population row of a source row (through restricted/, as only a test may). */
  private static Row population(Case expected) {
    Dataset<Row> raw = warehouse.readRound(Table.RAW_EXTRACT, "2023Q2")
        .where(col("source_file").equalTo(expected.file()).and(col("source_row").equalTo(Long.parseLong(expected.row()))));
    assertThat(raw.count()).as(expected.toString()).isOne();
    String cpr = CprNumber.parse(raw.select("cpr").head().getString(0)).number().digits();
    Dataset<Row> identity = warehouse.readRound(Table.IDENTITY, "2023Q2").where(col("cpr").equalTo(cpr));
    return warehouse.readRound(Table.POPULATION, "2023Q2").join(identity.select("person_key"), "person_key").head();
  }
}
