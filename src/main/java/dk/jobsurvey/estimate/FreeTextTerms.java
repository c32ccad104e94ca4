package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Free-text themes (published/free_text_terms): per free-text item, nationally and per group, the
 * most frequent terms and adjacent term pairs of the scrubbed answers, with Spark MLlib's tokenizer,
 * its Danish stop-word list and n-grams. Counted as texts containing the term. Only cells with at
 * least min_respondents texts, and only terms found in at least that many texts, are published: a
 * rare word can identify its writer even after scrubbing.
 */
public final class FreeTextTerms {
  /** Terms per item, cell and kind. */
  static final int TOP = 10;
  /** The scrubber's placeholders: not themes. */
  static final List<String> PLACEHOLDERS = List.of("cpr", "telefon", "email");

  private final Survey survey;
  private final Questionnaire questionnaire;
  private final Warehouse warehouse;

  public FreeTextTerms(Survey survey, Questionnaire questionnaire, Warehouse warehouse) {
    this.survey = survey;
    this.questionnaire = questionnaire;
    this.warehouse = warehouse;
  }

  /** Writes published/free_text_terms for the round; returns its rows (a few hundred), nation first. */
  public List<Row> execute() {
    Dataset<Row> terms = terms().localCheckpoint(true);
    warehouse.replaceRound(survey.round(), java.util.Map.of(Table.FREE_TEXT_TERMS, terms));
    return terms.orderBy(col("item"), col("ydelsesgruppe").asc_nulls_first(), col("kind").desc(), col("rank")).collectAsList();
  }

  /** The rows of published/free_text_terms for the round (lazy; a few hundred rows). */
  public Dataset<Row> terms() {
    int minimum = survey.suppression().minRespondents();
    Dataset<Row> responses = warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent"))
        .join(warehouse.readRound(Table.SAMPLE, survey.round()).select("person_key", "ydelsesgruppe"), "person_key");
    if (questionnaire.freeText().isEmpty()) {
      return warehouse.spark().createDataFrame(List.of(), schema());
    }
    // One row per respondent and free-text item, from one scan: explode an array of (item, text) pairs.
    Column pairs = array(questionnaire.freeText().stream()
        .map(item -> struct(lit(item.id()).as("item"), col(item.id() + "_text").as("text"))).toArray(Column[]::new));
    Dataset<Row> texts = responses.select(col("ydelsesgruppe"), explode(pairs).as("answer"))
        .select(col("answer.item").as("item"), col("ydelsesgruppe"), col("answer.text").as("text"))
        .where(col("text").isNotNull().and(trim(col("text")).notEqual("")))
        .withColumn("text_id", monotonically_increasing_id());
    List<String> stopWords = new ArrayList<>(Arrays.asList(StopWordsRemover.loadDefaultStopWords("danish")));
    stopWords.addAll(PLACEHOLDERS);
    Dataset<Row> tokenized = new NGram().setN(2).setInputCol("terms").setOutputCol("pairs").transform(
        new StopWordsRemover().setInputCol("tokens").setOutputCol("terms").setStopWords(stopWords.toArray(String[]::new))
            .transform(new RegexTokenizer().setInputCol("text").setOutputCol("tokens").setPattern("[^\\p{L}]+")
                .setMinTokenLength(2).setToLowercase(true).transform(texts)));
    Dataset<Row> occurrences = tokenized.select(col("item"), col("ydelsesgruppe"), lit("term").as("kind"),
            explode(array_distinct(col("terms"))).as("term"))
        .unionByName(tokenized.select(col("item"), col("ydelsesgruppe"), lit("pair").as("kind"),
            explode(array_distinct(col("pairs"))).as("term")));
    Dataset<Row> byGroup = occurrences.groupBy("item", "ydelsesgruppe", "kind", "term").agg(count(lit(1)).as("texts_with_term"));
    Dataset<Row> cellTexts = texts.groupBy("item", "ydelsesgruppe").agg(count(lit(1)).as("texts"));
    // The nation: each text belongs to one group, so its counts are the groups' sums.
    Dataset<Row> counts = byGroup.join(cellTexts, toSeq("item", "ydelsesgruppe"))
        .unionByName(byGroup.groupBy("item", "kind", "term").agg(sum("texts_with_term").as("texts_with_term"))
            .join(cellTexts.groupBy("item").agg(sum("texts").as("texts")), "item")
            .withColumn("ydelsesgruppe", lit(null).cast(DataTypes.StringType)));
    return counts.where(col("texts").geq(minimum).and(col("texts_with_term").geq(minimum)))
        .withColumn("rank", row_number().over(Window.partitionBy("item", "ydelsesgruppe", "kind")
            .orderBy(col("texts_with_term").desc(), col("term"))))
        .where(col("rank").leq(TOP))
        .select(col("item"), col("ydelsesgruppe"), col("kind"), col("rank"), col("term"), col("texts_with_term").cast("long"),
            col("texts").cast("long"), col("texts_with_term").divide(col("texts")).as("share_of_texts"));
  }

  private static org.apache.spark.sql.types.StructType schema() {
    return new org.apache.spark.sql.types.StructType().add("item", DataTypes.StringType).add("ydelsesgruppe", DataTypes.StringType)
        .add("kind", DataTypes.StringType).add("rank", DataTypes.IntegerType).add("term", DataTypes.StringType)
        .add("texts_with_term", DataTypes.LongType).add("texts", DataTypes.LongType).add("share_of_texts", DataTypes.DoubleType);
  }

  private static scala.collection.immutable.Seq<String> toSeq(String... columns) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toSeq();
  }
}
