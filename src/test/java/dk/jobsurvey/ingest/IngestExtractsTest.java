package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ingest step on the hand-made corpus: exact counts, reconciliation, privacy and reruns. */
@ExtendWith(SparkTestSession.class)
class IngestExtractsTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  static final byte[] KEY = "a test key that is long enough for HMAC-SHA256!".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path dir;
  static HandMadeCorpus corpus;
  static Warehouse warehouse;
  static IngestExtracts.Result result;

  @BeforeAll
  static void ingest(SparkSession spark) throws Exception {
    corpus = new HandMadeCorpus().write(dir.resolve("extracts"), SURVEY.ingest().headers());
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    result = new IngestExtracts(SURVEY, warehouse, KEY, dir.resolve("extracts").toString()).execute();
  }

  private static Map<String, Row> dataQualityByFile() {
    return warehouse.readRound(Table.DATA_QUALITY, SURVEY.round()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("source_file"), r -> r));
  }

  @Test
  void everyFileIsReadWithTheExpectedCounts() {
    assertThat(result.rejected()).isEmpty();
    Map<String, Row> byFile = dataQualityByFile();
    assertThat(byFile.keySet()).containsExactlyInAnyOrderElementsOf(corpus.expected.keySet());
    corpus.expected.forEach((file, expected) -> {
      Row row = byFile.get(file);
      assertThat(row.<Long>getAs("rows_read")).as(file).isEqualTo(expected.read());
      assertThat(row.<Long>getAs("rows_quarantined")).as(file).isEqualTo(expected.quarantined());
      assertThat(row.<Long>getAs("eligible")).as(file).isEqualTo(expected.eligible());
      assertThat(row.<Long>getAs("excluded_duplicate")).as(file).isEqualTo(expected.duplicates());
      for (String reason : List.of("invalid_cpr", "invalid_date", "future_date", "missing_benefit", "invalid_yes_no")) {
        assertThat(row.<Long>getAs(reason)).as(file + " " + reason).isEqualTo(1L);
      }
      for (String reason : List.of("out_of_scope", "unknown_benefit", "too_short", "passive", "age_out_of_range")) {
        assertThat(row.<Long>getAs("excluded_" + reason)).as(file + " " + reason).isEqualTo(1L);
      }
      assertThat(row.<Long>getAs("cpr_repaired")).as(file).isEqualTo(1L);
      assertThat(row.<Long>getAs("cpr_substitute")).as(file).isPositive();
    });
    assertThat(byFile.get("sub/udtraek_153_2023.csv").<String>getAs("kommunekode")).isEqualTo("153");
    assertThat(byFile.get("udtraek_151.xlsx").<String>getAs("kommunekode")).isEqualTo("151");
  }

  @Test
  void countsReconcileWithEachOtherAndWithTheTables() {
    Map<String, Long> quarantinedPerFile = countPerFile(warehouse.readRound(Table.QUARANTINE, SURVEY.round()));
    Map<String, Long> populationPerFile = countPerFile(warehouse.readRound(Table.POPULATION, SURVEY.round()));
    Map<String, Long> eligiblePerFile = countPerFile(warehouse.readRound(Table.POPULATION, SURVEY.round()).where("eligible"));
    assertReconciled(dataQualityByFile(), quarantinedPerFile, populationPerFile, eligiblePerFile);
  }

  /** rows_read = accepted + quarantined and accepted = eligible + excluded, for every file, and as the tables hold them. */
  static void assertReconciled(Map<String, Row> dataQuality, Map<String, Long> quarantined, Map<String, Long> population,
      Map<String, Long> eligible) {
    for (Row row : dataQuality.values()) {
      String file = row.getAs("source_file");
      long read = row.<Long>getAs("rows_read");
      long accepted = row.<Long>getAs("rows_accepted");
      long rejected = row.<Long>getAs("rows_quarantined");
      assertThat(read).as(file).isEqualTo(accepted + rejected);
      long byReason = 0;
      for (QuarantineReason reason : QuarantineReason.values()) {
        byReason += row.<Long>getAs(reason.code());
      }
      assertThat(byReason).as(file).isEqualTo(rejected);
      long excluded = 0;
      for (ExclusionReason reason : ExclusionReason.values()) {
        excluded += row.<Long>getAs("excluded_" + reason.code());
      }
      assertThat(accepted).as(file).isEqualTo(row.<Long>getAs("eligible") + excluded);
      assertThat(quarantined.getOrDefault(file, 0L)).as(file).isEqualTo(rejected);
      assertThat(population.getOrDefault(file, 0L)).as(file).isEqualTo(accepted);
      assertThat(eligible.getOrDefault(file, 0L)).as(file).isEqualTo(row.<Long>getAs("eligible"));
    }
  }

  static Map<String, Long> countPerFile(Dataset<Row> rows) {
    return rows.groupBy("source_file").count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  @Test
  void eligiblePersonsAreUniqueAndDerivedColumnsAreFilled() {
    Dataset<Row> eligible = warehouse.readRound(Table.POPULATION, SURVEY.round()).where("eligible");
    assertThat(eligible.count()).isEqualTo(eligible.select("person_key").distinct().count());
    assertThat(eligible.where("koen is null or aldersgruppe is null or varighedsgruppe is null or ydelsesgruppe is null").count())
        .isZero();
    assertThat(eligible.select("person_key").head().getString(0)).matches("[0-9a-f]{64}");
    Row identity = warehouse.readRound(Table.IDENTITY, SURVEY.round()).where("telefon is not null").head();
    assertThat(identity.<String>getAs("telefon")).isEqualTo("+4522334455");
    assertThat(identity.<String>getAs("navn")).isEqualTo("Søren Ærbø Åsted");
  }

  @Test
  void windows1252AndSpreadsheetValuesComeOutRight() {
    Row raw = warehouse.readRound(Table.RAW_EXTRACT, SURVEY.round()).where("source_file = 'sub/udtraek_147_2023.csv'").head();
    assertThat(raw.<String>getAs("navn")).isEqualTo("Søren Ærbø Åsted");
    List<Row> repaired = warehouse.readRound(Table.RAW_EXTRACT, SURVEY.round())
        .where("source_file = 'udtraek_151.xlsx' and length(cpr) = 9").collectAsList();
    assertThat(repaired).hasSize(1);
    assertThat(repaired.get(0).<Long>getAs("source_row")).isEqualTo(4L);
    List<Row> quarantine = warehouse.readRound(Table.QUARANTINE, SURVEY.round())
        .where("source_file = 'udtraek_151.xlsx'").orderBy("source_row").collectAsList();
    assertThat(quarantine).extracting(r -> r.<Long>getAs("source_row")).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(quarantine).extracting(r -> r.<String>getAs("reason_code")).containsExactly("invalid_cpr", "invalid_date",
        "future_date", "missing_benefit", "invalid_yes_no", "unknown_municipality");
  }

  @Test
  void theWorkbookGivesEachProblemRowItsDanishDetail() throws Exception {
    List<String> english = warehouse.readRound(Table.QUARANTINE, SURVEY.round()).where("source_file = 'udtraek_151.xlsx'")
        .orderBy("source_row").collectAsList().stream().map(r -> r.<String>getAs("reason_detail")).toList();
    org.apache.hadoop.fs.Path file = result.workbooks().stream()
        .filter(p -> p.getName().equals("datakvalitet_151_" + SURVEY.round() + ".xlsx")).findFirst().orElseThrow();
    try (InputStream in = warehouse.fileSystem().open(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      Sheet problems = workbook.getSheet("Problemrækker");
      List<String> files = DataQualityWorkbooksTest.column(problems, 0, 1);
      List<String> details = DataQualityWorkbooksTest.column(problems, 3, 1);
      List<String> own = IntStream.range(0, files.size()).filter(i -> files.get(i).equals("udtraek_151.xlsx"))
          .mapToObj(details::get).toList();
      assertThat(own).hasSameSizeAs(english).doesNotContainAnyElementsOf(english).allSatisfy(d -> assertThat(d).isNotBlank());
      assertThat(own.get(0)).startsWith("CPR-nummer");
    }
  }

  @Test
  void unknownLabelsAndExtraColumnsAreReported() {
    assertThat(result.unknownBenefits()).extracting(r -> r.getString(0)).containsExactly("Barselsdagpenge");
    assertThat(result.unknownBenefits().get(0).getLong(1)).isEqualTo(7L);
  }

  @Test
  void noCprNumberReachesAnalysisOrPublishedTables(SparkSession spark) {
    for (Table table : Table.values()) {
      if (table.zone() == Zone.RESTRICTED || !warehouse.exists(table)) {
        continue;
      }
      for (String text : TableText.rows(warehouse.read(table))) {
        for (String cpr : corpus.cprs) {
          assertThat(text).as(table.tableName()).doesNotContain(cpr).doesNotContain(cpr.substring(1))
              .doesNotContain(cpr.substring(0, 6) + "-" + cpr.substring(6));
        }
      }
    }
  }

  @Test
  void rerunGivesTheSameRowsAndAnotherRoundLeavesThisOneAlone(SparkSession spark) throws Exception {
    Path other = dir.resolve("rerun-warehouse");
    Warehouse rerunWarehouse = new Warehouse(spark, other.toString());
    new IngestExtracts(SURVEY, rerunWarehouse, KEY, dir.resolve("extracts").toString()).execute();
    List<String> first = sorted(rerunWarehouse.readRound(Table.POPULATION, SURVEY.round()));
    new IngestExtracts(SURVEY, rerunWarehouse, KEY, dir.resolve("extracts").toString()).execute();
    assertThat(sorted(rerunWarehouse.readRound(Table.POPULATION, SURVEY.round()))).isEqualTo(first);
    assertThat(sorted(rerunWarehouse.readRound(Table.POPULATION, SURVEY.round()))).isEqualTo(sorted(
        warehouse.readRound(Table.POPULATION, SURVEY.round())));

    new IngestExtracts(SURVEY.withRound("2023Q3"), rerunWarehouse, KEY, dir.resolve("extracts").toString()).execute();
    assertThat(sorted(rerunWarehouse.readRound(Table.POPULATION, SURVEY.round()))).isEqualTo(first);
    assertThat(rerunWarehouse.readRound(Table.POPULATION, "2023Q3").count()).isEqualTo(first.size());
    assertThat(rerunWarehouse.read(Table.DATA_QUALITY).select("survey_round").distinct().count()).isEqualTo(2);
  }

  static List<String> sorted(Dataset<Row> rows) {
    return TableText.rows(rows).stream().sorted().toList();
  }
}
