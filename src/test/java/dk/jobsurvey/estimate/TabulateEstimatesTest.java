package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.config.TableSpec;
import dk.jobsurvey.fieldwork.ResponseMonitor;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.PublishedCells;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.support.WeightedPipeline;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tabulate step on the weighted pipeline of three municipalities. */
@ExtendWith(SparkTestSession.class)
class TabulateEstimatesTest {
  static final Survey SURVEY = WeightedPipeline.SURVEY;
  static Warehouse warehouse;
  static SparkSession spark;
  static final AtomicInteger JOBS = new AtomicInteger();

  @BeforeAll
  static void pipeline(SparkSession session) throws Exception {
    spark = session;
    warehouse = WeightedPipeline.get(session).warehouse();
    tabulate(SURVEY);
    session.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        JOBS.incrementAndGet();
      }
    });
  }

  /** Runs tabulate for {@code survey} and writes its tables. */
  static void tabulate(Survey survey) {
    new TabulateEstimates(survey, WeightedPipeline.VERSIONS, warehouse).execute();
  }

  /** The Spark jobs computing every figure for {@code survey} (the Delta writes after it are Delta's own). */
  static int computeJobs(Survey survey) throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    int before = JOBS.get();
    new TabulateEstimates(survey, WeightedPipeline.VERSIONS, warehouse).compute();
    spark.sparkContext().listenerBus().waitUntilEmpty();
    return JOBS.get() - before;
  }

  static Dataset<Row> estimates() {
    return warehouse.readRound(Table.ESTIMATES, SURVEY.round());
  }

  @Test
  void theSparkJobsDoNotGrowWithTablesOrItemsAndTheResultIsTheSameEveryRun() throws Exception {
    List<String> first = TableText.rows(estimates());
    tabulate(SURVEY);
    assertThat(TableText.rows(estimates())).containsExactlyInAnyOrderElementsOf(first);
    // A fixed number whatever the tables: the Delta snapshots, the one aggregation of the estimates, the response
    // rates' aggregation, the free texts' term counts and the look for a previous round to compare with (41 here).
    int allTables = computeJobs(SURVEY);
    Survey oneTable = new Survey(SURVEY.round(), SURVEY.referenceDates(), SURVEY.ingest(), SURVEY.groups(),
        SURVEY.outOfScopeBenefits(), SURVEY.ageBands(), SURVEY.durationBands(), SURVEY.sample(), SURVEY.fieldwork(),
        SURVEY.responses(), SURVEY.weighting(), List.of(new TableSpec("national", List.of())), SURVEY.suppression(), SURVEY.reports(), SURVEY.keys());
    assertThat(allTables).as("jobs for 7 tables × 34 measures").isEqualTo(computeJobs(oneTable)).isLessThanOrEqualTo(44);
  }

  @Test
  void noPublishedRowHoldsOneToFourRespondentsAndHiddenRowsKeepTheirPlace() throws Exception {
    assertThat(estimates().where("NOT suppressed AND n > 0 AND n < 5").count()).isZero();
    Dataset<Row> hidden = estimates().where("suppressed");
    assertThat(hidden.count()).as("the small municipalities have small cells").isPositive();
    assertThat(hidden.where("n IS NOT NULL OR estimate IS NOT NULL OR se IS NOT NULL OR ci_low IS NOT NULL "
        + "OR suppression_reason != 'hidden'").count()).isZero();
    // Every combination of every table is there: e.g. 3 municipalities × 4 groups for each of 34 measures, twice.
    long measures = 2 * 13 + 4;
    assertThat(estimates().where("table_name = 'kommune_ydelsesgruppe'").count()).isEqualTo(3 * 4 * measures * 2);
    assertThat(estimates().where("table_name = 'ydelsesgruppe_aldersgruppe'").count())
        .isEqualTo(4L * SURVEY.ageBands().size() * measures * 2);
    // One decision per cell and item: share and mean, weighted and unweighted, agree.
    assertThat(estimates().where("statistic IN ('share_positive', 'mean')")
        .groupBy("table_name", "item", "kommunekode", "ydelsesgruppe", "koen", "aldersgruppe", "varighedsgruppe")
        .agg(org.apache.spark.sql.functions.countDistinct("suppressed").as("decisions")).where("decisions > 1").count()).isZero();
  }

  @Test
  void responseRatesHideRespondentCountsOfOneToFour() {
    Dataset<Row> rates = warehouse.readRound(Table.RESPONSE_RATES, SURVEY.round());
    assertThat(rates.where("NOT suppressed AND responded BETWEEN 1 AND 4").count()).isZero();
    assertThat(rates.where("suppressed AND (responded IS NOT NULL OR response_rate IS NOT NULL OR projected_responses IS NOT NULL)")
        .count()).isZero();
    // A municipality with a hidden group has its total hidden too.
    assertThat(rates.where("suppressed AND ydelsesgruppe IS NOT NULL").select("kommunekode").distinct()
        .join(rates.where("ydelsesgruppe IS NULL AND NOT suppressed"), "kommunekode").count()).isZero();
    assertThat(rates.where("sampled IS NULL").count()).isZero();
  }

  @Test
  void publishedTablesDoNotTellPrimaryFromSecondaryAndTheAnalysisLogDoes() {
    Dataset<Row> log = warehouse.readRound(Table.SUPPRESSION_LOG, SURVEY.round());
    assertThat(Table.SUPPRESSION_LOG.zone()).isEqualTo(dk.jobsurvey.warehouse.Zone.ANALYSIS);
    // What a suppressed row shows besides which cell it is: the same for every hidden row of the table.
    java.util.Map<Table, List<String>> cellColumns = java.util.Map.of(
        Table.ESTIMATES, List.of("table_name", "item", "statistic", "kommunekode", "ydelsesgruppe", "koen", "aldersgruppe",
            "varighedsgruppe", "weighted"),
        Table.RESPONSE_RATES, List.of("kommunekode", "ydelsesgruppe", "sampled", "target_responses", "as_of_week"),
        Table.FREE_TEXT_TERMS, List.of("item", "ydelsesgruppe", "kind", "term", "texts"));
    cellColumns.forEach((table, columns) -> {
      Dataset<Row> hidden = warehouse.readRound(table, SURVEY.round()).where("suppressed").drop(columns.toArray(String[]::new))
          .drop(Warehouse.ROUND_COLUMN);
      assertThat(TableText.rows(hidden.distinct())).as("what the hidden rows of %s show", table).hasSizeLessThanOrEqualTo(1)
          .allSatisfy(row -> assertThat(row).isEqualTo("true|hidden"));
      assertThat(log.where(col("published_table").equalTo(table.tableName())).select("reason").distinct().count())
          .as("primary and secondary decisions behind %s", table).isEqualTo(hidden.count() == 0 ? 0 : 2);
    });
    // One log row per hidden respondent count, and per hidden item × cell of the estimates.
    assertThat(log.where("published_table = 'response_rates'").count())
        .isEqualTo(warehouse.readRound(Table.RESPONSE_RATES, SURVEY.round()).where("suppressed").count());
    assertThat(log.where("reason = 'primary' AND (attacker_hi IS NULL OR attacker_hi < 5 OR n < 1 OR n > 4)").count()).isZero();
    assertThat(log.where("reason = 'secondary' AND attacker_hi IS NOT NULL").count()).isZero();
  }

  @Test
  void aGroupWithThreeRespondentsIsHiddenWithItsMunicipalityTotal() {
    Dataset<Row> rates = new ResponseMonitor(SURVEY, warehouse).rates().limit(0);
    List<Row> rows = new java.util.ArrayList<>();
    long[] responded = {3, 10, 20, 7};
    for (int g = 0; g < 4; g++) {
      rows.add(org.apache.spark.sql.RowFactory.create("999", SURVEY.groups().get(g).id(), 40L, responded[g], responded[g] / 40.0,
          null, (double) responded[g], null, 38));
    }
    rows.add(org.apache.spark.sql.RowFactory.create("999", null, 160L, 40L, 0.25, 200L, 40.0, true, 38));
    rows = spark.createDataFrame(rows, rates.schema()).collectAsList();
    ResponseMonitor monitor = new ResponseMonitor(SURVEY, warehouse);
    Dataset<Row> published = monitor.publishable(rows, rates.schema(), hiddenWhenAlone(rows));
    // The total goes, not a sibling: every item's n in the sibling bounds its respondents from below, so hiding it
    // would hide nothing. (TableText leaves out nulls.) Both hidden rows give the same reason.
    assertThat(TableText.rows(published.select("ydelsesgruppe", "responded", "suppressed", "suppression_reason")))
        .containsExactlyInAnyOrder(SURVEY.groups().get(0).id() + "|true|hidden", SURVEY.groups().get(1).id() + "|10|false",
            SURVEY.groups().get(2).id() + "|20|false", SURVEY.groups().get(3).id() + "|7|false", "true|hidden");
  }

  /**
   * Output must not depend on partitioning: every figure is the same to the last bit with 1 and with
   * 7 shuffle partitions (the join of weights and answers, and so the order in which each cell's sums
   * are added, follow the partitions). A theme index is a fraction, whose sum as doubles would not be.
   */
  @Test
  void everyFigureIsTheSameToTheLastBitWhateverThePartitioning() {
    // One partition and a broadcast join; against many small input splits, a shuffled join and 7 partitions.
    List<java.util.Map<String, String>> layouts = List.of(
        java.util.Map.of("spark.sql.shuffle.partitions", "1", "spark.sql.files.maxPartitionBytes", "134217728",
            "spark.sql.autoBroadcastJoinThreshold", "10485760"),
        java.util.Map.of("spark.sql.shuffle.partitions", "7", "spark.sql.files.maxPartitionBytes", "2048",
            "spark.sql.files.openCostInBytes", "0", "spark.sql.autoBroadcastJoinThreshold", "-1"));
    java.util.Map<String, String> before = new java.util.HashMap<>();
    layouts.forEach(layout -> layout.keySet().forEach(key -> before.put(key, spark.conf().get(key))));
    List<List<String>> figures = new java.util.ArrayList<>();
    try {
      for (java.util.Map<String, String> layout : layouts) {
        layout.forEach((key, value) -> spark.conf().set(key, value));
        figures.add(new TabulateEstimates(SURVEY, WeightedPipeline.VERSIONS, warehouse).compute().tabulation().rows()
            .stream().map(Object::toString).sorted().toList());
      }
    } finally {
      before.forEach((key, value) -> spark.conf().set(key, value));
    }
    assertThat(figures.get(0)).anyMatch(row -> row.contains("theme_index")).containsExactlyElementsOf(figures.get(1));
  }

  /** The rows to hide when the respondent counts are all that is published: the disclosure control over them alone. */
  private static java.util.Set<String> hiddenWhenAlone(List<Row> rates) {
    PublishedCells published = new PublishedCells();
    java.util.Map<String, Integer> cells = published.respondents(ResponseMonitor.respondents(rates));
    DisclosureControl.Reason[] reasons = new DisclosureControl(SURVEY.suppression().minRespondents(),
        SURVEY.suppression().maxAuditRounds()).suppress(published.build()).reasons();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    cells.forEach((key, cell) -> {
      if (reasons[cell] != null) {
        hidden.add(key);
      }
    });
    return hidden;
  }

  @Test
  void nationalFiguresEqualADirectComputationFromTheUnitData() throws Exception {
    Row direct = warehouse.readRound(Table.WEIGHTS, SURVEY.round()).join(
            warehouse.readRound(Table.RESPONSES, SURVEY.round()).select("person_key", "q1"), "person_key")
        .where(col("q1").isNotNull())
        .agg(count("q1"), sum(when(col("q1").geq(4), 1).otherwise(0)), sum(col("final_weight")),
            sum(when(col("q1").geq(4), col("final_weight")).otherwise(0)), sum(col("q1").multiply(col("final_weight"))))
        .head();
    List<Row> national = estimates().where("table_name = 'national' AND item = 'q1'").collectAsList();
    Row weightedShare = find(national, "share_positive", true);
    Row plainShare = find(national, "share_positive", false);
    Row weightedMean = find(national, "mean", true);
    assertThat(weightedShare.<Long>getAs("n")).isEqualTo(direct.getLong(0));
    assertThat(plainShare.<Double>getAs("estimate")).isCloseTo((double) direct.getLong(1) / direct.getLong(0), within(1e-12));
    assertThat(weightedShare.<Double>getAs("estimate")).isCloseTo(direct.getDouble(3) / direct.getDouble(2), within(1e-12));
    assertThat(weightedMean.<Double>getAs("estimate")).isCloseTo(direct.getDouble(4) / direct.getDouble(2), within(1e-12));
    assertThat(weightedShare.<Double>getAs("se")).isPositive();
    assertThat(weightedShare.<Double>getAs("ci_high") - weightedShare.<Double>getAs("ci_low"))
        .isCloseTo(2 * Estimate.Z_95 * weightedShare.<Double>getAs("se"), within(1e-12));
  }

  @Test
  void eachMunicipalitysDifferenceIsToTheOtherMunicipalitiesComputedFromTheUnitData() throws Exception {
    Dataset<Row> answered = warehouse.readRound(Table.WEIGHTS, SURVEY.round())
        .join(warehouse.readRound(Table.RESPONSES, SURVEY.round()).select("person_key", "q1"), "person_key")
        .where(col("q1").isNotNull());
    List<Row> kommune = estimates().where("table_name = 'kommune' AND item = 'q1' AND statistic = 'share_positive'")
        .collectAsList();
    int compared = 0;
    for (Row row : kommune) {
      String municipality = row.getAs("kommunekode");
      if (!row.<Boolean>getAs("weighted")) {
        assertThat(row.<Double>getAs("difference_to_others")).as("unweighted rows have no difference").isNull();
        continue;
      }
      if (row.<Boolean>getAs("suppressed")) {
        assertThat(row.<Double>getAs("difference_to_others")).as("hidden figures have no difference").isNull();
        continue;
      }
      Row others = answered.where(col("kommunekode").notEqual(municipality))
          .agg(sum(col("final_weight")), sum(when(col("q1").geq(4), col("final_weight")).otherwise(0))).head();
      double othersShare = others.getDouble(1) / others.getDouble(0);
      assertThat(row.<Double>getAs("difference_to_others")).as(municipality)
          .isCloseTo(row.<Double>getAs("estimate") - othersShare, within(1e-12));
      assertThat(row.<Double>getAs("difference_se")).as(municipality).isPositive();
      compared++;
    }
    assertThat(compared).as("published municipalities compared").isGreaterThanOrEqualTo(2);
    assertThat(estimates().where("table_name NOT IN ('kommune', 'kommune_ydelsesgruppe') AND difference_to_others IS NOT NULL")
        .count()).as("only figures of a municipality are compared with the others").isZero();
    assertThat(estimates().where("table_name = 'kommune_ydelsesgruppe' AND difference_to_others IS NOT NULL").count())
        .as("groups within a municipality are compared with the same group elsewhere").isPositive();
  }

  /**
   * A group's difference is to the same group in the other municipalities (computed from the unit
   * data), and a difference is published exactly where the figure and the figure without the
   * municipality are published and the others have min_respondents answers (DESIGN.md §8a).
   */
  @Test
  void aDifferenceIsPublishedExactlyWhereTheRuleAllowsAndGroupsAreComparedWithTheSameGroup() throws Exception {
    Dataset<Row> answered = warehouse.readRound(Table.WEIGHTS, SURVEY.round())
        .join(warehouse.readRound(Table.RESPONSES, SURVEY.round()).select("person_key", "q1"), "person_key")
        .where(col("q1").isNotNull());
    int minimum = SURVEY.suppression().minRespondents();
    Map<List<String>, Row> parents = new HashMap<>();
    for (Row row : estimates().where("weighted AND table_name IN ('national', 'ydelsesgruppe')").collectAsList()) {
      parents.put(Arrays.asList(row.getAs("item"), row.getAs("statistic"), row.getAs("ydelsesgruppe")), row);
    }
    int groupsCompared = 0;
    int compared = 0;
    int withheld = 0;
    for (Row row : estimates().where("weighted AND table_name IN ('kommune', 'kommune_ydelsesgruppe')").collectAsList()) {
      Row parent = parents.get(Arrays.asList(row.getAs("item"), row.getAs("statistic"), row.getAs("ydelsesgruppe")));
      boolean published = !row.<Boolean>getAs("suppressed") && row.<Long>getAs("n") > 0;
      boolean parentPublished = !parent.<Boolean>getAs("suppressed");
      boolean othersEnough = parentPublished && parent.<Long>getAs("n") - (published ? row.<Long>getAs("n") : 0) >= minimum;
      String key = row.getAs("table_name") + " " + row.getAs("item") + " " + row.getAs("statistic") + " " + row.getAs("kommunekode")
          + " " + row.getAs("ydelsesgruppe");
      assertThat(row.<Double>getAs("difference_to_others") != null).as(key).isEqualTo(published && parentPublished && othersEnough);
      if (!(published && parentPublished && othersEnough)) {
        withheld++;
        continue;
      }
      compared++;
      if (row.getAs("table_name").equals("kommune_ydelsesgruppe") && row.getAs("item").equals("q1")
          && row.getAs("statistic").equals("share_positive")) {
        Row others = answered.where(col("kommunekode").notEqual(row.<String>getAs("kommunekode"))
                .and(col("ydelsesgruppe").equalTo(row.<String>getAs("ydelsesgruppe"))))
            .agg(sum(col("final_weight")), sum(when(col("q1").geq(4), col("final_weight")).otherwise(0))).head();
        assertThat(row.<Double>getAs("difference_to_others")).as(key)
            .isCloseTo(row.<Double>getAs("estimate") - others.getDouble(1) / others.getDouble(0), within(1e-12));
        groupsCompared++;
      }
    }
    assertThat(groupsCompared).as("groups compared with the same group elsewhere").isGreaterThanOrEqualTo(4);
    assertThat(compared + withheld).as("every weighted figure of a municipality was checked").isPositive();
  }

  static Row find(List<Row> rows, String statistic, boolean weighted) {
    return rows.stream().filter(r -> r.getAs("statistic").equals(statistic) && r.<Boolean>getAs("weighted") == weighted)
        .findFirst().orElseThrow();
  }
}
