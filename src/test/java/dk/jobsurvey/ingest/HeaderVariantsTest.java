package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.IngestJob;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real extracts as municipalities lay them out ({@code src/test/resources/header-variants/}, written
 * by {@link HeaderVariants}): the seed's own header names, qualifiers, words in another order, title
 * rows, data on a second sheet or over two sheets, trailing empty columns and rows, a total line, a
 * configured override, missing optional columns, and ambiguous headers. The folder is ingested once
 * by the job; each file must be matched as {@code expected.tsv} says (or rejected with its message),
 * and every accepted variant must give the same population rows as the plain layout.
 */
@ExtendWith(SparkTestSession.class)
class HeaderVariantsTest {
  private static final Path CORPUS = TestFiles.projectDir().resolve("src/test/resources/header-variants");

  record Case(String file, String outcome, String detail) {
    @Override
    public String toString() {
      return file;
    }
  }

  @TempDir
  static Path dir;
  static int exit;
  static String printed;
  static Warehouse warehouse;
  static Map<String, Row> dataQuality;

  static Stream<Case> cases() throws Exception {
    return Files.readAllLines(CORPUS.resolve("expected.tsv")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("\t", -1)).map(c -> new Case(c[0], c[1], c[2]));
  }

  @BeforeAll
  static void ingestTheCorpus(SparkSession spark) throws Exception {
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    // Læsø's own header for the phone column, which no alias or word rule can guess.
    Files.writeString(config, Files.readString(config).replace("header_overrides: {}",
        "header_overrides:\n    \"825\": { telefon: \"Kontakt (privat)\" }"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, stream, stream)).isZero();
    Path input = Files.createDirectories(dir.resolve("extracts"));
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals("expected.tsv")).toList()) {
        Files.copy(file, input.resolve(file.getFileName()));
      }
    }
    exit = Launcher.run(new String[] {"ingest", "--config", config.toString(), "--warehouse", dir.resolve("warehouse").toString(),
        "--input", input.toString()}, stream, stream);
    printed = out.toString(StandardCharsets.UTF_8);
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    dataQuality = warehouse.read(Table.DATA_QUALITY).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("source_file"), r -> r));
  }

  @Test
  void theJobIngestsTheGoodFilesAndExitsThreeForTheRejectedOnes() {
    assertThat(exit).as(printed).isEqualTo(IngestJob.EXIT_FILES_REJECTED);
    assertThat(printed).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachFileIsMatchedOrRejectedAsExpected(Case expected) {
    Row row = dataQuality.get(expected.file());
    assertThat(row).as("data_quality row of %s", expected.file()).isNotNull();
    if (expected.outcome().equals("accepted")) {
      assertThat(row.<String>getAs("file_status")).isEqualTo("read");
      assertThat(row.<String>getAs("columns_matched")).isEqualTo(expected.detail());
    } else {
      assertThat(row.<String>getAs("file_status")).isEqualTo("rejected");
      assertThat(row.<String>getAs("file_problem")).contains(expected.detail());
      assertThat(printed).contains(expected.file() + ": ").contains(expected.detail());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyAcceptedVariantGivesThePopulationRowsOfThePlainLayout(Case variant) {
    if (!variant.outcome().equals("accepted")) {
      return;
    }
    boolean optionalColumnsMissing = variant.file().startsWith("missing_optional");
    List<String> compared = optionalColumnsMissing
        ? List.of("person_key", "kommunekode", "ydelse", "ydelsesgruppe", "koen", "alder", "dato_overgang", "passiv")
        : List.of("person_key", "kommunekode", "ydelse", "ydelsesgruppe", "koen", "alder", "dato_overgang",
            "dato_seneste_samtale", "afsluttet_forloeb", "passiv");
    assertThat(population(variant.file(), compared)).isEqualTo(population("plain_825.csv", compared)).hasSize(6);
  }

  @Test
  void aTotalLineIsQuarantinedAsSuchAndTrailingEmptyRowsAreNoRows() {
    List<Row> quarantined = warehouse.read(Table.QUARANTINE).where("source_file = 'total_line_825.xlsx'").collectAsList();
    assertThat(quarantined).singleElement().satisfies(r -> {
      assertThat(r.<String>getAs("reason_code")).isEqualTo("total_line");
      assertThat(r.<Long>getAs("source_row")).isEqualTo(8L); // header row 1, six people, the total in row 8
    });
    assertThat(dataQuality.get("trailing_empty_825.csv").<Long>getAs("rows_read")).isEqualTo(6L);
  }

  @Test
  void rowsKeepTheirRowNumbersBelowTitleRowsAndOnTheirOwnSheet() {
    assertThat(rows("title_rows_825.xlsx")).containsExactly(5L, 6L, 7L, 8L, 9L, 10L); // three title rows, header in row 4
    assertThat(rows("two_sheets_825.xlsx")).containsExactly(2L, 3L, 4L);
    assertThat(rows("two_sheets_825.xlsx [Ark2]")).containsExactly(2L, 3L, 4L);
  }

  @Test
  void everyMissingOptionalColumnIsNamedWithWhatItCostsInDataQualityAndOnTheConsole() {
    String missing = dataQuality.get("missing_optional_825.csv").getAs("columns_missing");
    assertThat(missing).contains("navn: ingen navne: brevene til 825 flettes uden navn",
        "telefon: ingen telefonnumre: ingen SMS-påmindelser for 825",
        "dato_seneste_samtale: ingen dato for seneste samtale", "afsluttet_forloeb: ingen oplysning om afsluttet forløb",
        "kommunekode: ingen kommunekode: koden tages fra filnavnet");
    assertThat(printed).contains("columns of missing_optional_825.csv:",
        "missing telefon: ingen telefonnumre: ingen SMS-påmindelser for 825");
    assertThat(dataQuality.get("plain_825.csv").<String>getAs("columns_missing")).isEmpty();
    // A column that fits nothing is reported as not used, not dropped without a word.
    assertThat(dataQuality.get("words_825.csv").<String>getAs("columns_unused")).isEmpty();
  }

  private static List<Long> rows(String sourceFile) {
    return warehouse.read(Table.POPULATION).where(functions.col("source_file").equalTo(sourceFile)).orderBy("source_row")
        .select("source_row").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
  }

  private static List<String> population(String file, List<String> columns) {
    Dataset<Row> rows = warehouse.read(Table.POPULATION)
        .where(functions.col("source_file").equalTo(file).or(functions.col("source_file").startsWith(file + " [")));
    return rows.select(functions.concat_ws("|", columns.stream().map(c -> functions.col(c).cast("string")).toArray(org.apache.spark.sql.Column[]::new)))
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
  }
}
