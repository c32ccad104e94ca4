package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.support.SmallPipeline;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * q8 reworded as q16 and regrouped themes, and Ærø new). Each round's tables keep their rows when
 * the other runs, and the changes compare only what compares.
 */
@ExtendWith(SparkTestSession.class)
class RoundsOverTimeTest {
  static final QuestionnaireVersions VERSIONS = ConfigLoader.questionnaireVersions(TestFiles.questionnaireConfig());
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
    List<Row> changes = changes().collectAsList();
    assertThat(changes).hasSizeGreaterThan(100);
    for (Row change : changes) {
      assertThat(change.<String>getAs("previous_round")).isEqualTo(PILOT.round());
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
      return compared && before.containsKey(key(r, statistic.equals(Measure.THEME_INDEX) ? item : comparison.items().get(item)));
    }).count();
    assertThat((long) changes.size()).isEqualTo(comparable);
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
