package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.col;

import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * published/changes for the round: every figure's change since the latest earlier round in
 * published/estimates ({@link RoundChanges}), read from the published figures of both rounds; and
 * when the participants changed, the national change over the municipalities in both rounds
 * (table_name {@value #SAME_MUNICIPALITIES}).
 * Also counts, for the record, the respondents who answered in both rounds (the SE assumes none
 * did) and names the municipalities without earlier figures.
 */
public final class ChangesSinceLastRound {
  public static final StructType SCHEMA = new StructType()
      .add("previous_round", DataTypes.StringType).add("table_name", DataTypes.StringType)
      .add("item", DataTypes.StringType).add("item_before", DataTypes.StringType).add("statistic", DataTypes.StringType)
      .add("kommunekode", DataTypes.StringType).add("ydelsesgruppe", DataTypes.StringType).add("koen", DataTypes.StringType)
      .add("aldersgruppe", DataTypes.StringType).add("varighedsgruppe", DataTypes.StringType)
      .add("weighted", DataTypes.BooleanType).add("n", DataTypes.LongType).add("n_before", DataTypes.LongType)
      .add("estimate", DataTypes.DoubleType).add("estimate_before", DataTypes.DoubleType)
      .add("change", DataTypes.DoubleType).add("se", DataTypes.DoubleType).add("ci_low", DataTypes.DoubleType)
      .add("ci_high", DataTypes.DoubleType).add("significant", DataTypes.BooleanType);

  /**
   * The earlier round compared with (empty for the first round), the changes, the items not compared
   * (new or reworded), the municipalities with figures now and none published in the earlier round
   * (new in the survey, or every figure suppressed then), and the
   * respondents of this round who also answered the earlier one.
   */
  public record Result(Optional<String> previousRound, List<RoundChanges.Change> changes, List<String> notCompared,
      List<String> municipalitiesWithoutEarlierFigures, long respondentsInBoth) {}

  private final Survey survey;
  private final QuestionnaireVersions versions;
  private final Warehouse warehouse;

  public ChangesSinceLastRound(Survey survey, QuestionnaireVersions versions, Warehouse warehouse) {
    this.survey = survey;
    this.versions = versions;
    this.warehouse = warehouse;
  }

  /** A round's estimation cells, the measures of their sums, and the calibration margins: what its estimates come from. */
  public record RoundCells(List<Measure> measures, List<EstimationCell> cells, List<CalibrationMargin> margins) {
    private static final int MUNICIPALITY = Survey.DOMAIN_VARIABLES.indexOf("kommunekode");

    Set<String> municipalities() {
      Set<String> codes = new TreeSet<>();
      cells.forEach(c -> codes.add(c.values().get(MUNICIPALITY)));
      return codes;
    }

    int[] cellsIn(Set<String> codes) {
      return IntStream.range(0, cells.size()).filter(c -> codes.contains(cells.get(c).values().get(MUNICIPALITY))).toArray();
    }

    /** The index of a measure, or -1. */
    int measure(String item, String statistic) {
      return IntStream.range(0, measures.size())
          .filter(m -> measures.get(m).item().equals(item) && measures.get(m).statistic().equals(statistic)).findFirst().orElse(-1);
    }
  }

  /** Table name of the national changes over the municipalities in both rounds. */
  public static final String SAME_MUNICIPALITIES = "national_same_municipalities";

  /**
   * The changes of this round's figures {@code now} (its tabulation, published or not), and, when
   * the participants changed, the national change over the municipalities in both rounds, estimated
   * from {@code nowCells} and the earlier round's cells ({@code earlierCells}, aggregated only then).
   */
  public Result compute(List<Tabulation.Row> now, RoundCells nowCells, Function<String, RoundCells> earlierCells) {
    Optional<String> previous = previousRound(warehouse, survey.round());
    if (previous.isEmpty()) {
      return new Result(previous, List.of(), List.of(), List.of(), 0);
    }
    String before = previous.get();
    if (versions.versionOf(before).isEmpty()) {
      // A round the questionnaire no longer describes (before its first version): nothing can be matched to it.
      return new Result(previous, List.of(), List.of(), List.of(), 0);
    }
    QuestionnaireVersions.Comparison comparison = versions.comparison(before, survey.round());
    List<RoundChanges.Figure> earlier = new ArrayList<>();
    Dataset<Row> published = warehouse.readRound(Table.ESTIMATES, before)
        .where(col("suppressed").equalTo(false).and(col("estimate").isNotNull()).and(col("se").isNotNull()));
    for (Row row : published.collectAsList()) {
      earlier.add(figure(row));
    }
    List<RoundChanges.Figure> later = new ArrayList<>();
    for (Tabulation.Row row : now) {
      if (!row.suppressed() && row.estimate() != null && row.se() != null) {
        later.add(new RoundChanges.Figure(row.table(), row.item(), row.statistic(), row.domain(), row.weighted(), row.n(),
            row.estimate(), row.se()));
      }
    }
    TreeSet<String> municipalities = municipalities(later);
    municipalities.removeAll(municipalities(earlier));
    List<RoundChanges.Change> changes = new ArrayList<>(RoundChanges.between(comparison, earlier, later));
    Set<String> nowCodes = nowCells.municipalities();
    Set<String> beforeCodes = new TreeSet<>();
    warehouse.readRound(Table.ESTIMATES, before).where(col("table_name").equalTo("kommune")).select("kommunekode").distinct()
        .collectAsList().forEach(r -> beforeCodes.add(r.getString(0)));
    Set<String> common = new TreeSet<>(nowCodes);
    common.retainAll(beforeCodes);
    // Like with like needs the earlier round's cells: its weights and responses, unless erased.
    boolean earlierCellsKept = warehouse.exists(Table.WEIGHTS)
        && !warehouse.readRound(Table.WEIGHTS, before).limit(1).isEmpty();
    if (!nowCodes.equals(beforeCodes) && !common.isEmpty() && earlierCellsKept) {
      changes.addAll(sameMunicipalities(comparison, common, nowCodes, beforeCodes, nowCells, earlierCells.apply(before),
          published(earlier), published(later)));
    }
    return new Result(previous, changes, comparison.notCompared(), List.copyOf(municipalities), respondentsInBoth(before));
  }

  /**
   * The national change of each comparable weighted figure over the municipalities in both rounds
   * (like with like), by linearization on each round's design. Published only where every
   * municipality left out (new now, or gone since) has its own figure published in its round, and
   * the national figure in both: then the like-with-like n is the national n minus published n's,
   * and it reveals no hidden count.
   */
  private List<RoundChanges.Change> sameMunicipalities(QuestionnaireVersions.Comparison comparison, Set<String> common,
      Set<String> nowCodes, Set<String> beforeCodes, RoundCells now, RoundCells then, Set<String> publishedBefore,
      Set<String> publishedNow) {
    LinearizedEstimator later = new LinearizedEstimator(Survey.DOMAIN_VARIABLES, now.margins(), now.cells());
    LinearizedEstimator earlier = new LinearizedEstimator(Survey.DOMAIN_VARIABLES, then.margins(), then.cells());
    int[] laterCells = now.cellsIn(common);
    int[] earlierCells = then.cellsIn(common);
    List<RoundChanges.Change> changes = new ArrayList<>();
    for (int m = 0; m < now.measures().size(); m++) {
      Measure measure = now.measures().get(m);
      String itemBefore = switch (measure.statistic()) {
        case Measure.SHARE_POSITIVE, Measure.MEAN -> comparison.items().get(measure.item());
        case Measure.THEME_INDEX -> comparison.themes().contains(measure.item()) ? measure.item() : null;
        default -> null;
      };
      int measureBefore = itemBefore == null ? -1 : then.measure(itemBefore, measure.statistic());
      if (measureBefore < 0
          || !publishedNow.contains(nationalKey(measure.item(), measure.statistic()))
          || !publishedBefore.contains(nationalKey(itemBefore, measure.statistic()))
          || !nowCodes.stream().filter(c -> !common.contains(c))
              .allMatch(c -> publishedNow.contains(municipalityKey(measure.item(), measure.statistic(), c)))
          || !beforeCodes.stream().filter(c -> !common.contains(c))
              .allMatch(c -> publishedBefore.contains(municipalityKey(itemBefore, measure.statistic(), c)))) {
        continue;
      }
      Estimate nowEstimate = later.weighted(laterCells, m);
      Estimate thenEstimate = earlier.weighted(earlierCells, measureBefore);
      if (!Double.isFinite(nowEstimate.se()) || !Double.isFinite(thenEstimate.se())) {
        continue;
      }
      changes.add(new RoundChanges.Change(SAME_MUNICIPALITIES, measure.item(), itemBefore, measure.statistic(), Map.of(), true,
          nowEstimate.n(), thenEstimate.n(), nowEstimate.estimate(), thenEstimate.estimate(),
          nowEstimate.estimate() - thenEstimate.estimate(), Math.hypot(nowEstimate.se(), thenEstimate.se())));
    }
    return changes;
  }

  /** The national and municipality keys of the weighted figures among {@code figures}. */
  private static Set<String> published(List<RoundChanges.Figure> figures) {
    Set<String> keys = new HashSet<>();
    for (RoundChanges.Figure f : figures) {
      if (f.weighted() && f.table().equals("national")) {
        keys.add(nationalKey(f.item(), f.statistic()));
      } else if (f.weighted() && f.table().equals("kommune")) {
        keys.add(municipalityKey(f.item(), f.statistic(), f.domain().get("kommunekode")));
      }
    }
    return keys;
  }

  private static String nationalKey(String item, String statistic) {
    return item + "|" + statistic;
  }

  private static String municipalityKey(String item, String statistic, String kommunekode) {
    return item + "|" + statistic + "|" + kommunekode;
  }

  /** The result as rows of published/changes. */
  public Dataset<Row> rows(Result result) {
    List<Row> rows = new ArrayList<>(result.changes().size());
    for (RoundChanges.Change c : result.changes()) {
      rows.add(RowFactory.create(result.previousRound().orElseThrow(), c.table(), c.item(), c.itemBefore(), c.statistic(),
          c.domain().get("kommunekode"), c.domain().get("ydelsesgruppe"), c.domain().get("koen"),
          c.domain().get("aldersgruppe"), c.domain().get("varighedsgruppe"), c.weighted(), c.n(), c.nBefore(), c.estimate(),
          c.estimateBefore(), c.change(), c.se(), c.ciLow(), c.ciHigh(), c.significant()));
    }
    return warehouse.spark().createDataFrame(rows, SCHEMA);
  }

  /** The round a round's changes compare with: the latest earlier round with published estimates. */
  public static Optional<String> previousRound(Warehouse warehouse, String round) {
    if (!warehouse.exists(Table.ESTIMATES)) {
      return Optional.empty();
    }
    return warehouse.read(Table.ESTIMATES).select(Warehouse.ROUND_COLUMN).distinct().collectAsList().stream()
        .map(r -> r.getString(0)).filter(r -> r.compareTo(round) < 0).max(String::compareTo);
  }

  /** Persons (by pseudonymous key) who responded in both rounds: the overlap the independence assumption ignores. */
  private long respondentsInBoth(String before) {
    if (!warehouse.exists(Table.RESPONSES)) {
      return 0;
    }
    Dataset<Row> earlier = warehouse.readRound(Table.RESPONSES, before).where(col("is_respondent")).select("person_key");
    Dataset<Row> now = warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent")).select("person_key");
    return now.join(earlier, "person_key").count();
  }

  private static RoundChanges.Figure figure(Row row) {
    Map<String, String> domain = new LinkedHashMap<>();
    for (String variable : Survey.DOMAIN_VARIABLES) {
      String value = row.getAs(variable);
      if (value != null) {
        domain.put(variable, value);
      }
    }
    return new RoundChanges.Figure(row.getAs("table_name"), row.getAs("item"), row.getAs("statistic"), domain,
        row.<Boolean>getAs("weighted"), row.<Long>getAs("n"), row.<Double>getAs("estimate"), row.<Double>getAs("se"));
  }

  private static TreeSet<String> municipalities(List<RoundChanges.Figure> figures) {
    TreeSet<String> codes = new TreeSet<>();
    figures.forEach(f -> {
      String code = f.domain().get("kommunekode");
      if (code != null) {
        codes.add(code);
      }
    });
    return codes;
  }
}
