package dk.jobsurvey.weight;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.config.WeightingSettings;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.WeightedPipeline;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The weight step on simulated responses of three municipalities ({@link WeightedPipeline}), checked against the population tables. */
@ExtendWith(SparkTestSession.class)
class WeightRespondentsTest {
  static final Survey SURVEY = WeightedPipeline.SURVEY;

  static Path dir;
  static Warehouse warehouse;
  static WeightRespondents.Result result;

  @BeforeAll
  static void pipeline(SparkSession spark) throws Exception {
    WeightedPipeline.Built built = WeightedPipeline.get(spark);
    dir = built.dir();
    warehouse = built.warehouse();
    result = built.weighting();
  }

  static Dataset<Row> weights() {
    return warehouse.readRound(Table.WEIGHTS, SURVEY.round());
  }

  @Test
  void weightedTotalsOfEveryMarginCategoryEqualThePopulationCounts() {
    Dataset<Row> eligible = warehouse.readRound(Table.POPULATION, SURVEY.round()).where(col("eligible"));
    List<Row> diagnostics = warehouse.readRound(Table.WEIGHTING_DIAGNOSTICS, SURVEY.round()).where("kind = 'margin'").collectAsList();
    assertThat(diagnostics).isNotEmpty();
    for (List<String> margin : SURVEY.weighting().margins()) {
      Column[] by = margin.stream().map(v -> col(v)).toArray(Column[]::new);
      Map<String, Double> population = totals(eligible.groupBy(by).agg(count(lit(1)).cast("double").as("total")), margin);
      Map<String, Double> weighted = totals(weights().groupBy(by).agg(sum("final_weight").as("total")), margin);
      List<Row> classes = diagnostics.stream().filter(r -> r.getAs("margin").equals(String.join("*", margin))).toList();
      assertThat(classes.stream().mapToLong(r -> ((String) r.getAs("category")).split(" \\+ ").length).sum())
          .as("every population category of %s is in one class", margin).isEqualTo(population.size());
      for (Row row : classes) {
        double expected = 0;
        double actual = 0;
        for (String category : ((String) row.getAs("category")).split(" \\+ ")) {
          expected += population.get(category);
          actual += weighted.getOrDefault(category, 0.0);
        }
        assertThat(actual).as("%s %s", margin, row.getAs("category")).isCloseTo(expected, within(expected * 1e-9));
        assertThat(row.<Double>getAs("population_total")).isEqualTo(expected);
      }
    }
  }

  static Map<String, Double> totals(Dataset<Row> grouped, List<String> margin) {
    Map<String, Double> totals = new HashMap<>();
    for (Row row : grouped.collectAsList()) {
      totals.put(String.join("|", margin.stream().map(v -> (String) row.getAs(v)).toList()), row.getAs("total"));
    }
    return totals;
  }

  @Test
  void everyRespondentHasOneWeightAndBaseWeightsAddUpToEachStratum() {
    long respondents = warehouse.readRound(Table.RESPONSES, SURVEY.round()).where("is_respondent").count();
    assertThat(weights().count()).isEqualTo(respondents).isEqualTo(result.weighting().respondents());
    assertThat(weights().select("person_key").distinct().count()).isEqualTo(respondents);
    assertThat(result.respondentsOutsidePopulation()).isZero();
    Map<String, Long> strata = new HashMap<>();
    for (Row row : warehouse.readRound(Table.POPULATION, SURVEY.round()).where(col("eligible"))
        .groupBy("kommunekode", "ydelsesgruppe").count().collectAsList()) {
      strata.put(row.getString(0) + "|" + row.getString(1), row.getLong(2));
    }
    for (Row row : weights().groupBy("stratum").agg(sum("base_weight"), org.apache.spark.sql.functions.first("stratum_population"))
        .collectAsList()) {
      long population = 0;
      for (String member : row.getString(0).split(" \\+ ")) {
        population += strata.get(member);
      }
      assertThat(row.getDouble(1)).as(row.getString(0)).isCloseTo(population, within(1e-9 * population));
      assertThat(row.getLong(2)).isEqualTo(population);
    }
    assertThat(weights().where("abs(final_weight - base_weight * g) > 1e-9 * final_weight").count()).isZero();
  }

  @Test
  void theJobPrintsDiagnosticsAndAFailureLeavesTheTablesAsTheyWere() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = Launcher.run(new String[] {"weight", "--config", TestFiles.surveyConfig().toString(),
        "--warehouse", dir.resolve("warehouse").toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
    assertThat(exit).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("raked to 4 margins", "converged after", "national", "825 Læsø");

    List<String> before = TableText.rows(weights());
    long version = DeltaTable.forPath(warehouse.spark(), warehouse.location(Table.WEIGHTS)).history(1).select("version").first().getLong(0);
    WeightingSettings strict = new WeightingSettings(SURVEY.weighting().margins(), SURVEY.weighting().collapseOrder(), 1e-10, 1,
        SURVEY.weighting().trimming());
    Survey oneSweep = new Survey(SURVEY.round(), SURVEY.referenceDates(), SURVEY.ingest(), SURVEY.groups(),
        SURVEY.outOfScopeBenefits(), SURVEY.ageBands(), SURVEY.durationBands(), SURVEY.sample(), SURVEY.fieldwork(),
        SURVEY.responses(), strict, SURVEY.tables(), SURVEY.suppression(), SURVEY.reports(), SURVEY.keys());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WeightRespondents(oneSweep, warehouse).execute())
        .isInstanceOf(WeightingException.class).hasMessageContaining("did not converge in 1 sweeps");
    assertThat(DeltaTable.forPath(warehouse.spark(), warehouse.location(Table.WEIGHTS)).history(1).select("version").first()
        .getLong(0)).isEqualTo(version);
    assertThat(TableText.rows(weights())).containsExactlyInAnyOrderElementsOf(before);
  }
}
