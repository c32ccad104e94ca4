package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.Band;
import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.fieldwork.ResponseMonitor;
import dk.jobsurvey.publish.SuppressionLog;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tabulate step: one aggregation of the weighted respondents and their answers to per-cell sums
 * for every measure (n, Σy, Σy²) and every theme's alpha (complete cases, sums, cross products);
 * then every table, estimate, SE and suppression decision on the driver ({@link Tabulation}), with the
 * response rates' respondents and the free texts' term counts in the same disclosure system. Writes
 * published/estimates, published/response_rates, published/free_text_terms, published/changes (each
 * figure's change since the previous round, {@link ChangesSinceLastRound}) and
 * analysis/suppression_log for the round, together or not at all.
 *
 * <p>Needs analysis/weights for the round (weight). Cost: one scan to the per-cell sums, the
 * estimates and the disclosure audit in the driver (its integer programs are most of the time at
 * national size, docs/estimates-and-disclosure-control.md), four commits.
 */
public final class TabulateEstimates {
  static final StructType ESTIMATES_SCHEMA = new StructType()
      .add("table_name", DataTypes.StringType).add("item", DataTypes.StringType).add("statistic", DataTypes.StringType)
      .add("kommunekode", DataTypes.StringType).add("ydelsesgruppe", DataTypes.StringType).add("koen", DataTypes.StringType)
      .add("aldersgruppe", DataTypes.StringType).add("varighedsgruppe", DataTypes.StringType)
      .add("weighted", DataTypes.BooleanType).add("n", DataTypes.LongType).add("estimate", DataTypes.DoubleType)
      .add("se", DataTypes.DoubleType).add("ci_low", DataTypes.DoubleType).add("ci_high", DataTypes.DoubleType)
      .add("difference_to_others", DataTypes.DoubleType).add("difference_se", DataTypes.DoubleType)
      .add("suppressed", DataTypes.BooleanType).add("suppression_reason", DataTypes.StringType);
  private static final List<String> CELL_COLUMNS =
      List.of("stratum", "stratum_population", "stratum_respondents", "base_weight", "final_weight");

  /**
   * The tabulation, the rates it protected with it, how many respondents and estimation cells it came
   * from, and seconds per phase.
   */
  public record Result(Tabulation.Result tabulation, List<Row> rates, StructType ratesSchema, long respondents, int cells,
      Map<String, Double> phaseSeconds, ChangesSinceLastRound.Result changes) {}

  private final Survey survey;
  private final QuestionnaireVersions versions;
  private final Questionnaire questionnaire;
  private final Warehouse warehouse;

  /** The round's figures with the round's own version of the questionnaire. */
  public TabulateEstimates(Survey survey, QuestionnaireVersions versions, Warehouse warehouse) {
    this.survey = survey;
    this.versions = versions;
    this.questionnaire = versions.forRound(survey.round());
    this.warehouse = warehouse;
  }

  /** Share positive and mean per item, then the index per theme: the order of each cell's measure arrays. */
  public List<Measure> measures() {
    List<Measure> measures = new ArrayList<>();
    for (Questionnaire.Item item : questionnaire.items()) {
      measures.add(new Measure(item.id(), Measure.SHARE_POSITIVE));
      measures.add(new Measure(item.id(), Measure.MEAN));
    }
    questionnaire.themes().forEach(theme -> measures.add(new Measure(theme.id(), Measure.THEME_INDEX)));
    for (Questionnaire.LocalItem local : questionnaire.localItems()) {
      if (local.rated()) {
        measures.add(new Measure(local.id(), Measure.SHARE_POSITIVE));
        measures.add(new Measure(local.id(), Measure.MEAN));
      }
    }
    return measures;
  }

  /**
   * The tabulation without the rows of a municipality's own question outside its municipality and
   * groups: the question was asked there only, so a national or group figure would be the
   * municipality's under another name. Withholding rows of an audited pattern tells an attacker
   * less, never more.
   */
  private Tabulation.Result onlyWhereAsked(Tabulation.Result tabulation) {
    Map<String, String> ownerOf = new HashMap<>();
    questionnaire.localItems().forEach(local -> ownerOf.put(local.id(), local.kommunekode()));
    if (ownerOf.isEmpty()) {
      return tabulation;
    }
    List<Tabulation.Row> rows = tabulation.rows().stream().filter(row -> !ownerOf.containsKey(row.item())
        || ownerOf.get(row.item()).equals(row.domain().get("kommunekode"))
            && Set.of("kommunekode", "ydelsesgruppe").containsAll(row.domain().keySet())).toList();
    return new Tabulation.Result(rows, tabulation.termRows(), tabulation.system(), tabulation.pattern(),
        tabulation.respondentCells());
  }

  /**
   * Computes and writes published/estimates, published/response_rates and published/free_text_terms,
   * protected as one system, and the reasons behind it to analysis/suppression_log.
   */
  public Result execute() {
    Result result = compute();
    long writeStarted = System.nanoTime();
    Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
    Tabulation.Result tabulation = result.tabulation();
    tables.put(Table.ESTIMATES, warehouse.spark().createDataFrame(sparkRows(tabulation.rows()), ESTIMATES_SCHEMA));
    java.util.Set<String> hiddenRates = new java.util.HashSet<>();
    tabulation.respondentCells().forEach((key, cell) -> {
      if (tabulation.pattern().reasons()[cell] != null) {
        hiddenRates.add(key);
      }
    });
    tables.put(Table.RESPONSE_RATES, new ResponseMonitor(survey, warehouse).publishable(result.rates(), result.ratesSchema(),
        hiddenRates));
    tables.put(Table.FREE_TEXT_TERMS, warehouse.spark().createDataFrame(tabulation.termRows(), FreeTextTerms.SCHEMA));
    tables.put(Table.SUPPRESSION_LOG, warehouse.spark().createDataFrame(
        SuppressionLog.rows(tabulation.system(), tabulation.pattern()), SuppressionLog.SCHEMA));
    tables.put(Table.CHANGES, new ChangesSinceLastRound(survey, versions, warehouse).rows(result.changes()));
    warehouse.replaceRound(survey.round(), tables);
    Map<String, Double> seconds = new LinkedHashMap<>(result.phaseSeconds());
    seconds.put("write", (System.nanoTime() - writeStarted) / 1e9);
    return new Result(tabulation, result.rates(), result.ratesSchema(), result.respondents(), result.cells(), seconds,
        result.changes());
  }

  /**
   * Every figure, suppression decision and change since the previous round, without writing: one
   * Spark aggregation, the rest on the driver (the changes read the earlier round's published figures).
   */
  public Result compute() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    // The response rates and free-text counts read other tables than the aggregation and need nothing of it: read at
    // the same time, so Spark's cores work while either waits on the driver. The thread is made here, so its Spark jobs
    // carry this step's job group.
    CompletableFuture<Released> released = CompletableFuture.supplyAsync(this::released, task -> {
      Thread thread = new Thread(task, "jobsurvey tabulate released");
      thread.setDaemon(true);
      thread.start();
    });
    Aggregated aggregated;
    try {
      aggregated = aggregate(seconds);
    } catch (RuntimeException e) {
      // Nothing of the step still runs when it reports its failure.
      released.handle((figures, failure) -> null).join();
      throw e;
    }
    Released figures;
    try {
      figures = released.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    seconds.put("aggregate_released", figures.seconds());
    List<EstimationCell> cells = aggregated.cells().cells();
    List<Measure> measures = aggregated.cells().measures();
    List<String> variables = Survey.DOMAIN_VARIABLES;
    Map<String, List<String>> itemsByTheme = new LinkedHashMap<>();
    questionnaire.themes().forEach(t -> itemsByTheme.put(t.id(), questionnaire.itemsOf(t.id()).stream().map(Questionnaire.Item::id).toList()));

    long suppressStarted = System.nanoTime();
    Tabulation.Result tabulation = onlyWhereAsked(new Tabulation(variables, aggregated.cells().margins(), cells, values(cells),
        survey.suppression()).tabulate(survey.tables(), measures, aggregated.alphas(),
            new Tabulation.Released(ResponseMonitor.respondents(figures.rateRows()), itemsByTheme, figures.texts())));
    seconds.put("estimate_and_suppress", (System.nanoTime() - suppressStarted) / 1e9);
    long changesStarted = System.nanoTime();
    ChangesSinceLastRound.Result changes = new ChangesSinceLastRound(survey, versions, warehouse).compute(tabulation.rows(),
        aggregated.cells(), previous -> new TabulateEstimates(survey.withRound(previous), versions, warehouse).roundCells());
    seconds.put("changes", (System.nanoTime() - changesStarted) / 1e9);
    long respondents = cells.stream().mapToLong(EstimationCell::respondents).sum();
    return new Result(tabulation, figures.rateRows(), figures.ratesSchema(), respondents, cells.size(), seconds, changes);
  }

  /** The figures released beside the estimates and protected with them: response rates and free-text term counts. */
  private record Released(List<Row> rateRows, StructType ratesSchema, FreeTextTerms.Counts texts, double seconds) {}

  private Released released() {
    long started = System.nanoTime();
    Dataset<Row> rates = new ResponseMonitor(survey, warehouse).rates();
    List<Row> rateRows = rates.collectAsList();
    FreeTextTerms.Counts texts = new FreeTextTerms(survey, questionnaire, warehouse).counts();
    return new Released(rateRows, rates.schema(), texts, (System.nanoTime() - started) / 1e9);
  }

  /** A round's estimation cells with their per-measure sums, and each theme's alpha sums. */
  private record Aggregated(ChangesSinceLastRound.RoundCells cells, List<Tabulation.AlphaInput> alphas) {}

  /** The round's estimation cells (one Spark aggregation), as the changes of a later round read them. */
  ChangesSinceLastRound.RoundCells roundCells() {
    return aggregate(new LinkedHashMap<>()).cells();
  }

  /**
   * One Spark aggregation of the weighted respondents to per-cell sums of every measure and every
   * theme's alpha, in a fixed cell order.
   */
  private Aggregated aggregate(Map<String, Double> seconds) {
    String round = survey.round();
    warehouse.requireRound(Table.WEIGHTS, round);
    List<String> variables = Survey.DOMAIN_VARIABLES;
    long started = System.nanoTime();
    List<Column> keys = new ArrayList<>();
    variables.forEach(v -> keys.add(col(v)));
    CELL_COLUMNS.forEach(c -> keys.add(col(c)));
    List<Column> sums = new ArrayList<>(List.of(count(lit(1)).as("respondents")));
    List<Measure> measures = measures();
    for (int m = 0; m < measures.size(); m++) {
      Column value = value(measures.get(m));
      sums.add(count(value).as("n" + m));
      sums.add(exactSum(measures.get(m), value).as("s" + m));
      sums.add(exactSum(measures.get(m), value.multiply(value)).as("q" + m));
    }
    List<Questionnaire.Theme> alphaThemes = questionnaire.themes().stream()
        .filter(t -> questionnaire.itemsOf(t.id()).size() >= 2).toList();
    for (Questionnaire.Theme theme : alphaThemes) {
      List<Questionnaire.Item> items = questionnaire.itemsOf(theme.id());
      Column complete = items.stream().map(i -> col(i.id()).isNotNull()).reduce(Column::and).orElseThrow();
      sums.add(count(when(complete, true)).as("alpha_n_" + theme.id()));
      for (int i = 0; i < items.size(); i++) {
        sums.add(sum(when(complete, col(items.get(i).id()))).as("alpha_s_" + theme.id() + "_" + i));
        for (int j = 0; j < items.size(); j++) {
          sums.add(sum(when(complete, col(items.get(i).id()).multiply(col(items.get(j).id()))))
              .as("alpha_x_" + theme.id() + "_" + i + "_" + j));
        }
      }
    }
    List<Column> answers = new ArrayList<>(List.of(col("person_key")));
    questionnaire.ratedIds().forEach(id -> answers.add(col(id)));
    Dataset<Row> weighted = warehouse.readRound(Table.WEIGHTS, round).drop(Warehouse.ROUND_COLUMN)
        .join(warehouse.readRound(Table.RESPONSES, round).where(col("is_respondent")).select(answers.toArray(Column[]::new)),
            "person_key");
    List<Row> cellRows = weighted.groupBy(keys.toArray(Column[]::new)).agg(sums.get(0), sums.subList(1, sums.size())
        .toArray(Column[]::new)).collectAsList();
    seconds.put("aggregate", (System.nanoTime() - started) / 1e9);

    long driverStarted = System.nanoTime();
    List<EstimationCell> cells = new ArrayList<>();
    List<List<CronbachAlpha>> alphaByTheme = new ArrayList<>();
    alphaThemes.forEach(t -> alphaByTheme.add(new ArrayList<>()));
    // The cell order fixes the order of every sum on the driver: results do not depend on partitioning.
    cellRows.sort(Comparator.comparing(row -> String.join("\u0000", keyValues(row, variables))));
    for (Row row : cellRows) {
      cells.add(cell(row, variables, measures.size()));
      for (int t = 0; t < alphaThemes.size(); t++) {
        alphaByTheme.get(t).add(alphaSums(row, alphaThemes.get(t).id(), questionnaire.itemsOf(alphaThemes.get(t).id()).size()));
      }
    }
    List<Tabulation.AlphaInput> alphas = new ArrayList<>();
    for (int t = 0; t < alphaThemes.size(); t++) {
      alphas.add(new Tabulation.AlphaInput(alphaThemes.get(t).id(), alphaByTheme.get(t)));
    }
    seconds.put("estimate_cells", (System.nanoTime() - driverStarted) / 1e9);
    return new Aggregated(new ChangesSinceLastRound.RoundCells(measures, cells, calibrationMargins()), alphas);
  }

  /**
   * The margins the round was weighted to, with the classes its weighting merged
   * (analysis/weighting_diagnostics): the configured ones, unless the diagnostics name others (an
   * earlier round weighted under an earlier configuration, read by a later round's changes).
   */
  private List<CalibrationMargin> calibrationMargins() {
    Map<String, List<String>> merged = new LinkedHashMap<>();
    List<List<String>> margins = survey.weighting().margins();
    if (warehouse.exists(Table.WEIGHTING_DIAGNOSTICS)) {
      Set<String> weighted = new java.util.TreeSet<>();
      for (Row row : warehouse.readRound(Table.WEIGHTING_DIAGNOSTICS, survey.round()).where(col("kind").equalTo("margin"))
          .select("margin", "category", "merged").collectAsList()) {
        weighted.add(row.getString(0));
        if (row.getBoolean(2)) {
          merged.computeIfAbsent(row.getString(0), m -> new ArrayList<>()).add(row.getString(1));
        }
      }
      Set<String> configured = new java.util.TreeSet<>(margins.stream().map(m -> String.join("*", m)).toList());
      if (!weighted.isEmpty() && !weighted.equals(configured)) {
        margins = weighted.stream().map(m -> List.of(m.split("\\*"))).toList();
      }
    }
    return margins.stream()
        .map(m -> CalibrationMargin.withMergedLabels(m, merged.getOrDefault(String.join("*", m), List.of()))).toList();
  }

  /**
   * A sum that does not depend on the order Spark adds the rows in, so the estimates do not depend on
   * partitioning or cluster size. A share's and a mean's values are whole numbers (answers are): added
   * as longs, exactly, which is the sum of any order. A theme index is a fraction (a sum of doubles
   * differs in its last bits with the order of the additions): each value is rounded to 18 decimals
   * once, the decimals are added exactly, and the total becomes a double. Decimal(38, 18) holds totals
   * up to 10^20: a cell's Σ y² is at most 100² · its respondents. (A double becomes a decimal through
   * its text: per value and sum, that was most of the aggregation's time.)
   */
  private static Column exactSum(Measure measure, Column value) {
    boolean wholeNumbers = Measure.SHARE_POSITIVE.equals(measure.statistic()) || Measure.MEAN.equals(measure.statistic());
    Column exact = wholeNumbers ? value.cast(DataTypes.LongType) : value.cast(DataTypes.createDecimalType(38, 18));
    return sum(exact).cast(DataTypes.DoubleType);
  }

  /** A respondent's value of a measure, null when not answered. */
  private Column value(Measure measure) {
    int min = questionnaire.scale().min();
    int max = questionnaire.scale().max();
    switch (measure.statistic()) {
      case Measure.SHARE_POSITIVE:
        Column answer = col(measure.item());
        return when(answer.isNull(), lit(null).cast(DataTypes.DoubleType))
            .otherwise(when(answer.isin(questionnaire.positiveValues().toArray()), 1.0).otherwise(0.0));
      case Measure.MEAN:
        return col(measure.item()).cast(DataTypes.DoubleType);
      default:
        // The respondent's mean of the theme's answered items, on 0-100: (mean − min) / (max − min) · 100.
        List<Questionnaire.Item> items = questionnaire.itemsOf(measure.item());
        Column answered = items.stream().map(i -> when(col(i.id()).isNotNull(), 1).otherwise(0)).reduce(Column::plus).orElseThrow();
        Column total = items.stream().map(i -> coalesce(col(i.id()), lit(0))).reduce(Column::plus).orElseThrow();
        return when(answered.gt(0), total.divide(answered).minus(min).divide(max - min).multiply(100));
    }
  }

  private static List<String> keyValues(Row row, List<String> variables) {
    List<String> values = new ArrayList<>();
    variables.forEach(v -> values.add(row.getAs(v)));
    values.add(row.getAs("stratum"));
    return values;
  }

  private static EstimationCell cell(Row row, List<String> variables, int measures) {
    List<String> values = new ArrayList<>();
    variables.forEach(v -> values.add(row.getAs(v)));
    long[] answered = new long[measures];
    double[] sum = new double[measures];
    double[] squares = new double[measures];
    for (int m = 0; m < measures; m++) {
      answered[m] = row.<Long>getAs("n" + m);
      sum[m] = answered[m] == 0 ? 0 : row.<Double>getAs("s" + m);
      squares[m] = answered[m] == 0 ? 0 : row.<Double>getAs("q" + m);
    }
    return new EstimationCell(values, row.getAs("stratum"), row.<Long>getAs("stratum_population"),
        row.<Long>getAs("stratum_respondents"), row.<Double>getAs("base_weight"), row.<Double>getAs("final_weight"),
        row.<Long>getAs("respondents"), answered, sum, squares);
  }

  private static CronbachAlpha alphaSums(Row row, String theme, int items) {
    long complete = row.<Long>getAs("alpha_n_" + theme);
    double[] sums = new double[items];
    double[][] cross = new double[items][items];
    for (int i = 0; i < items && complete > 0; i++) {
      sums[i] = row.<Long>getAs("alpha_s_" + theme + "_" + i);
      for (int j = 0; j < items; j++) {
        cross[i][j] = row.<Long>getAs("alpha_x_" + theme + "_" + i + "_" + j);
      }
    }
    return new CronbachAlpha(complete, sums, cross);
  }

  /** The published values of each domain variable: the round's municipalities, and the configured groups, genders and bands. */
  private Map<String, List<String>> values(List<EstimationCell> cells) {
    int municipality = Survey.DOMAIN_VARIABLES.indexOf("kommunekode");
    return Map.of("kommunekode", List.copyOf(new TreeSet<>(cells.stream().map(c -> c.values().get(municipality)).toList())),
        "ydelsesgruppe", survey.groups().stream().map(BenefitGroup::id).toList(),
        "koen", List.of("K", "M"),
        "aldersgruppe", survey.ageBands().stream().map(Band::label).toList(),
        "varighedsgruppe", survey.durationBands().stream().map(Band::label).toList());
  }

  private static List<Row> sparkRows(List<Tabulation.Row> rows) {
    List<Row> out = new ArrayList<>(rows.size());
    for (Tabulation.Row r : rows) {
      out.add(RowFactory.create(r.table(), r.item(), r.statistic(), r.domain().get("kommunekode"), r.domain().get("ydelsesgruppe"),
          r.domain().get("koen"), r.domain().get("aldersgruppe"), r.domain().get("varighedsgruppe"), r.weighted(), r.n(),
          r.estimate(), r.se(), r.ciLow(), r.ciHigh(), r.difference(), r.differenceSe(), r.suppressed(), r.suppressionReason()));
    }
    return out;
  }
}
