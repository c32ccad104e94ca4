package dk.jobsurvey.support;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline through the weight step for three small municipalities (Læsø, Fanø, Langeland) with
 * simulated final responses: built once per test JVM and shared by the test classes of weighting and
 * tabulation, which only read it or rewrite the same rows. Removed when the JVM exits.
 */
public final class WeightedPipeline {
  public static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  public static final QuestionnaireVersions VERSIONS = ConfigLoader.questionnaireVersions(TestFiles.questionnaireConfig());
  public static final Questionnaire QUESTIONNAIRE = VERSIONS.forRound(SURVEY.round());

  /** The folder (extracts/, export/, warehouse/), the warehouse, and the weighting's result. */
  public record Built(Path dir, Warehouse warehouse, WeightRespondents.Result weighting) {}

  private static Built built;

  private WeightedPipeline() {}

  public static synchronized Built get(SparkSession spark) throws Exception {
    if (built == null) {
      Path dir = Files.createTempDirectory("jobsurvey-weighted");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      Warehouse warehouse = SmallPipeline.invited(spark, SURVEY, dir, "825,563,482", 11, 0.0);
      ResponseSimulator.write(warehouse, SURVEY.round(), TestFiles.questionnaire(SURVEY.round()), 5, 38, dir.resolve("export"));
      new LoadResponses(SURVEY, QUESTIONNAIRE, warehouse, dir.resolve("export").toString()).execute();
      built = new Built(dir, warehouse, new WeightRespondents(SURVEY, warehouse).execute());
    }
    return built;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left in the temp folder: nothing else depends on it.
    }
  }
}
