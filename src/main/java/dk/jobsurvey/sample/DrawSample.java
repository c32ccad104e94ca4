package dk.jobsurvey.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The sample step: allocation on the stratum counts of the eligible population (one aggregation,
 * then {@link AllocationRule} on the driver), then in every stratum the n_h persons with the
 * smallest permanent random numbers (ties: person_key), with π = n_h/N_h and design weight N_h/n_h.
 * Writes analysis/allocation and analysis/sample for the round.
 *
 * <p>Cost: one aggregation to strata counts and one shuffle by stratum for the ranking; the driver
 * sees only the (at most 98 × groups) strata. The result does not depend on partitioning.
 */
public final class DrawSample {
  /**
   * n_h. DESIGN.md names it n_h beside N_h, but Spark and Delta resolve column names without
   * regard to case, so the two cannot share a table: the sample size is n_h_sample.
   */
  public static final String SAMPLE_SIZE = "n_h_sample";
  private static final StructType ALLOCATION_SCHEMA = new StructType()
      .add("kommunekode", DataTypes.StringType).add("ydelsesgruppe", DataTypes.StringType)
      .add("N_h", DataTypes.LongType).add(SAMPLE_SIZE, DataTypes.LongType).add("take_all", DataTypes.BooleanType)
      .add("expected_response_rate", DataTypes.DoubleType).add("expected_responses", DataTypes.DoubleType)
      .add("census", DataTypes.BooleanType).add("size_rule_target", DataTypes.LongType)
      .add("margin_of_error_95", DataTypes.DoubleType).add("municipality_margin_of_error_95", DataTypes.DoubleType)
      .add("municipality_design_effect", DataTypes.DoubleType);

  /** What was drawn: the allocation per municipality, and the number of sampled persons. */
  public record Result(List<MunicipalityAllocation> allocations, long populationRows, long sampled) {}

  private final Survey survey;
  private final Warehouse warehouse;

  public DrawSample(Survey survey, Warehouse warehouse) {
    this.survey = survey;
    this.warehouse = warehouse;
  }

  public Result execute() {
    String round = survey.round();
    warehouse.requireRound(Table.POPULATION, round);
    Dataset<Row> eligible = warehouse.readRound(Table.POPULATION, round).where(col("eligible"))
        .select("person_key", "kommunekode", "ydelsesgruppe");
    List<MunicipalityAllocation> allocations = allocate(eligible.groupBy("kommunekode", "ydelsesgruppe")
        .agg(count(lit(1)).as("N_h")).collectAsList());
    Dataset<Row> allocation = warehouse.spark().createDataFrame(allocationRows(allocations), ALLOCATION_SCHEMA);

    Dataset<Row> ranked = withCoordination(eligible.withColumn(PermanentRandomNumbers.ORDER_COLUMN,
        PermanentRandomNumbers.orderKey(survey.sample().seed(), round)))
        .join(allocation.select("kommunekode", "ydelsesgruppe", "N_h", SAMPLE_SIZE),
            CollectionConverters.asScala(List.of("kommunekode", "ydelsesgruppe")).toSeq())
        .withColumn("rank", row_number().over(Window.partitionBy("kommunekode", "ydelsesgruppe")
            .orderBy(col("coordinated_order"), col(PermanentRandomNumbers.ORDER_COLUMN), col("person_key"))));
    Dataset<Row> sample = ranked.where(col("rank").leq(col(SAMPLE_SIZE)))
        .select(col("person_key"), col("kommunekode"), col("ydelsesgruppe"),
            PermanentRandomNumbers.fraction(col(PermanentRandomNumbers.ORDER_COLUMN)).as("prn"),
            col("coordinated_order").as("sampled_in_earlier_round"),
            col(SAMPLE_SIZE).divide(col("N_h")).as("inclusion_probability"),
            col("N_h").divide(col(SAMPLE_SIZE)).as("design_weight"));
    Map<Table, Dataset<Row>> tables = new java.util.LinkedHashMap<>();
    tables.put(Table.ALLOCATION, allocation);
    tables.put(Table.SAMPLE, sample);
    warehouse.replaceRound(round, tables);
    long sampled = allocations.stream().mapToLong(MunicipalityAllocation::sampleSize).sum();
    long population = allocations.stream().mapToLong(MunicipalityAllocation::populationSize).sum();
    return new Result(allocations, population, sampled);
  }

  /** With coordination on, persons sampled in the configured earlier rounds come after everyone else. */
  private Dataset<Row> withCoordination(Dataset<Row> eligible) {
    var coordination = survey.sample().coordination();
    if (!coordination.enabled() || !warehouse.exists(Table.SAMPLE)) {
      return eligible.withColumn("coordinated_order", lit(false));
    }
    Dataset<Row> earlier = warehouse.read(Table.SAMPLE)
        .where(col("survey_round").isin(coordination.earlierRounds().toArray()))
        .select("person_key").distinct().withColumn("sampled_before", lit(true));
    return eligible.join(earlier, "person_key", "left")
        .withColumn("coordinated_order", when(col("sampled_before"), true).otherwise(false))
        .drop("sampled_before");
  }

  private List<MunicipalityAllocation> allocate(List<Row> strataCounts) {
    List<BenefitGroup> groups = survey.groups();
    Map<String, long[]> byMunicipality = new TreeMap<>();
    for (Row row : strataCounts) {
      String group = row.getAs("ydelsesgruppe");
      int index = groups.stream().map(BenefitGroup::id).toList().indexOf(group);
      byMunicipality.computeIfAbsent(row.getAs("kommunekode"), k -> new long[groups.size()])[index] = row.<Long>getAs("N_h");
    }
    AllocationRule rule = new AllocationRule(survey.sample(), groups);
    List<MunicipalityAllocation> allocations = new ArrayList<>();
    byMunicipality.forEach((code, populations) -> allocations.add(rule.allocate(code, populations)));
    return allocations;
  }

  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static List<Row> allocationRows(List<MunicipalityAllocation> allocations) {
    List<Row> rows = new ArrayList<>();
    for (MunicipalityAllocation municipality : allocations) {
      for (StratumAllocation stratum : municipality.strata()) {
        rows.add(RowFactory.create(stratum.kommunekode(), stratum.ydelsesgruppe(), stratum.populationSize(),
            stratum.sampleSize(), stratum.takeAll(), stratum.expectedResponseRate(), stratum.expectedResponses(),
            municipality.census(), municipality.sizeRuleTarget(), nullIfNaN(stratum.marginOfError()),
            nullIfNaN(municipality.marginOfError()), nullIfNaN(municipality.designEffect())));
      }
    }
    return rows;
  }
}
