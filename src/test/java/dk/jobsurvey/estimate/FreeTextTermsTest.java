package dk.jobsurvey.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
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
  static final Questionnaire QUESTIONNAIRE = ConfigLoader.questionnaire(TestFiles.questionnaireConfig());

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

    List<Row> terms = new FreeTextTerms(SURVEY, QUESTIONNAIRE, warehouse).execute();
    // item | group | kind | rank | term | texts with it | texts in the cell (TableText leaves out null groups)
    assertThat(TableText.rows(warehouse.readRound(Table.FREE_TEXT_TERMS, SURVEY.round())
        .select("item", "ydelsesgruppe", "kind", "rank", "term", "texts_with_term", "texts")))
        .containsExactlyInAnyOrder(
            "q14|dagpenge|term|1|god|5|5", "q14|dagpenge|term|2|sagsbehandler|5|5",
            "q14|term|1|sagsbehandler|7|8", "q14|term|2|god|6|8",
            "q14|pair|1|sagsbehandler god|5|8");
    assertThat(terms).hasSize(5);
  }
}
