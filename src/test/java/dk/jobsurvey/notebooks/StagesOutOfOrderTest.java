package dk.jobsurvey.notebooks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.estimate.TabulateEstimates;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.warehouse.MissingTableException;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * As an analyst in a notebook would: stages called directly on a fresh warehouse, the later one
 * first. Each says which table is missing and which job to run, in its own words, not Delta's.
 */
@ExtendWith(SparkTestSession.class)
class StagesOutOfOrderTest {
  @Test
  void aStageCalledBeforeTheStepItNeedsSaysWhatToRunFirst(SparkSession spark, @TempDir Path dir) {
    Survey survey = ConfigLoader.survey(TestFiles.surveyConfig());
    QuestionnaireVersions versions = ConfigLoader.questionnaireVersions(TestFiles.questionnaireConfig());
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());

    assertThatThrownBy(() -> new TabulateEstimates(survey, versions, warehouse).execute())
        .isInstanceOf(MissingTableException.class)
        .hasMessageContaining("analysis/weights does not exist in the warehouse")
        .hasMessageContaining("run `weight` for the round first")
        .hasMessageNotContaining("DELTA_")
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((MissingTableException) e).table()).isEqualTo(Table.WEIGHTS));
    assertThatThrownBy(() -> new DrawSample(survey, warehouse).execute())
        .isInstanceOf(MissingTableException.class)
        .hasMessageContaining("analysis/population does not exist in the warehouse")
        .hasMessageContaining("run `ingest` for the round first");
  }
}
