package dk.jobsurvey.fieldwork;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.FieldworkSettings;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.PublishedCells;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The fieldwork monitor: per municipality × group and per municipality (ydelsesgruppe null), the
 * sampled, the respondents so far, the response rate, the target (the response floor, per
 * municipality) and the projected final responses: the rows of published/response_rates, which
 * tabulate writes.
 *
 * <p>Projection (documented in conf/survey.yaml, fieldwork.response_arrival): final responses =
 * responses so far / the share of final responses usually in by the current week (the week of the
 * latest submission loaded). Before any response, the projection is the allocation's expected
 * responses. Cost: one aggregation of the sample with the responses; a few hundred rows out.
 */
public final class ResponseMonitor {
  private final Survey survey;
  private final Warehouse warehouse;

  public ResponseMonitor(Survey survey, Warehouse warehouse) {
    this.survey = survey;
    this.warehouse = warehouse;
  }

  /** The current ISO week of fieldwork: the week of the latest submission loaded, or 0 before any. */
  public int currentWeek() {
    if (!warehouse.exists(Table.RESPONSES)) {
      return 0;
    }
    Row latest = warehouse.readRound(Table.RESPONSES, survey.round()).agg(max("submitted_at")).head();
    return latest.isNullAt(0) ? 0 : latest.getTimestamp(0).toLocalDateTime().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  /**
   * The rates and projections in full (small; riskiest first), for the analyst's console and the
   * mail merge. Nothing is written: published/ gets the rates from tabulate alone, protected together
   * with every other figure, so no second release of the same counts can be set against the first.
   */
  public List<Row> execute() {
    warehouse.requireRound(Table.SAMPLE, survey.round());
    Dataset<Row> rates = rates();
    return rates.orderBy(col("ydelsesgruppe").isNotNull(), col("projected_responses").minus(coalesce(col("target_responses"), lit(0L))),
        col("kommunekode"), col("ydelsesgruppe")).collectAsList();
  }

  /** The rows of published/response_rates for the round, computed once (checkpointed), not written. */
  public Dataset<Row> rates() {
    int week = currentWeek();
    double arrived = week == 0 ? 0 : survey.fieldwork().arrivedBy(week);
    Dataset<Row> sample = warehouse.readRound(Table.SAMPLE, survey.round()).select("person_key", "kommunekode", "ydelsesgruppe");
    Dataset<Row> respondents = warehouse.exists(Table.RESPONSES)
        ? warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent")).select(col("person_key"), lit(1).as("responded"))
        : warehouse.spark().createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
            .add("person_key", DataTypes.StringType).add("responded", DataTypes.IntegerType));
    Dataset<Row> expected = warehouse.readRound(Table.ALLOCATION, survey.round())
        .select("kommunekode", "ydelsesgruppe", "expected_responses");
    Dataset<Row> strata = sample.join(respondents, sample.col("person_key").equalTo(respondents.col("person_key")), "left")
        .groupBy("kommunekode", "ydelsesgruppe")
        .agg(count(lit(1)).as("sampled"), sum(coalesce(col("responded"), lit(0))).cast(DataTypes.LongType).as("responded"))
        .join(expected, scala.jdk.javaapi.CollectionConverters.asScala(List.of("kommunekode", "ydelsesgruppe")).toSeq());
    Column projected = arrived > 0 ? col("responded").divide(lit(arrived)) : col("expected_responses");
    Dataset<Row> byStratum = strata.select(col("kommunekode"), col("ydelsesgruppe"), col("sampled"), col("responded"),
        col("responded").divide(col("sampled")).as("response_rate"), lit(null).cast(DataTypes.LongType).as("target_responses"),
        projected.as("projected_responses"));
    Dataset<Row> byMunicipality = byStratum.groupBy("kommunekode")
        .agg(sum("sampled").cast(DataTypes.LongType).as("sampled"), sum("responded").cast(DataTypes.LongType).as("responded"),
            sum("projected_responses").as("projected_responses"))
        .select(col("kommunekode"), lit(null).cast(DataTypes.StringType).as("ydelsesgruppe"), col("sampled"), col("responded"),
            col("responded").divide(col("sampled")).as("response_rate"), lit((long) survey.sample().minResponses()).as("target_responses"),
            col("projected_responses"));
    Dataset<Row> rates = byStratum.unionByName(byMunicipality)
        .withColumn("at_risk", when(col("target_responses").isNotNull(), col("projected_responses").lt(col("target_responses"))))
        .withColumn("as_of_week", lit(week))
        .localCheckpoint(true);
    return rates;
  }

  /**
   * What to do about a municipality projected to fall short, as of {@code week} (0 before any
   * response): the extra SMS round while its send week has not passed, and after it only a note,
   * since advice to send a round that is over is no advice.
   */
  public static String adviceForShortfall(FieldworkSettings fieldwork, int week) {
    int extraWeek = fieldwork.extraSms().sendWeek();
    if (week > fieldwork.collectionWeeks().last()) {
      return "AT RISK: fieldwork ended in week " + fieldwork.collectionWeeks().last();
    }
    return week <= extraWeek ? "AT RISK: send the extra SMS round in week " + extraWeek + " (mailmerge makes its list)"
        : "AT RISK: the extra SMS round was due in week " + extraWeek + "; no round is left to send";
  }

  /** The respondents per municipality and group of the rates' rows, for the disclosure system. */
  public static SortedMap<String, SortedMap<String, Long>> respondents(List<Row> rates) {
    SortedMap<String, SortedMap<String, Long>> respondents = new TreeMap<>();
    for (Row row : rates) {
      String municipality = row.getAs("kommunekode");
      SortedMap<String, Long> groups = respondents.computeIfAbsent(municipality, m -> new TreeMap<>());
      if (!row.isNullAt(row.fieldIndex("ydelsesgruppe"))) {
        groups.put(row.getAs("ydelsesgruppe"), row.<Long>getAs("responded"));
      }
    }
    return respondents;
  }

  /**
   * The rates as published/response_rates may hold them: a respondent count is a figure like any
   * other (DESIGN.md §9). A hidden row ({@code hidden} holds its
   * {@link PublishedCells#respondentKey}) keeps kommunekode, ydelsesgruppe, sampled and the target;
   * its respondent figures are null and its reason is only "hidden".
   */
  public Dataset<Row> publishable(List<Row> rates, StructType schema, java.util.Set<String> hidden) {
    List<String> hiddenColumns = List.of("responded", "response_rate", "projected_responses", "at_risk");
    List<Row> published = new java.util.ArrayList<>();
    for (Row row : rates) {
      String group = row.isNullAt(row.fieldIndex("ydelsesgruppe")) ? null : row.getAs("ydelsesgruppe");
      boolean suppressed = hidden.contains(PublishedCells.respondentKey(row.getAs("kommunekode"), group));
      Object[] values = new Object[row.size() + 2];
      for (int f = 0; f < row.size(); f++) {
        values[f] = suppressed && hiddenColumns.contains(schema.fields()[f].name()) ? null : row.get(f);
      }
      values[row.size()] = suppressed;
      values[row.size() + 1] = suppressed ? DisclosureControl.HIDDEN : null;
      published.add(org.apache.spark.sql.RowFactory.create(values));
    }
    return warehouse.spark().createDataFrame(published, schema.add("suppressed", DataTypes.BooleanType)
        .add("suppression_reason", DataTypes.StringType));
  }

  /** Projected final responses per municipality, for the mail merge's extra SMS list. */
  public static Map<String, Double> projectedByMunicipality(List<Row> rates) {
    Map<String, Double> projected = new java.util.HashMap<>();
    for (Row row : rates) {
      if (row.isNullAt(row.fieldIndex("ydelsesgruppe"))) {
        projected.put(row.getAs("kommunekode"), row.<Double>getAs("projected_responses"));
      }
    }
    return projected;
  }

}
