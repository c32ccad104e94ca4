package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.publish.CellSystem;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.PublishedCells;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Free-text terms on hand-written scrubbed answers of two groups. */
@ExtendWith(SparkTestSession.class)
class FreeTextTermsTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  static final Questionnaire QUESTIONNAIRE = ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2023Q2");

  @Test
  void frequentTermsAndPairsOfCellsWithFiveOrMoreTextsWithoutStopWordsOrPlaceholders(SparkSession spark, @TempDir Path dir) {
    List<String[]> answers = List.of(
        new String[] {"dagpenge", "Min sagsbehandler var god og venlig"},
        new String[] {"dagpenge", "Sagsbehandler god, men møderne var korte"},
        new String[] {"dagpenge", "En god sagsbehandler."},
        new String[] {"dagpenge", "Sagsbehandler god og venlig"},
        new String[] {"dagpenge", "Ring på [TELEFON], sagsbehandler god"},
        new String[] {"dagpenge", "   "},
        new String[] {"jobparate", "Sagsbehandler god"},
        new String[] {"jobparate", "Ingen job [TELEFON] [TELEFON]"},
        new String[] {"jobparate", "Sagsbehandler"});
    List<Row> responses = new ArrayList<>();
    List<Row> sample = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      responses.add(RowFactory.create("p" + i, answers.get(i)[1], null, true));
      sample.add(RowFactory.create("p" + i, answers.get(i)[0]));
    }
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    warehouse.replaceRound(SURVEY.round(), Map.of(
        Table.RESPONSES, spark.createDataFrame(responses, new StructType().add("person_key", DataTypes.StringType)
            .add("q14_text", DataTypes.StringType).add("q15_text", DataTypes.StringType).add("is_respondent", DataTypes.BooleanType)),
        Table.SAMPLE, spark.createDataFrame(sample, new StructType().add("person_key", DataTypes.StringType)
            .add("ydelsesgruppe", DataTypes.StringType))));

    FreeTextTerms.Counts counts = new FreeTextTerms(SURVEY, QUESTIONNAIRE, warehouse).counts();
    // Chosen: the nation's frequent terms (sagsbehandler 7, god 6, the pair 5); venlig (2) is in no cell's top with 5 or more.
    assertThat(counts.terms().stream().map(t -> t.item() + "|" + t.kind() + "|" + t.term() + "|" + t.group() + "|" + t.texts()))
        .containsExactlyInAnyOrder("q14|term|sagsbehandler|dagpenge|5", "q14|term|sagsbehandler|jobparate|2",
            "q14|term|god|dagpenge|5", "q14|term|god|jobparate|1",
            "q14|pair|sagsbehandler god|dagpenge|4", "q14|pair|sagsbehandler god|jobparate|1");
    assertThat(counts.texts().stream().map(t -> t.item() + "|" + t.group() + "|" + t.texts()))
        .containsExactlyInAnyOrder("q14|dagpenge|5", "q14|jobparate|3");

    PublishedCells published = new PublishedCells();
    FreeTextTerms.Cells cells = FreeTextTerms.addTo(published, counts, SURVEY.groups().stream().map(g -> g.id()).toList());
    CellSystem system = published.build();
    DisclosureControl.Pattern pattern = new DisclosureControl(5, 10).suppress(system);
    // jobparate's 3 texts are hidden, so dagpenge's 5 must be too: with the nation's 8 they would give 3 away;
    // and with them every count of the two groups. (TableText leaves out nulls.)
    assertThat(FreeTextTerms.rows(cells, system, pattern.reasons()).stream().map(FreeTextTermsTest::text))
        .containsExactlyInAnyOrder(
            "q14|term|1|sagsbehandler|7|8|0.875|false", "q14|term|2|god|6|8|0.75|false",
            "q14|pair|1|sagsbehandler god|5|8|0.625|false",
            "q14|dagpenge|term|god|true|hidden", "q14|dagpenge|term|sagsbehandler|true|hidden",
            "q14|dagpenge|pair|sagsbehandler god|true|hidden",
            "q14|jobparate|term|god|true|hidden", "q14|jobparate|term|sagsbehandler|true|hidden",
            "q14|jobparate|pair|sagsbehandler god|true|hidden");
  }

  private static String text(Row row) {
    return java.util.stream.IntStream.range(0, row.size()).filter(i -> !row.isNullAt(i)).mapToObj(i -> String.valueOf(row.get(i)))
        .collect(java.util.stream.Collectors.joining("|"));
  }
}
