package dk.jobsurvey.estimate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.publish.CellSystem;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.PublishedCells;
import dk.jobsurvey.publish.TableCells;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Free-text themes (published/free_text_terms): per free-text item, nationally and per group, the
 * most frequent terms and adjacent term pairs of the scrubbed answers, with Spark MLlib's tokenizer,
 * its Danish stop-word list and n-grams. Counted as texts containing the term. A term is chosen
 * when it is among the {@value #TOP} most frequent of some cell with at least min_respondents texts
 * (a rare word can identify its writer even after scrubbing); a chosen term's count in every cell,
 * and every cell's number of texts, are figures of the round's one disclosure system
 * ({@link dk.jobsurvey.publish.PublishedCells}). Cost: one scan of the responses to per-group counts;
 * a few hundred rows reach the driver.
 */
public final class FreeTextTerms {
  /** Terms per item, cell and kind. */
  static final int TOP = 10;
  /** The scrubber's placeholders: not themes. */
  static final List<String> PLACEHOLDERS = List.of("cpr", "telefon", "email", "navn");
  private static final String GROUP = "ydelsesgruppe";
  private static final String TABLE = "free_text_terms";
  /** The schema of published/free_text_terms. */
  public static final org.apache.spark.sql.types.StructType SCHEMA = new org.apache.spark.sql.types.StructType()
      .add("item", DataTypes.StringType).add(GROUP, DataTypes.StringType).add("kind", DataTypes.StringType)
      .add("rank", DataTypes.IntegerType).add("term", DataTypes.StringType).add("texts_with_term", DataTypes.LongType)
      .add("texts", DataTypes.LongType).add("share_of_texts", DataTypes.DoubleType).add("suppressed", DataTypes.BooleanType)
      .add("suppression_reason", DataTypes.StringType);

  /** How many texts a group wrote to a free-text item. */
  public record TextCount(String item, String group, long texts) {}

  /** How many of a group's texts to an item contain a chosen term (kind "term" or "pair"). */
  public record TermCount(String item, String kind, String term, String group, long texts) {}

  /** Every group's texts and chosen terms' counts: the figures published/free_text_terms is made of. */
  public record Counts(List<TextCount> texts, List<TermCount> terms) {
    public static final Counts NONE = new Counts(List.of(), List.of());
  }

  /** The cells of the texts and chosen terms in the round's system, nation and groups each. */
  public record Cells(TableCells cells, Map<String, int[]> texts, Map<List<String>, int[]> terms) {}

  private final Survey survey;
  private final Questionnaire questionnaire;
  private final Warehouse warehouse;

  public FreeTextTerms(Survey survey, Questionnaire questionnaire, Warehouse warehouse) {
    this.survey = survey;
    this.questionnaire = questionnaire;
    this.warehouse = warehouse;
  }

  /** Every group's texts per item and every chosen term's count per group (two small collects). */
  public Counts counts() {
    if (questionnaire.freeText().isEmpty()) {
      return Counts.NONE;
    }
    int minimum = survey.suppression().minRespondents();
    Dataset<Row> responses = warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent"))
        .join(warehouse.readRound(Table.SAMPLE, survey.round()).select("person_key", GROUP), "person_key");
    // One row per respondent and free-text item, from one scan: explode an array of (item, text) pairs.
    Column pairs = array(questionnaire.freeText().stream()
        .map(item -> struct(lit(item.id()).as("item"), col(item.id() + "_text").as("text"))).toArray(Column[]::new));
    Dataset<Row> texts = responses.select(col(GROUP), explode(pairs).as("answer"))
        .select(col("answer.item").as("item"), col(GROUP), col("answer.text").as("text"))
        .where(col("text").isNotNull().and(trim(col("text")).notEqual("")));
    List<String> stopWords = new ArrayList<>(Arrays.asList(StopWordsRemover.loadDefaultStopWords("danish")));
    stopWords.addAll(PLACEHOLDERS);
    Dataset<Row> tokenized = new NGram().setN(2).setInputCol("terms").setOutputCol("pairs").transform(
        new StopWordsRemover().setInputCol("tokens").setOutputCol("terms").setStopWords(stopWords.toArray(String[]::new))
            .transform(new RegexTokenizer().setInputCol("text").setOutputCol("tokens").setPattern("[^\\p{L}]+")
                .setMinTokenLength(2).setToLowercase(true).transform(texts)));
    Dataset<Row> occurrences = tokenized.select(col("item"), col(GROUP), lit("term").as("kind"),
            explode(array_distinct(col("terms"))).as("term"))
        .unionByName(tokenized.select(col("item"), col(GROUP), lit("pair").as("kind"),
            explode(array_distinct(col("pairs"))).as("term")));
    Dataset<Row> byGroup = occurrences.groupBy("item", GROUP, "kind", "term").agg(count(lit(1)).as("texts_with_term"))
        .localCheckpoint(true);
    // The nation: each text belongs to one group, so its counts are the groups' sums.
    Dataset<Row> candidates = byGroup.unionByName(byGroup.groupBy("item", "kind", "term")
        .agg(sum("texts_with_term").cast("long").as("texts_with_term")).withColumn(GROUP, lit(null).cast(DataTypes.StringType)));
    Dataset<Row> chosen = candidates.where(col("texts_with_term").geq(minimum))
        .withColumn("rank", row_number().over(Window.partitionBy(col("item"), col(GROUP), col("kind"))
            .orderBy(col("texts_with_term").desc(), col("term"))))
        .where(col("rank").leq(TOP)).select("item", "kind", "term").distinct();
    List<TermCount> terms = byGroup.join(chosen, toSeq("item", "kind", "term")).collectAsList().stream()
        .map(r -> new TermCount(r.getAs("item"), r.getAs("kind"), r.getAs("term"), r.getAs(GROUP), r.<Long>getAs("texts_with_term")))
        .toList();
    List<TextCount> cellTexts = texts.groupBy("item", GROUP).agg(count(lit(1)).as("texts")).collectAsList().stream()
        .map(r -> new TextCount(r.getAs("item"), r.getAs(GROUP), r.<Long>getAs("texts"))).toList();
    return new Counts(cellTexts, terms);
  }

  /**
   * Adds every item's texts and every chosen term's counts, nationally and per group, to the
   * round's system: a term's count is at most the cell's texts, the texts at most its respondents.
   */
  public static Cells addTo(PublishedCells published, Counts counts, List<String> groups) {
    TableCells cells = new TableCells(List.of(List.of(), List.of(GROUP)), List.of(GROUP), Map.of(GROUP, groups));
    Map<String, int[]> texts = new TreeMap<>();
    counts.texts().stream().map(TextCount::item).distinct().sorted().forEach(item -> {
      Map<String, Long> byGroup = new HashMap<>();
      counts.texts().stream().filter(t -> t.item().equals(item)).forEach(t -> byGroup.put(t.group(), t.texts()));
      texts.put(item, published.measure(TABLE, cells, item + " texts", c -> total(cells, c, byGroup)));
    });
    Map<List<String>, int[]> terms = new TreeMap<>(java.util.Comparator.comparing(List::toString));
    Map<List<String>, Map<String, Long>> byTerm = new TreeMap<>(java.util.Comparator.comparing(List::toString));
    counts.terms().forEach(t -> byTerm.computeIfAbsent(List.of(t.item(), t.kind(), t.term()), k -> new HashMap<>())
        .put(t.group(), t.texts()));
    byTerm.forEach((term, byGroup) -> {
      int[] index = published.measure(TABLE, cells, term.get(0) + " " + term.get(1) + " '" + term.get(2) + "'",
          c -> total(cells, c, byGroup));
      int[] itemTexts = texts.get(term.get(0));
      for (int c = 0; c < index.length; c++) {
        published.atMost(index[c], itemTexts[c]);
      }
      terms.put(term, index);
    });
    return new Cells(cells, texts, terms);
  }

  /** A cell's count: its group's, or for the nation the sum of all groups. */
  private static long total(TableCells cells, int cell, Map<String, Long> byGroup) {
    String group = cells.cells().get(cell).values().get(GROUP);
    return group == null ? byGroup.values().stream().mapToLong(Long::longValue).sum() : byGroup.getOrDefault(group, 0L);
  }

  /**
   * The rows of published/free_text_terms: every chosen term in every cell where it occurs or is
   * hidden, ranked by count among the cell's published terms of its kind; a hidden count or number
   * of texts is null, and a published row says nothing of why others are hidden.
   */
  public static List<Row> rows(Cells cells, CellSystem system, DisclosureControl.Reason[] reasons) {
    Map<List<Object>, List<Object[]>> byCellAndKind = new TreeMap<>(java.util.Comparator.comparing(List::toString));
    cells.terms().forEach((term, index) -> {
      int[] texts = cells.texts().get(term.get(0));
      for (int c = 0; c < index.length; c++) {
        boolean hidden = reasons[index[c]] != null;
        long count = system.n()[index[c]];
        if (!hidden && count == 0) {
          continue;
        }
        Long cellTexts = reasons[texts[c]] != null ? null : system.n()[texts[c]];
        String group = cells.cells().cells().get(c).values().get(GROUP);
        byCellAndKind.computeIfAbsent(java.util.Arrays.asList(term.get(0), group, term.get(1)), k -> new ArrayList<>())
            .add(new Object[] {term.get(0), group, term.get(1), null, term.get(2), hidden ? null : count, cellTexts,
                hidden || cellTexts == null ? null : (double) count / cellTexts, hidden,
                hidden ? DisclosureControl.HIDDEN : null});
      }
    });
    List<Row> rows = new ArrayList<>();
    byCellAndKind.values().forEach(cellRows -> {
      cellRows.sort(java.util.Comparator.<Object[], Boolean>comparing(r -> (Boolean) r[8])
          .thenComparing(r -> r[5] == null ? 0L : -(Long) r[5]).thenComparing(r -> (String) r[4]));
      for (int i = 0; i < cellRows.size(); i++) {
        Object[] row = cellRows.get(i);
        row[3] = (Boolean) row[8] ? null : i + 1;
        rows.add(new GenericRowWithSchema(row, SCHEMA));
      }
    });
    return rows;
  }

  private static scala.collection.immutable.Seq<String> toSeq(String... columns) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toSeq();
  }
}
