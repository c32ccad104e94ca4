package dk.jobsurvey.responses;

import static dk.jobsurvey.warehouse.Counts.countWhere;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc_nulls_last;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.files.Labels;
import dk.jobsurvey.files.ProblemText;
import dk.jobsurvey.files.SourceFile;
import dk.jobsurvey.files.TableRows;
import dk.jobsurvey.files.TabularFileReader;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The responses step (DESIGN.md §6): survey-tool exports, read and checked, joined to the sample
 * through restricted/contacts by token, and merged into analysis/responses by person_key, so that
 * loading an export twice changes nothing and a later submission replaces an earlier one. Raw free
 * text goes only to restricted/free_text; analysis/responses keeps it scrubbed of CPR and phone
 * numbers, e-mail addresses and the full names of the round's population. Rows without a token
 * or with an unknown token go to analysis/response_quarantine.
 *
 * <p>Every input row is accounted for: merged (inserted, updated or already loaded), superseded by a
 * later submission for the same token, or quarantined.
 *
 * <p>Needs restricted/contacts for the round (mailmerge). Cost: one read of the export files, one
 * join to the contacts, one MERGE per table (rewriting only the files that hold changed rows).
 */
public final class LoadResponses {
  public static final String QUARANTINE_STEP = "responses";
  static final String MISSING_TOKEN = "missing_token";
  static final String UNKNOWN_TOKEN = "unknown_token";

  /** What a load did with its rows. */
  public record Result(List<SourceFile> files, List<FileRejection> rejected, Map<String, Long> counts) {}

  private final Survey survey;
  private final Questionnaire questionnaire;
  private final Warehouse warehouse;
  private final String input;

  /** The load of the survey exports under {@code input} (a folder). */
  public LoadResponses(Survey survey, Questionnaire questionnaire, Warehouse warehouse, String input) {
    this.survey = survey;
    this.questionnaire = questionnaire;
    this.warehouse = warehouse;
    this.input = input;
  }

  /** The rated questions, common and the municipalities' own. */
  private List<String> itemIds() {
    return questionnaire.ratedIds();
  }

  /** The free-text questions, common and the municipalities' own: all scrubbed alike. */
  private List<String> freeTextIds() {
    return questionnaire.freeTextIds();
  }

  public Result execute() throws IOException {
    warehouse.requireRound(Table.CONTACTS, survey.round());
    List<SourceFile> files = TabularFileReader.discover(warehouse.spark(), input);
    TabularFileReader reader = new TabularFileReader(warehouse.spark(), survey.ingest().csv());
    List<FileRejection> rejected = new ArrayList<>();
    Dataset<Row> raw = null;
    for (SourceFile file : files) {
      if (file.kind() == SourceFile.Kind.OTHER) {
        continue;
      }
      TabularFileReader.Result table = reader.read(file);
      if (table.rejection().isPresent()) {
        rejected.add(table.rejection().get());
        continue;
      }
      Map<String, Integer> columns = new HashMap<>();
      ProblemText problem = mapHeaders(table.headers(), columns);
      if (problem != null) {
        rejected.add(new FileRejection(file.name(), problem));
        continue;
      }
      Dataset<Row> canonical = canonical(file, columns, table.cells().get());
      raw = raw == null ? canonical : raw.unionByName(canonical);
    }
    Map<String, Long> counts = new HashMap<>();
    if (raw == null) {
      return new Result(files, rejected, counts);
    }
    // An export that broke off while being read is rejected whole, as an extract is.
    TableRows.Read read = TableRows.withoutUnreadableFiles(raw.localCheckpoint(true), "source_file");
    rejected.addAll(read.rejected());
    Dataset<Row> checked = withNamesMasked(check(read.rows())).localCheckpoint(true);
    Dataset<Row> contacts = warehouse.readRound(Table.CONTACTS, survey.round()).select("token", "person_key", "kommunekode");
    Dataset<Row> joined = checked.join(contacts, checked.col("token").equalTo(contacts.col("token")), "left")
        .drop(contacts.col("token"))
        .withColumn("reason_code", when(col("token").isNull(), lit(MISSING_TOKEN))
            .when(col("person_key").isNull(), lit(UNKNOWN_TOKEN)))
        .withColumn("rank", when(col("reason_code").isNull(), row_number().over(Window.partitionBy("person_key")
            .orderBy(desc_nulls_last("submitted_at"), col("source_file").desc(), col("source_row").desc()))))
        .localCheckpoint(true);

    Dataset<Row> latest = joined.where(col("rank").equalTo(1));
    Dataset<Row> existing = warehouse.exists(Table.RESPONSES)
        ? warehouse.readRound(Table.RESPONSES, survey.round())
            .select(col("person_key"), col("submitted_at").as("loaded_at"), lit(true).as("loaded"))
        : warehouse.spark().createDataFrame(List.of(), new StructType().add("person_key", DataTypes.StringType)
            .add("loaded_at", DataTypes.TimestampType).add("loaded", DataTypes.BooleanType));
    Column newerThanLoaded = coalesce(col("submitted_at").gt(col("loaded_at")),
        col("loaded_at").isNull().and(col("submitted_at").isNotNull()));
    Row tally = joined.join(existing, joined.col("person_key").equalTo(existing.col("person_key")), "left")
        .agg(count(lit(1)).as("rows_read"),
            countWhere(col("reason_code").equalTo(MISSING_TOKEN)).as(MISSING_TOKEN),
            countWhere(col("reason_code").equalTo(UNKNOWN_TOKEN)).as(UNKNOWN_TOKEN),
            countWhere(col("rank").gt(1)).as("superseded_in_load"),
            // The same rule as the MERGE below: a newer submission, or a time where the loaded row had none.
            countWhere(col("rank").equalTo(1).and(col("loaded").isNull())).as("inserted"),
            countWhere(col("rank").equalTo(1).and(col("loaded")).and(newerThanLoaded)).as("updated"),
            countWhere(col("rank").equalTo(1).and(col("loaded")).and(not(newerThanLoaded))).as("already_loaded"),
            sum(col("out_of_range")).cast(DataTypes.LongType).as("answers_out_of_range"))
        .head();
    for (String name : tally.schema().fieldNames()) {
      counts.put(name, tally.isNullAt(tally.fieldIndex(name)) ? 0L : tally.<Long>getAs(name));
    }

    List<Column> responseColumns = new ArrayList<>(List.of(col("person_key"), col("kommunekode"), col("submitted_at")));
    itemIds().forEach(id -> responseColumns.add(askedOnly(id, col(id)).as(id)));
    freeTextIds().forEach(id -> responseColumns.add(askedOnly(id, col(id + "_scrubbed")).as(id + "_text")));
    responseColumns.add(col("is_respondent"));
    responseColumns.add(col("source_file"));
    List<Column> freeTextColumns = new ArrayList<>(List.of(col("person_key"), col("submitted_at")));
    freeTextIds().forEach(id -> freeTextColumns.add(askedOnly(id, col(id + "_raw")).as(id + "_raw")));
    String newer = "s.submitted_at > t.submitted_at OR (t.submitted_at IS NULL AND s.submitted_at IS NOT NULL)";
    // The three tables together or not at all.
    warehouse.allOrNothing(List.of(Table.RESPONSES, Table.FREE_TEXT, Table.RESPONSE_QUARANTINE), () -> {
      warehouse.mergeRound(Table.RESPONSES, survey.round(), latest.select(responseColumns.toArray(new Column[0])), List.of("person_key"), newer);
      warehouse.mergeRound(Table.FREE_TEXT, survey.round(), latest.select(freeTextColumns.toArray(new Column[0])), List.of("person_key"), newer);
      warehouse.mergeRound(Table.RESPONSE_QUARANTINE, survey.round(), joined.where(col("reason_code").isNotNull())
              .select(col("source_file"), col("source_row"), lit(null).cast(DataTypes.StringType).as("kommunekode"), col("reason_code"),
                  when(col("reason_code").equalTo(MISSING_TOKEN), lit("the row has no token"))
                      .otherwise(lit("the token is not one of the round's survey tokens")).as("reason_detail"),
                  lit(QUARANTINE_STEP).as("step")),
          List.of("step", "source_file", "source_row"), null);
      return null;
    });
    return new Result(files, rejected, counts);
  }

  /**
   * A municipality's own question keeps only its citizens' answers (by the contact's kommunekode):
   * an answer typed in under another municipality's token was never asked of that person.
   */
  private Column askedOnly(String id, Column answer) {
    return questionnaire.localItems().stream().filter(l -> l.id().equals(id)).findFirst()
        .map(local -> when(col("kommunekode").equalTo(local.kommunekode()), answer)).orElse(answer);
  }

  /** Token, submission time and item columns by header; null, or why the file cannot be loaded. */
  private ProblemText mapHeaders(List<String> headers, Map<String, Integer> columns) {
    Map<String, String> byFolded = new HashMap<>();
    survey.responses().tokenHeaders().forEach(h -> byFolded.put(Labels.fold(h), "token"));
    survey.responses().submittedAtHeaders().forEach(h -> byFolded.put(Labels.fold(h), "submitted_at"));
    List<String> ids = new ArrayList<>(itemIds());
    ids.addAll(freeTextIds());
    for (String id : ids) {
      byFolded.put(Labels.fold(id), id);
      byFolded.put("spm " + id.substring(1), id);
    }
    for (int i = 0; i < headers.size(); i++) {
      String column = byFolded.get(Labels.fold(headers.get(i)));
      if (column != null && columns.put(column, i) != null) {
        String first = headers.get(columns.get(column));
        return new ProblemText("two columns hold " + column + " ('" + first + "' and '" + headers.get(i)
            + "'); export the survey again without duplicate columns", "To kolonner indeholder " + column + " ('" + first
            + "' og '" + headers.get(i) + "'); eksportér undersøgelsen igen uden dobbelte kolonner");
      }
    }
    if (!columns.containsKey("token")) {
      String tried = String.join(", ", survey.responses().tokenHeaders());
      return new ProblemText("no token column (headers tried: " + tried + ")",
          "Ingen kolonne med token (overskrifter, der blev prøvet: " + tried + ")");
    }
    return null;
  }

  private Dataset<Row> canonical(SourceFile file, Map<String, Integer> columns, Dataset<Row> cells) {
    List<Column> selected = new ArrayList<>(List.of(lit(file.name()).as("source_file"), col(TableRows.SOURCE_ROW)));
    List<String> names = new ArrayList<>(List.of("token", "submitted_at"));
    names.addAll(itemIds());
    names.addAll(freeTextIds());
    for (String name : names) {
      Integer index = columns.get(name);
      selected.add((index == null ? lit(null).cast(DataTypes.StringType) : col("c" + index)).as(name));
    }
    selected.add(col(TableRows.READ_PROBLEM));
    return cells.select(selected.toArray(new Column[0]));
  }

  private Dataset<Row> check(Dataset<Row> raw) {
    List<String> items = itemIds();
    List<String> texts = freeTextIds();
    StructType schema = new StructType().add("source_file", DataTypes.StringType).add("source_row", DataTypes.LongType)
        .add("token", DataTypes.StringType).add("submitted_at", DataTypes.TimestampType);
    for (String id : items) {
      schema = schema.add(id, DataTypes.IntegerType);
    }
    for (String id : texts) {
      schema = schema.add(id + "_raw", DataTypes.StringType).add(id + "_scrubbed", DataTypes.StringType);
    }
    schema = schema.add("out_of_range", DataTypes.IntegerType).add("is_respondent", DataTypes.BooleanType);
    AnswerValues answers = new AnswerValues(questionnaire);
    FreeTextScrubber scrubber = new FreeTextScrubber();
    return raw.map((MapFunction<Row, Row>) row -> {
      List<Object> values = new ArrayList<>();
      values.add(row.getString(0));
      values.add(row.getLong(1));
      values.add(AnswerValues.token(row.getString(2)));
      var time = AnswerValues.submittedAt(row.getString(3));
      values.add(time == null ? null : Timestamp.valueOf(time));
      int outOfRange = 0;
      boolean respondent = false;
      for (int i = 0; i < items.size(); i++) {
        AnswerValues.Answer answer = answers.answer(row.getString(4 + i));
        values.add(answer.value());
        outOfRange += answer.outOfRange() ? 1 : 0;
        respondent |= answer.value() != null;
      }
      for (int i = 0; i < texts.size(); i++) {
        String text = row.getString(4 + items.size() + i);
        String kept = text == null || text.isBlank() ? null : text.strip();
        values.add(kept);
        values.add(scrubber.scrub(kept));
      }
      values.add(outOfRange);
      values.add(respondent);
      return RowFactory.create(values.toArray());
    }, Encoders.row(schema));
  }

  /**
   * The scrubbed free texts with the full names of the round's population masked ({@link
   * PersonNames}): the texts' word runs are joined with the names' keys, so no name list is held in
   * memory; the raw texts stay as they were, for restricted/free_text.
   */
  private Dataset<Row> withNamesMasked(Dataset<Row> checked) {
    if (!warehouse.exists(Table.IDENTITY)) {
      return checked;
    }
    var keysOf = udf((UDF1<String, scala.collection.immutable.Seq<String>>) name ->
        CollectionConverters.asScala(PersonNames.keysOf(name)).toList(), DataTypes.createArrayType(DataTypes.StringType));
    var candidates = udf((UDF1<String, scala.collection.immutable.Seq<String>>) text ->
        CollectionConverters.asScala(PersonNames.candidates(text)).toList(), DataTypes.createArrayType(DataTypes.StringType));
    var mask = udf((UDF2<String, scala.collection.Seq<String>, String>) (text, found) ->
        found == null ? text : PersonNames.mask(text, CollectionConverters.asJava(found)), DataTypes.StringType);
    Dataset<Row> names = warehouse.readRound(Table.IDENTITY, survey.round())
        .select(explode(keysOf.apply(col("navn"))).as("name_key")).distinct();
    Dataset<Row> words = null;
    for (String id : freeTextIds()) {
      Dataset<Row> ofText = checked.select(col("source_file"), col("source_row"),
          explode(candidates.apply(col(id + "_scrubbed"))).as("name_key"));
      words = words == null ? ofText : words.union(ofText);
    }
    if (words == null) {
      return checked;
    }
    Dataset<Row> found = words.join(names, "name_key").groupBy("source_file", "source_row")
        .agg(collect_set(col("name_key")).as("names_found"));
    Dataset<Row> masked = checked.join(found, toSeq(List.of("source_file", "source_row")), "left");
    for (String id : freeTextIds()) {
      masked = masked.withColumn(id + "_scrubbed", mask.apply(col(id + "_scrubbed"), col("names_found")));
    }
    return masked.drop("names_found");
  }

  private static scala.collection.immutable.Seq<String> toSeq(List<String> columns) {
    return CollectionConverters.asScala(columns).toSeq();
  }
}
