package dk.jobsurvey.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.support.SmallPipeline;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * No step on stale input ({@link StepRun}): tabulate refuses weights older than the last responses
 * load, and weights whose last run failed, until weight has run again. The warehouse's first steps
 * are written by the library (no run-log lines, so nothing is refused for them); the steps under
 * test run as jobs. The tests run in order: the second leaves the last weight run failed.
 */
@ExtendWith(SparkTestSession.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaleInputTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  static final Questionnaire QUESTIONNAIRE = ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2023Q2");

  record Run(int exit, String output) {}

  @TempDir
  static Path dir;
  static Warehouse warehouse;

  @BeforeAll
  static void weighted(SparkSession spark) throws Exception {
    // The municipalities of WeightedPipeline, which weighting is known to handle.
    warehouse = SmallPipeline.invited(spark, SURVEY, dir, "825,563,482", 11, 0.0);
    ResponseSimulator.write(warehouse, SURVEY.round(), TestFiles.questionnaire(SURVEY.round()), 5, 38, dir.resolve("export"));
    new LoadResponses(SURVEY, QUESTIONNAIRE, warehouse, dir.resolve("export").toString()).execute();
    Run weight = run("weight", TestFiles.surveyConfig());
    assertThat(weight.exit()).as(weight.output()).isZero();
  }

  @Test
  @Order(1)
  void tabulateRefusesWeightsOlderThanTheLastResponsesLoadUntilWeightRunsAgain() throws Exception {
    Run responses = run("responses", TestFiles.surveyConfig(), "--input", dir.resolve("export").toString());
    assertThat(responses.exit()).as(responses.output()).isZero();
    long runLog = version(Table.RUN_LOG);

    Run refused = run("tabulate", TestFiles.surveyConfig());
    assertThat(refused.exit()).as(refused.output()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(refused.output()).contains("tabulate " + SURVEY.round() + ": responses ran at ",
        ", after the last weight run began (", "run weight first (tables unchanged)");
    assertThat(warehouse.exists(Table.ESTIMATES)).as("estimates after the refused tabulate").isFalse();
    assertRefusalIsItsOnlyTrace(runLog);

    Run weight = run("weight", TestFiles.surveyConfig());
    assertThat(weight.exit()).as(weight.output()).isZero();
    Run tabulate = run("tabulate", TestFiles.surveyConfig());
    assertThat(tabulate.exit()).as(tabulate.output()).isZero();
    assertThat(warehouse.readRound(Table.ESTIMATES, SURVEY.round()).isEmpty()).isFalse();
  }

  @Test
  @Order(2)
  void tabulateAfterAFailedWeightRefusesAndLeavesTheEstimatesAsTheyWere() throws Exception {
    long estimates = version(Table.ESTIMATES);
    List<String> rows = TableText.rows(warehouse.readRound(Table.ESTIMATES, SURVEY.round()));
    assertThat(rows).isNotEmpty();
    // Raking that may stop after one sweep does not converge: the weighting is refused and the weights stay.
    Path oneSweep = dir.resolve("one-sweep.yaml");
    Files.writeString(oneSweep, Files.readString(TestFiles.surveyConfig()).replace("max_sweeps: 1000", "max_sweeps: 1"));
    assertThat(ConfigLoader.survey(oneSweep).weighting().maxSweeps()).isOne();

    Run failed = run("weight", oneSweep);
    assertThat(failed.exit()).as(failed.output()).isEqualTo(JobCommand.EXIT_FAILED);
    assertThat(failed.output()).contains("did not converge in 1 sweeps");
    assertThat(warehouse.readRound(Table.RUN_LOG, SURVEY.round()).where(col("job").equalTo("weight"))
        .orderBy(col("finished_at").desc()).select("status").first().getString(0)).isEqualTo("failed");
    long runLog = version(Table.RUN_LOG);

    Run refused = run("tabulate", TestFiles.surveyConfig());
    assertThat(refused.exit()).as(refused.output()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(refused.output()).contains("tabulate " + SURVEY.round() + ": the last weight run failed at ",
        "so the weights may be from an earlier run; fix the cause and run weight first (tables unchanged)");
    assertThat(version(Table.ESTIMATES)).isEqualTo(estimates);
    assertThat(TableText.rows(warehouse.readRound(Table.ESTIMATES, SURVEY.round()))).containsExactlyInAnyOrderElementsOf(rows);
    assertRefusalIsItsOnlyTrace(runLog);
  }

  /** The refused run's one trace: a single run-log commit, its line "refused" with exit code 2. */
  private void assertRefusalIsItsOnlyTrace(long runLogBefore) {
    assertThat(version(Table.RUN_LOG)).as("run log commits for the refusal").isEqualTo(runLogBefore + 1);
    Row last = warehouse.readRound(Table.RUN_LOG, SURVEY.round()).orderBy(col("finished_at").desc())
        .select("job", "status", "exit_code").first();
    assertThat(List.of(last.getString(0), last.getString(1), last.getInt(2))).containsExactly("tabulate", "refused", 2);
  }

  static long version(Table table) {
    return DeltaTable.forPath(warehouse.spark(), warehouse.location(table)).history(1).select("version").first().getLong(0);
  }

  static Run run(String job, Path config, String... more) {
    List<String> args = new ArrayList<>(List.of(job, "--config", config.toString(), "--questionnaire",
        TestFiles.questionnaireConfig().toString(), "--warehouse", dir.resolve("warehouse").toString()));
    args.addAll(List.of(more));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
    int exit = Launcher.run(args.toArray(String[]::new), stream, stream);
    return new Run(exit, printed.toString(StandardCharsets.UTF_8));
  }
}
