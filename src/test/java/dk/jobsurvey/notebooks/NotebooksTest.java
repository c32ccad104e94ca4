package dk.jobsurvey.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.estimate.TabulateEstimates;
import dk.jobsurvey.support.WeightedPipeline;
import dk.jobsurvey.warehouse.NotebookViews;
import dk.jobsurvey.warehouse.Table;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every SQL paragraph of every Zeppelin note in notebooks/ runs against the pipeline's output, with
 * the views registered as the notes' first paragraph registers them and every form at its default:
 * a renamed column breaks the build, not the analyst.
 */
@ExtendWith(SparkTestSession.class)
class NotebooksTest {
  /** A Zeppelin dynamic form: ${name=default} or ${name=default,option1|option2}. */
  static final Pattern FORM = Pattern.compile("\\$\\{([^=}]+)=([^,}]*)(,[^}]*)?}");

  static List<Path> notes() throws Exception {
    try (Stream<Path> files = Files.list(TestFiles.projectDir().resolve("notebooks"))) {
      return files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList();
    }
  }

  static String withDefaults(String sql) {
    Matcher form = FORM.matcher(sql);
    StringBuilder result = new StringBuilder();
    while (form.find()) {
      form.appendReplacement(result, Matcher.quoteReplacement(form.group(2)));
    }
    form.appendTail(result);
    return result.toString();
  }

  /** The settings every jobsurvey session has (SparkSessions.withDelta) that a note's interpreter needs too. */
  private static final Map<String, String> DELTA_SETTINGS = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      "spark.sql.session.timeZone", "UTC");

  /** The properties of a {@code %spark.conf} paragraph, read as Zeppelin's conf interpreter reads them (a properties file). */
  static Map<String, String> sparkConf(String text) throws Exception {
    assertThat(text).startsWith("%spark.conf\n");
    Properties properties = new Properties();
    properties.load(new StringReader(text.substring(text.indexOf('\n') + 1)));
    Map<String, String> settings = new java.util.TreeMap<>();
    properties.forEach((key, value) -> settings.put(key.toString(), value.toString()));
    return settings;
  }

  /** The suite's session is built by SparkSessions.withDelta, as every job's is: the notes ask for what the jobs use. */
  @Test
  void theJobsSessionSettingsAreTheOnesTheNotesAskFor(SparkSession spark) {
    DELTA_SETTINGS.forEach((key, value) -> assertThat(spark.conf().get(key)).as(key).isEqualTo(value));
  }

  @Test
  void everySqlParagraphOfEveryNoteRuns(SparkSession spark) throws Exception {
    WeightedPipeline.Built built = WeightedPipeline.get(spark);
    new TabulateEstimates(WeightedPipeline.SURVEY, WeightedPipeline.VERSIONS, built.warehouse()).execute();
    List<String> views = NotebookViews.register(spark, built.dir().resolve("warehouse").toString(), WeightedPipeline.SURVEY.round());
    assertThat(views).contains("population", "weights", "estimates", "response_rates").doesNotContain(
        Table.IDENTITY.tableName(), Table.CONTACTS.tableName(), Table.RAW_EXTRACT.tableName(), Table.FREE_TEXT.tableName());

    List<Path> notes = notes();
    assertThat(notes).hasSizeGreaterThanOrEqualTo(4);
    int ran = 0;
    List<String> failures = new ArrayList<>();
    for (Path note : notes) {
      JsonNode json = new ObjectMapper().readTree(note.toFile());
      // Zeppelin takes a note's id from the text after the last '_' of its file name.
      String fileName = note.getFileName().toString();
      assertThat(fileName.substring(fileName.lastIndexOf('_') + 1)).isEqualTo(json.get("id").asText() + ".zpln");
      JsonNode paragraphs = json.get("paragraphs");
      assertThat(sparkConf(paragraphs.get(0).get("text").asText())).as("the %spark.conf paragraph of " + fileName)
          .containsAllEntriesOf(DELTA_SETTINGS).containsKey("spark.jars");
      assertThat(paragraphs.get(1).get("text").asText()).as("second paragraph of " + fileName)
          .contains("dk.jobsurvey.warehouse.NotebookViews.register(spark,");
      for (JsonNode paragraph : paragraphs) {
        String text = paragraph.get("text").asText();
        if (!text.startsWith("%sql")) {
          continue;
        }
        String sql = withDefaults(text.substring(text.indexOf('\n') + 1));
        try {
          spark.sql(sql).collectAsList();
          ran++;
        } catch (Exception e) {
          failures.add(note.getFileName() + " / " + paragraph.get("title").asText() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(ran).isGreaterThanOrEqualTo(20);
  }
}
