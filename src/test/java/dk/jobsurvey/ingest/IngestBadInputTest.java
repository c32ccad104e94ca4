package dk.jobsurvey.ingest;

import static dk.jobsurvey.ingest.ExtractFixtures.substitute;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.SecretKeys;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.files.SourceFile;
import dk.jobsurvey.jobs.IngestJob;
import dk.jobsurvey.jobs.JobCommand;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that cannot be ingested, beside one good file: each bad file is rejected with a message
 * naming it and the problem (or handled, where it can be), the good one is ingested, and the job
 * exits with its own code.
 */
@ExtendWith(SparkTestSession.class)
class IngestBadInputTest {
  static final Survey SURVEY = IngestExtractsTest.SURVEY;
  static final List<String> HEADERS = List.of("CPR-nr", "Navn", "Ydelse", "Dato for overgang", "Passiv", "Kommunekode");

  @TempDir
  static Path dir;
  static Path input;
  static IngestExtracts.Result result;
  static Warehouse warehouse;
  static final List<String> CPRS = new ArrayList<>();

  static List<Object> person(int day, String ydelse, String code) {
    String cpr = substitute(day, 3, 82, "1234");
    CPRS.add(cpr);
    return List.of(cpr, "Jens Ølgaard", ydelse, "2022-01-15", "nej", code);
  }

  @BeforeAll
  static void ingest(SparkSession spark) throws Exception {
    input = dir.resolve("in");
    ExtractFixtures.csv(input, "good_101.csv", StandardCharsets.UTF_8, HEADERS,
        List.of(person(1, "Sygedagpenge", "101"), person(2, "Dagpenge", "101")));
    Path xlsx = ExtractFixtures.xlsx(input, "whole_147.xlsx", HEADERS, List.of(person(3, "Sygedagpenge", "147")));
    byte[] bytes = Files.readAllBytes(xlsx);
    Files.write(input.resolve("corrupt_151.xlsx"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Files.write(input.resolve("empty_153.csv"), new byte[0]);
    Files.write(input.resolve("empty_155.xlsx"), new byte[0]);
    ExtractFixtures.csv(input, "noheader_157.csv", StandardCharsets.UTF_8, person(4, "Sygedagpenge", "157").stream()
        .map(Object::toString).toList(), List.<List<Object>>of(person(5, "Sygedagpenge", "157")));
    ExtractFixtures.csv(input, "missing_159.csv", StandardCharsets.UTF_8, List.of("CPR-nr", "Navn", "Ydelse", "Passiv"),
        List.of(List.of(substitute(6, 3, 82, "1234"), "A", "Sygedagpenge", "nej")));
    ExtractFixtures.csv(input, "dupheader_161.csv", StandardCharsets.UTF_8,
        List.of("CPR-nr", "Navn", "Ydelse", "Dato for overgang", "Passiv", "navn"),
        List.of(List.of(substitute(7, 3, 82, "1234"), "A", "Sygedagpenge", "2022-01-15", "nej", "B")));
    List<String> withExtra = new ArrayList<>(HEADERS);
    withExtra.add("Sagsbehandler initialer");
    List<Object> extraRow = new ArrayList<>(person(8, "Sygedagpenge", "163"));
    extraRow.add("KLM");
    ExtractFixtures.csv(input, "extra_163.csv", StandardCharsets.UTF_8, withExtra, List.of(extraRow));
    ExtractFixtures.csv(input, "latin1_165.csv", Charset.forName("ISO-8859-1"), HEADERS, List.of(person(9, "Førtidspension", "165")));
    ExtractFixtures.csv(input, "utf16_167.csv", StandardCharsets.UTF_16, HEADERS, List.of(person(10, "Sygedagpenge", "167")));
    Files.writeString(input.resolve("README.txt"), "Udtræk fra kommunerne, runde 2023Q2");
    Files.write(input.resolve("old_169.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    result = new IngestExtracts(SURVEY, warehouse, IngestExtractsTest.KEY, input.toString()).execute();
  }

  private static String rejection(String file) {
    return result.rejected().stream().filter(r -> r.file().equals(file)).map(FileRejection::problem).findFirst()
        .orElseThrow(() -> new AssertionError(file + " was not rejected; rejected: " + result.rejected()));
  }

  @Test
  void corruptAndEmptyWorkbooksAreRejected() {
    assertThat(rejection("corrupt_151.xlsx")).contains("not a valid .xlsx workbook");
    assertThat(rejection("empty_153.csv")).isEqualTo("the file is empty (0 bytes)");
    assertThat(rejection("empty_155.xlsx")).isEqualTo("the file is empty (0 bytes)");
    assertThat(rejection("old_169.xls")).contains("old Excel format (.xls)");
  }

  @Test
  void everyRejectionSaysItsProblemInDanishToo() {
    assertThat(result.rejected()).allSatisfy(r -> assertThat(r.problemDansk()).isNotBlank().isNotEqualTo(r.problem()));
    assertThat(result.rejected()).filteredOn(r -> r.file().equals("missing_159.csv")).singleElement()
        .extracting(FileRejection::problemDansk).asString().startsWith("Ingen kolonne for dato_overgang");
  }

  @Test
  void fileWithoutHeaderRowIsRejectedWithoutShowingItsData() {
    assertThat(rejection("noheader_157.csv")).contains("no header row").doesNotContain(substitute(4, 3, 82, "1234"));
  }

  @Test
  void missingRequiredColumnNamesTheColumnAndTheAliasesTried() {
    assertThat(rejection("missing_159.csv")).contains("no column for dato_overgang",
        "dato for overgang, overgangsdato, dato overgang til ydelse");
  }

  @Test
  void duplicateHeadersAreRejected() {
    assertThat(rejection("dupheader_161.csv")).contains("the header 'navn' appears twice");
  }

  @Test
  void extraColumnIsIgnoredAndReportedAndOtherEncodingsAreRead() {
    assertThat(result.columnsByFile().get("extra_163.csv").unused()).containsExactly("Sagsbehandler initialer");
    Map<String, Row> raw = warehouse.readRound(Table.RAW_EXTRACT, SURVEY.round()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("source_file"), r -> r, (a, b) -> a));
    assertThat(raw.get("latin1_165.csv").<String>getAs("navn")).isEqualTo("Jens Ølgaard");
    assertThat(raw.get("latin1_165.csv").<String>getAs("ydelse")).isEqualTo("Førtidspension");
    assertThat(raw.get("utf16_167.csv").<String>getAs("navn")).isEqualTo("Jens Ølgaard");
    assertThat(raw.get("extra_163.csv").<String, String>getJavaMap(raw.get("extra_163.csv").fieldIndex("extra_columns")))
        .containsEntry("Sagsbehandler initialer", "KLM");
  }

  @Test
  void goodFilesAreIngestedAndNonExtractsIgnored() {
    assertThat(result.ignored()).extracting(SourceFile::name).containsExactly("README.txt");
    assertThat(result.rejected()).extracting(FileRejection::file).containsExactlyInAnyOrder("corrupt_151.xlsx",
        "empty_153.csv", "empty_155.xlsx", "noheader_157.csv", "missing_159.csv", "dupheader_161.csv", "old_169.xls");
    Map<String, Long> eligible = IngestExtractsTest.countPerFile(
        warehouse.readRound(Table.POPULATION, SURVEY.round()).where("eligible"));
    assertThat(eligible).containsEntry("good_101.csv", 2L).containsEntry("whole_147.xlsx", 1L)
        .containsEntry("extra_163.csv", 1L).containsEntry("utf16_167.csv", 1L);
    // Rejected files are listed in data_quality with their problem and no rows.
    Row corrupt = warehouse.readRound(Table.DATA_QUALITY, SURVEY.round()).where("source_file = 'corrupt_151.xlsx'").head();
    assertThat(corrupt.<String>getAs("file_status")).isEqualTo("rejected");
    assertThat(corrupt.<Long>getAs("rows_read")).isZero();
  }

  @Test
  void theJobExitsWithItsOwnCodeAndLeaksNoCprIntoOutputOrLogs() throws Exception {
    Path config = configWithKeys();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    String logs;
    try (LogCapture capture = new LogCapture()) {
      code = runIngest(config, out, err, input);
      logs = capture.text();
    }
    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(IngestJob.EXIT_FILES_REJECTED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("7 file(s) rejected, the others ingested", "corrupt_151.xlsx");
    assertThat(printed).contains("REJECTED missing_159.csv: no column for dato_overgang", "ignored (not an extract): README.txt");
    for (String cpr : CPRS) {
      assertThat(printed + logs).doesNotContain(cpr).doesNotContain(cpr.substring(0, 6) + "-" + cpr.substring(6));
    }
  }

  /** The shipped configuration with its key files in the test's folder (created owner-only). */
  private static Path configWithKeys() throws Exception {
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    SecretKeys.createIfMissing(dir.resolve("keys/pseudonym.key"));
    return config;
  }

  private static int runIngest(Path config, ByteArrayOutputStream out, ByteArrayOutputStream err, Path folder) {
    return Launcher.run(new String[] {"ingest", "--config", config.toString(), "--questionnaire",
        TestFiles.questionnaireConfig().toString(), "--warehouse", dir.resolve("job-warehouse").toString(),
        "--input", folder.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void emptyInputFolderIsOneClearLine() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("nothing"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = runIngest(configWithKeys(), new ByteArrayOutputStream(), err, empty);
    assertThat(code).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no extracts ingested from", "the folder is empty");
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
  }
}
