package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.report.WriteReports;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.support.SmallPipeline;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two rounds in one warehouse, as the survey runs over the years: the pilot (2023Q2, the pilot
 * questionnaire, Læsø, Fanø and Langeland) and a national round (2024Q1, the 2024 questionnaire with
 * q8 reworded as q16 and regrouped themes, Ærø new, and a question of Fanø's own). Each round's
 * tables keep their rows when the other runs, the changes compare only what compares, and Fanø's
 * question reaches Fanø's tables and report only.
 */
@ExtendWith(SparkTestSession.class)
class RoundsOverTimeTest {
  static final QuestionnaireVersions SHIPPED = ConfigLoader.questionnaireVersions(TestFiles.questionnaireConfig());
  /** The shipped questionnaire with a question of Fanø's own from 2024Q1. */
  static final QuestionnaireVersions VERSIONS = new QuestionnaireVersions(SHIPPED.scale(), SHIPPED.positiveValues(),
      SHIPPED.dontKnowValues(), SHIPPED.items(), SHIPPED.freeText(), SHIPPED.rewordings(), SHIPPED.versions(),
      List.of(new Questionnaire.LocalItem("q103", "563", "2024Q1", Questionnaire.LocalItem.RATED, "Færgen passer til mødetiderne",
          "Passer færgens tider til dine møder i jobcentret?")));
  static final Survey PILOT = ConfigLoader.survey(TestFiles.surveyConfig());
  static final Survey NATIONAL = PILOT.withRound("2024Q1");
  static final List<String> KEYS = List.of("table_name", "statistic", "weighted", "kommunekode", "ydelsesgruppe", "koen",
      "aldersgruppe", "varighedsgruppe");

  @TempDir
  static Path dir;
  static Warehouse warehouse;
  static final Map<Table, List<String>> PILOT_TABLES = new EnumMap<>(Table.class);

  @BeforeAll
  static void twoRounds(SparkSession spark) throws Exception {
    warehouse = round(spark, PILOT, "825,563,482");
    for (Table table : Table.values()) {
      if (table != Table.RUN_LOG && warehouse.exists(table)) {
        PILOT_TABLES.put(table, TableText.rows(warehouse.readRound(table, PILOT.round())));
      }
    }
    round(spark, NATIONAL, "825,563,482,492");
  }

  /** One round through tabulate; the extracts of a round replace the previous round's files. */
  static Warehouse round(SparkSession spark, Survey survey, String municipalities) throws Exception {
    Warehouse built = SmallPipeline.invited(spark, survey, dir, municipalities, 11, 0.0);
    Path export = dir.resolve("export-" + survey.round());
    ResponseSimulator.write(built, survey.round(), VERSIONS.forRound(survey.round()), 5, 38, export);
    new LoadResponses(survey, VERSIONS.forRound(survey.round()), built, export.toString()).execute();
    new WeightRespondents(survey, built).execute();
    new TabulateEstimates(survey, VERSIONS, built).execute();
    return built;
  }

  static Dataset<Row> changes() {
    return warehouse.readRound(Table.CHANGES, NATIONAL.round());
  }

  @Test
  void theFirstRoundHasNoChangesAndKeepsEveryRowWhenTheSecondRuns() {
    assertThat(warehouse.readRound(Table.CHANGES, PILOT.round()).count()).isZero();
    assertThat(PILOT_TABLES).containsKeys(Table.POPULATION, Table.SAMPLE, Table.RESPONSES, Table.WEIGHTS, Table.ESTIMATES,
        Table.RESPONSE_RATES, Table.FREE_TEXT_TERMS);
    PILOT_TABLES.forEach((table, rows) -> assertThat(TableText.rows(warehouse.readRound(table, PILOT.round())))
        .as("%s of the first round after the second ran", table).containsExactlyInAnyOrderElementsOf(rows));
    assertThat(warehouse.readRound(Table.ESTIMATES, NATIONAL.round()).count()).isPositive();
  }

  @Test
  void eachChangeIsTheDifferenceOfTwoPublishedFiguresWithTheSeOfIndependentSamples() {
    Map<String, Row> now = published(NATIONAL.round());
    Map<String, Row> before = published(PILOT.round());
    List<Row> changes = changes().where(col("table_name").notEqual(ChangesSinceLastRound.SAME_MUNICIPALITIES)).collectAsList();
    assertThat(changes).hasSizeGreaterThan(100);
    for (Row change : changes) {
      assertThat(change.<String>getAs("previous_round")).isEqualTo(PILOT.round());
      assertThat(change.<Boolean>getAs("weighted")).as("only weighted figures are compared").isTrue();
      Row later = now.get(key(change, change.getAs("item")));
      Row earlier = before.get(key(change, change.getAs("item_before")));
      assertThat(later).as("a published figure of 2024Q1 for %s", change).isNotNull();
      assertThat(earlier).as("a published figure of 2023Q2 for %s", change).isNotNull();
      double se = Math.sqrt(Math.pow(later.<Double>getAs("se"), 2) + Math.pow(earlier.<Double>getAs("se"), 2));
      assertThat(change.<Double>getAs("estimate")).isEqualTo(later.<Double>getAs("estimate"));
      assertThat(change.<Double>getAs("estimate_before")).isEqualTo(earlier.<Double>getAs("estimate"));
      assertThat(change.<Long>getAs("n")).isEqualTo(later.<Long>getAs("n"));
      assertThat(change.<Long>getAs("n_before")).isEqualTo(earlier.<Long>getAs("n"));
      assertThat(change.<Double>getAs("change"))
          .isCloseTo(later.<Double>getAs("estimate") - earlier.<Double>getAs("estimate"), within(1e-12));
      assertThat(change.<Double>getAs("se")).isCloseTo(se, within(1e-12));
      assertThat(change.<Double>getAs("ci_low")).isCloseTo(change.<Double>getAs("change") - Estimate.Z_95 * se, within(1e-12));
      assertThat(change.<Boolean>getAs("significant")).isEqualTo(Math.abs(change.<Double>getAs("change")) > Estimate.Z_95 * se);
    }
    // And nothing comparable is left out: each figure published in both rounds under a compared item has its change.
    QuestionnaireVersions.Comparison comparison = VERSIONS.comparison(PILOT.round(), NATIONAL.round());
    long comparable = now.values().stream().filter(r -> {
      String item = r.getAs("item");
      String statistic = r.getAs("statistic");
      boolean compared = statistic.equals(Measure.THEME_INDEX) ? comparison.themes().contains(item)
          : !statistic.equals(Measure.CRONBACH_ALPHA) && comparison.items().containsKey(item);
      return compared && r.<Boolean>getAs("weighted") && before.containsKey(key(r, statistic.equals(Measure.THEME_INDEX) ? item : comparison.items().get(item)));
    }).count();
    assertThat((long) changes.size()).isEqualTo(comparable);
  }

  /**
   * Ærø is new in 2024Q1, so the national change is also given over the three municipalities of
   * both rounds: in 2023Q2 they were every municipality, so the like-with-like figure before is the
   * published national one; in 2024Q1 its n is the national n less Ærø's.
   */
  @Test
  void theNationalChangeIsAlsoGivenOverTheMunicipalitiesInBothRounds() {
    Map<String, Row> now = published(NATIONAL.round());
    Map<String, Row> before = published(PILOT.round());
    List<Row> same = changes().where(col("table_name").equalTo(ChangesSinceLastRound.SAME_MUNICIPALITIES)).collectAsList();
    assertThat(same).as("like-with-like national changes").isNotEmpty();
    for (Row change : same) {
      String item = change.getAs("item");
      String statistic = change.getAs("statistic");
      Row nationalBefore = before.get(String.join("|", change.<String>getAs("item_before"), "national", statistic, "true",
          "null", "null", "null", "null", "null"));
      Row nationalNow = now.get(String.join("|", item, "national", statistic, "true", "null", "null", "null", "null", "null"));
      Row aeroe = now.get(String.join("|", item, "kommune", statistic, "true", "492", "null", "null", "null", "null"));
      assertThat(nationalBefore).as("2023Q2's national %s %s", item, statistic).isNotNull();
      assertThat(aeroe).as("Ærø's own figure is published wherever the like-with-like one is").isNotNull();
      assertThat(change.<Double>getAs("estimate_before")).isCloseTo(nationalBefore.<Double>getAs("estimate"), within(1e-12));
      assertThat(change.<Long>getAs("n_before")).isEqualTo(nationalBefore.<Long>getAs("n"));
      assertThat(change.<Long>getAs("n")).isEqualTo(nationalNow.<Long>getAs("n") - aeroe.<Long>getAs("n"));
      assertThat(change.<Double>getAs("change"))
          .isCloseTo(change.<Double>getAs("estimate") - change.<Double>getAs("estimate_before"), within(1e-12));
    }
  }

  @Test
  void aNewMunicipalityHasNoChangeFigures() {
    assertThat(warehouse.readRound(Table.ESTIMATES, NATIONAL.round()).where(col("kommunekode").equalTo("492")
        .and(col("suppressed").equalTo(false))).count()).as("Ærø's figures of 2024Q1").isPositive();
    assertThat(changes().where(col("kommunekode").equalTo("492")).count()).isZero();
    assertThat(changes().where(col("kommunekode").equalTo("825")).count()).as("Læsø, in both rounds").isPositive();
  }

  @Test
  void aRewordedItemAndARegroupedThemeHaveNoChangeFigures() {
    assertThat(warehouse.readRound(Table.ESTIMATES, NATIONAL.round()).where(col("item").equalTo("q16")).count()).isPositive();
    assertThat(changes().where(col("item").isin("q16", "q8").or(col("item_before").isin("q16", "q8"))).count()).isZero();
    assertThat(TableText.rows(changes().where(col("statistic").equalTo(Measure.THEME_INDEX)).select("item").distinct()))
        .containsExactly("vaerdighed");
    assertThat(changes().where(col("statistic").equalTo(Measure.CRONBACH_ALPHA)).count()).isZero();
    assertThat(changes().where(col("item").equalTo("q11")).count()).as("q11 moved theme but is the same question").isPositive();
  }

  @Test
  void rerunningTheFirstRoundLeavesTheSecondsFiguresAsTheyWere() {
    List<String> estimates = TableText.rows(warehouse.readRound(Table.ESTIMATES, NATIONAL.round()));
    List<String> changes = TableText.rows(changes());
    new TabulateEstimates(PILOT, VERSIONS, warehouse).execute();
    assertThat(TableText.rows(warehouse.readRound(Table.ESTIMATES, NATIONAL.round()))).containsExactlyInAnyOrderElementsOf(estimates);
    assertThat(TableText.rows(changes())).containsExactlyInAnyOrderElementsOf(changes);
    assertThat(warehouse.readRound(Table.CHANGES, PILOT.round()).count()).isZero();
  }

  @Test
  void aMunicipalitysOwnQuestionIsInItsTablesAndReportOnly() throws Exception {
    Dataset<Row> local = warehouse.read(Table.ESTIMATES).where(col("item").equalTo("q103"));
    assertThat(local.where(col("suppressed").equalTo(false).and(col("estimate").isNotNull())).count())
        .as("Fanø's figures of its own question").isPositive();
    assertThat(TableText.rows(local.select("survey_round", "kommunekode").distinct())).containsExactly("2024Q1|563");
    assertThat(TableText.rows(local.select("table_name").distinct())).containsExactlyInAnyOrder("kommune", "kommune_ydelsesgruppe");
    Dataset<Row> answered = warehouse.readRound(Table.RESPONSES, NATIONAL.round()).where(col("q103").isNotNull());
    assertThat(answered.count()).isPositive();
    assertThat(answered.where(col("kommunekode").notEqual("563")).count()).as("answers of q103 outside Fanø").isZero();

    List<String> written = new WriteReports(NATIONAL, VERSIONS.forRound(NATIONAL.round()), warehouse, Optional.empty()).execute();
    String label = "Færgen passer til mødetiderne";
    for (String file : written.stream().filter(f -> f.endsWith(".html")).toList()) {
      String html = Files.readString(Path.of(java.net.URI.create(file)));
      boolean fanoe = file.endsWith("rapport_563_2024Q1.html");
      assertThat(html.contains(label)).as("%s shows Fanø's question", file).isEqualTo(fanoe);
      assertThat(html.contains("Kommunens egne spørgsmål")).as(file).isEqualTo(fanoe);
      assertThat(html).as(file).contains("Udvikling siden 2023Q2");
    }
    assertThat(written).anyMatch(f -> f.endsWith("rapport_563_2024Q1.html")).anyMatch(f -> f.endsWith("rapport_492_2024Q1.html"));
    String aeroe = Files.readString(Path.of(java.net.URI.create(written.stream()
        .filter(f -> f.endsWith("rapport_492_2024Q1.html")).findFirst().orElseThrow())));
    assertThat(aeroe).as("Ærø, new in 2024Q1").contains("har ingen tal fra 2023Q2 at sammenligne med");
  }

  /** A round's published figures with an estimate and an SE, by {@link #key}. */
  private static Map<String, Row> published(String round) {
    Map<String, Row> figures = new HashMap<>();
    for (Row row : warehouse.readRound(Table.ESTIMATES, round)
        .where(col("suppressed").equalTo(false).and(col("estimate").isNotNull()).and(col("se").isNotNull())).collectAsList()) {
      assertThat(figures.put(key(row, row.getAs("item")), row)).as("one figure per key").isNull();
    }
    return figures;
  }

  private static String key(Row row, String item) {
    List<String> values = new ArrayList<>(List.of(item));
    KEYS.forEach(k -> values.add(String.valueOf(row.<Object>getAs(k))));
    return String.join("|", values);
  }
}
