package dk.jobsurvey.weight;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The weight step (DESIGN.md §7): one aggregation of the eligible population, marked with who
 * responded, to the cells of all strata and margin variables; {@link CellWeighting} on the driver;
 * one broadcast join of the cell weights back to the respondents. Writes analysis/weights and
 * analysis/weighting_diagnostics for the round, together or not at all.
 *
 * <p>Needs analysis/population (ingest) and analysis/responses (responses) for the round. Cost: two
 * scans, the raking on a few thousand cells in the driver (well under a second), two commits.
 */
public final class WeightRespondents {
  /** Strata of the design: municipality × benefit group. */
  public static final List<String> STRATUM_VARIABLES = List.of("kommunekode", "ydelsesgruppe");

  /** The weighting, the respondents outside the eligible population (left unweighted), and seconds per phase. */
  public record Result(WeightingResult weighting, long respondentsOutsidePopulation, Map<String, Double> phaseSeconds) {}

  private static final StructType DIAGNOSTICS_SCHEMA = new StructType()
      .add("kind", DataTypes.StringType).add("margin", DataTypes.StringType).add("category", DataTypes.StringType)
      .add("merged", DataTypes.BooleanType).add("merge_reason", DataTypes.StringType).add("respondents", DataTypes.LongType)
      .add("population_total", DataTypes.DoubleType).add("base_weighted_total", DataTypes.DoubleType)
      .add("weighted_total", DataTypes.DoubleType).add("relative_error", DataTypes.DoubleType)
      .add("iterations", DataTypes.IntegerType).add("converged", DataTypes.BooleanType)
      .add("kish_deff", DataTypes.DoubleType).add("n_effective", DataTypes.DoubleType)
      .add("weight_min", DataTypes.DoubleType).add("weight_max", DataTypes.DoubleType).add("weight_cv", DataTypes.DoubleType);

  private final Survey survey;
  private final Warehouse warehouse;

  public WeightRespondents(Survey survey, Warehouse warehouse) {
    this.survey = survey;
    this.warehouse = warehouse;
  }

  /** Strata and margin variables, in the order of {@link Survey#DOMAIN_VARIABLES}. */
  public static List<String> cellVariables(Survey survey) {
    return Survey.DOMAIN_VARIABLES.stream().filter(v -> STRATUM_VARIABLES.contains(v)
        || survey.weighting().margins().stream().anyMatch(margin -> margin.contains(v))).toList();
  }

  public Result execute() {
    String round = survey.round();
    warehouse.requireRound(Table.POPULATION, round);
    warehouse.requireRound(Table.RESPONSES, round);
    List<String> variables = cellVariables(survey);
    Map<String, Double> seconds = new LinkedHashMap<>();
    long started = System.nanoTime();

    List<Column> selected = new ArrayList<>(List.of(col("person_key")));
    variables.forEach(v -> selected.add(col(v)));
    Dataset<Row> population = warehouse.readRound(Table.POPULATION, round).where(col("eligible"))
        .select(selected.toArray(Column[]::new)).withColumn("in_population", lit(true));
    Dataset<Row> respondents = warehouse.readRound(Table.RESPONSES, round).where(col("is_respondent"))
        .select(col("person_key"), lit(true).as("responded"));
    // Respondents outside the eligible population come out of the full join with no cell (counted, not weighted).
    Dataset<Row> marked = population.join(respondents, toSeq(List.of("person_key")), "full_outer")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Column> cellColumns = new ArrayList<>(variables.stream().map(v -> col(v)).toList());
      cellColumns.add(col("in_population"));
      List<Row> cellRows = marked.groupBy(cellColumns.toArray(Column[]::new))
          .agg(count(lit(1)).as("population"), count(when(col("responded"), true)).as("respondents")).collectAsList();
      seconds.put("aggregate", (System.nanoTime() - started) / 1e9);

      long ipfStarted = System.nanoTime();
      List<WeightingProblem.PopulationCell> cells = new ArrayList<>();
      long outside = 0;
      for (Row row : cellRows) {
        if (row.isNullAt(variables.size())) {
          outside += row.<Long>getAs("respondents");
          continue;
        }
        List<String> values = new ArrayList<>();
        variables.forEach(v -> values.add(row.getAs(v)));
        cells.add(new WeightingProblem.PopulationCell(values, row.<Long>getAs("population"), row.<Long>getAs("respondents")));
      }
      WeightingResult weighting = new CellWeighting(survey.weighting(), MergeRules.of(survey)).weigh(
          WeightingProblem.fromPopulationCells(variables, STRATUM_VARIABLES, survey.weighting().margins(), cells));
      seconds.put("ipf", (System.nanoTime() - ipfStarted) / 1e9);

      long writeStarted = System.nanoTime();
      Dataset<Row> weights = marked.where(col("responded").and(col("in_population")))
          .join(broadcast(cellWeights(weighting)), toSeq(variables))
          .select(weightColumns(variables));
      Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
      tables.put(Table.WEIGHTS, weights);
      tables.put(Table.WEIGHTING_DIAGNOSTICS, warehouse.spark().createDataFrame(diagnosticRows(weighting), DIAGNOSTICS_SCHEMA));
      warehouse.replaceRound(round, tables);
      seconds.put("join_back_and_write", (System.nanoTime() - writeStarted) / 1e9);
      return new Result(weighting, outside, seconds);
    } finally {
      marked.unpersist();
    }
  }

  private Dataset<Row> cellWeights(WeightingResult weighting) {
    StructType schema = new StructType();
    for (String variable : weighting.variables()) {
      schema = schema.add(variable, DataTypes.StringType);
    }
    schema = schema.add("stratum", DataTypes.StringType).add("stratum_population", DataTypes.LongType)
        .add("stratum_respondents", DataTypes.LongType).add("base_weight", DataTypes.DoubleType)
        .add("g", DataTypes.DoubleType).add("final_weight", DataTypes.DoubleType).add("trimmed", DataTypes.BooleanType);
    List<Row> rows = new ArrayList<>();
    for (WeightingResult.Cell cell : weighting.cells()) {
      List<Object> values = new ArrayList<>(cell.values());
      values.addAll(List.of(cell.stratum(), Math.round(cell.stratumPopulation()), cell.stratumRespondents(), cell.baseWeight(),
          cell.g(), cell.finalWeight(), cell.trimmed()));
      rows.add(RowFactory.create(values.toArray()));
    }
    return warehouse.spark().createDataFrame(rows, schema);
  }

  private static Column[] weightColumns(List<String> variables) {
    List<Column> columns = new ArrayList<>(List.of(col("person_key")));
    variables.forEach(v -> columns.add(col(v)));
    List.of("stratum", "stratum_population", "stratum_respondents", "base_weight", "g", "final_weight", "trimmed")
        .forEach(c -> columns.add(col(c)));
    return columns.toArray(Column[]::new);
  }

  /** Margin categories, strata, and the spread of the weights nationally and per municipality. */
  static List<Row> diagnosticRows(WeightingResult weighting) {
    int sweeps = weighting.sweeps();
    boolean converged = weighting.converged();
    List<Row> rows = new ArrayList<>();
    for (WeightingResult.MarginClass c : weighting.marginClasses()) {
      rows.add(row("margin", c.margin(), c.category(), c.mergeReason(), c.populationTotal(), c.baseWeightedTotal(),
          c.weightedTotal(), sweeps, converged, c.weights()));
    }
    for (WeightingResult.Stratum s : weighting.strata()) {
      WeightSummary weights = weighting.summary(cell -> cell.stratum().equals(s.stratum()));
      rows.add(row("stratum", String.join("*", STRATUM_VARIABLES), s.stratum(), s.mergeReason(), s.population(),
          s.population(), weights.sum(), sweeps, converged, weights));
    }
    double population = weighting.strata().stream().mapToDouble(WeightingResult.Stratum::population).sum();
    WeightSummary national = weighting.summary(cell -> true);
    rows.add(row("weights", "national", "all", "", population, population, national.sum(), sweeps, converged, national));
    weighting.summaryBy("kommunekode").forEach((code, weights) -> {
      // Strata are merged only within a municipality, so every member names the same one.
      double municipality = weighting.strata().stream()
          .filter(s -> s.members().get(0).get(STRATUM_VARIABLES.indexOf("kommunekode")).equals(code))
          .mapToDouble(WeightingResult.Stratum::population).sum();
      rows.add(row("weights", "kommunekode", code, "", municipality, municipality, weights.sum(), sweeps, converged, weights));
    });
    return rows;
  }

  /** A diagnostics row; a merged class has a {@code mergeReason}, one row per merge. */
  private static Row row(String kind, String margin, String category, String mergeReason, double populationTotal,
      double baseTotal, double weightedTotal, int sweeps, boolean converged, WeightSummary w) {
    return RowFactory.create(kind, margin, category, !mergeReason.isEmpty(), mergeReason, w.respondents(), populationTotal, baseTotal, weightedTotal,
        Math.abs(weightedTotal - populationTotal) / populationTotal, sweeps, converged, w.kishDeff(), w.effectiveN(),
        w.min(), w.max(), w.cv());
  }

  private static scala.collection.immutable.Seq<String> toSeq(List<String> columns) {
    return CollectionConverters.asScala(columns).toSeq();
  }
}
