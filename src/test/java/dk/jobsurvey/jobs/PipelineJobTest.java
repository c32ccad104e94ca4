package dk.jobsurvey.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The pipeline job on three small municipalities: fieldwork start, then the rest, reruns, a lock, a
 * failure, and the run log's one line per job run. (A concurrent pipeline in another JVM and
 * SIGKILLs in every step: ClusterIT and KillAnywhereIT.)
 */
@ExtendWith(SparkTestSession.class)
class PipelineJobTest {
  record Run(int exit, String output) {}

  static Run pipeline(Path config, Path warehouse, String... more) {
    List<String> args = new ArrayList<>(List.of("pipeline", "--config", config.toString(), "--questionnaire",
        TestFiles.questionnaireConfig().toString(), "--warehouse", warehouse.toString()));
    args.addAll(List.of(more));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
    int exit = Launcher.run(args.toArray(String[]::new), stream, stream);
    return new Run(exit, printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void resumesSkipsWhatIsUnchangedStopsOnAFailureAndRunsOneAtATime(SparkSession spark, @TempDir Path dir) throws Exception {
    // A configuration whose fixed test keys live in the temp folder (create-keys keeps them).
    Path config = TestFiles.surveyConfigWithTestKeysIn(dir, "PipelineJobTest");
    assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, System.out, System.err)).isZero();
    Survey survey = ConfigLoader.survey(config);
    // The data of WeightedPipeline (three small municipalities), which weighting is known to handle.
    ExtractGenerator.generate(ExtractGenerator.select("825,563,482"),
        new ExtractGenerator.Settings(11, 1, 0.0, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    Path warehouse = dir.resolve("warehouse");
    String input = dir.resolve("extracts").toString();

    // Fieldwork starts: no exports yet, so the pipeline stops after the mail merge.
    Run start = pipeline(config, warehouse, "--input", input);
    assertThat(start.exit()).as(start.output()).isZero();
    assertThat(start.output()).contains("== ingest: succeeded", "== mailmerge: succeeded").doesNotContain("== weight");
    Warehouse tables = new Warehouse(spark, warehouse.toString());
    assertThat(jobsLogged(tables, survey.round())).containsExactly("ingest", "sample", "mailmerge", "pipeline");

    // The final export arrives: the first three steps are unchanged and skipped, the rest run.
    ResponseSimulator.write(new Warehouse(spark, warehouse.toString()), survey.round(), TestFiles.questionnaire(survey.round()), 5, 38, dir.resolve("exports"));
    String exports = dir.resolve("exports").toString();
    Run rest = pipeline(config, warehouse, "--input", input, "--responses", exports);
    assertThat(rest.exit()).as(rest.output()).isZero();
    assertThat(rest.output()).contains("== ingest: skipped", "== sample: skipped", "== mailmerge: skipped",
        "== weight: succeeded", "== tabulate: succeeded", "== report: succeeded");
    assertThat(jobsLogged(tables, survey.round())).containsExactly("ingest", "sample", "mailmerge", "pipeline",
        "responses", "weight", "tabulate", "report", "pipeline");
    eachStepLoggedWhatItWrote(tables, survey.round());
    List<String> estimates = TableText.rows(tables.readRound(Table.ESTIMATES, survey.round()));

    Run again = pipeline(config, warehouse, "--input", input, "--responses", exports);
    assertThat(again.exit()).isZero();
    assertThat(again.output().lines().filter(l -> l.endsWith("skipped, unchanged since its last successful run"))).hasSize(7);
    assertThat(TableText.rows(tables.readRound(Table.ESTIMATES, survey.round()))).containsExactlyInAnyOrderElementsOf(estimates);
    assertThat(jobsLogged(tables, survey.round())).hasSize(10).endsWith("report", "pipeline", "pipeline");

    // Responses loaded by hand since: the pipeline reruns it, and so every step after it (whose
    // fingerprints have not changed), so that published/ follows analysis/.
    assertThat(Launcher.run(new String[] {"responses", "--config", config.toString(), "--questionnaire",
        TestFiles.questionnaireConfig().toString(), "--warehouse", warehouse.toString(), "--input", exports}, System.out, System.err))
        .isZero();
    Run afterHandRun = pipeline(config, warehouse, "--input", input, "--responses", exports);
    assertThat(afterHandRun.exit()).as(afterHandRun.output()).isZero();
    assertThat(afterHandRun.output()).contains("== mailmerge: skipped", "== responses: succeeded", "== weight: succeeded",
        "== tabulate: succeeded", "== report: succeeded");

    // Another pipeline holds the round: this one does nothing and says why.
    Path lockFile = warehouse.resolve("_locks").resolve("pipeline-" + survey.round() + ".lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      Run locked = pipeline(config, warehouse, "--input", input, "--responses", exports, "--force");
      assertThat(locked.exit()).isEqualTo(PipelineJob.EXIT_LOCKED);
      assertThat(locked.output()).contains("another pipeline is running for round " + survey.round()).doesNotContain("== ingest");
    }

    // A failing step stops the pipeline; what the steps before wrote stays.
    Files.createDirectories(dir.resolve("bad"));
    Files.writeString(dir.resolve("bad").resolve("export.csv"), "id;q1\n1;4\n");
    Run failed = pipeline(config, warehouse, "--input", input, "--responses", dir.resolve("bad").toString());
    assertThat(failed.exit()).isEqualTo(IngestJob.EXIT_FILES_REJECTED);
    assertThat(failed.output()).contains("step responses failed", "rerun").doesNotContain("== weight ==");
    assertThat(TableText.rows(tables.readRound(Table.ESTIMATES, survey.round()))).containsExactlyInAnyOrderElementsOf(estimates);

    // A pipeline in another JVM holding the lock, and a SIGKILL in the middle of a step: ClusterIT and KillAnywhereIT.
    jobsRunAloneWriteOneLineEach(spark, config, warehouse, survey.round());
  }

  /**
   * Every step's line of a pipeline run: its exit code, its milliseconds, and per table the rows it
   * wrote, which are the table's rows for the round (a MERGE, responses, counts only the rows it rewrote).
   */
  private static void eachStepLoggedWhatItWrote(Warehouse warehouse, String round) {
    List<Row> lines = warehouse.readRound(Table.RUN_LOG, round).where(col("job").notEqual("pipeline")).collectAsList();
    for (Row line : lines) {
      String job = line.getAs("job");
      assertThat(List.<Object>of(line.getAs("status"), line.getAs("exit_code"))).as(job).containsExactly("succeeded", 0);
      assertThat(line.<Long>getAs("milliseconds")).as(job).isPositive().isEqualTo(
          line.getTimestamp(line.fieldIndex("finished_at")).getTime() - line.getTimestamp(line.fieldIndex("started_at")).getTime());
      assertThat(CollectionConverters.asJava(line.<String, String>getMap(line.fieldIndex("input_sha256s"))))
          .as(job).containsKeys("questionnaire", RunLog.PIPELINE_FINGERPRINT);
      Map<String, Long> rowsOut = CollectionConverters.asJava(line.<String, Long>getMap(line.fieldIndex("rows_out")));
      for (Table table : Table.values()) {
        String name = table.zone().folder() + "/" + table.tableName();
        assertThat(rowsOut.containsKey(name)).as("%s wrote %s", job, name)
            .isEqualTo(table.writtenBy().equals(job));
        if (rowsOut.containsKey(name) && !job.equals("responses")) {
          assertThat(rowsOut.get(name)).as("%s wrote %s", job, name).isEqualTo(warehouse.readRound(table, round).count());
        }
      }
    }
    assertThat(lines).hasSize(7);
  }

  /**
   * The jobs that are no pipeline step add exactly one line each when run alone; so does a run that
   * fails inside its stage (weighting a round nobody ingested: "failed", exit code 2, in that round).
   */
  private static void jobsRunAloneWriteOneLineEach(SparkSession spark, Path config, Path root, String round) {
    Warehouse warehouse = new Warehouse(spark, root.toString());
    for (List<String> job : List.of(List.of("monitor"), List.of("erase", "--confirm", round))) {
      long before = warehouse.readRound(Table.RUN_LOG, round).count();
      List<String> args = new ArrayList<>(List.of(job.get(0), "--config", config.toString(), "--questionnaire",
          TestFiles.questionnaireConfig().toString(), "--warehouse", root.toString()));
      args.addAll(job.subList(1, job.size()));
      assertThat(Launcher.run(args.toArray(String[]::new), System.out, System.err)).as(job.get(0)).isZero();
      assertThat(warehouse.readRound(Table.RUN_LOG, round).count()).as("lines after %s", job.get(0)).isEqualTo(before + 1);
      Row line = warehouse.readRound(Table.RUN_LOG, round).orderBy(col("finished_at").desc()).first();
      assertThat(List.<Object>of(line.getAs("job"), line.getAs("status"), line.getAs("exit_code")))
          .containsExactly(job.get(0), "succeeded", 0);
      assertThat(line.<Long>getAs("milliseconds")).isPositive();
    }
    assertThat(rowsOut(warehouse, round, "monitor")).isEmpty();
    assertThat(Launcher.run(new String[] {"weight", "--config", config.toString(), "--warehouse", root.toString(),
        "--round", "2031Q1"}, System.out, System.err)).isEqualTo(JobCommand.EXIT_USAGE);
    Row failed = warehouse.readRound(Table.RUN_LOG, "2031Q1").select("job", "status", "exit_code").first();
    assertThat(List.<Object>of(failed.getString(0), failed.getString(1), failed.getInt(2))).containsExactly("weight", "failed", 2);
    assertThat(warehouse.readRound(Table.RUN_LOG, "2031Q1").count()).isOne();
  }

  private static Map<String, Long> rowsOut(Warehouse warehouse, String round, String job) {
    Row line = warehouse.readRound(Table.RUN_LOG, round).where(col("job").equalTo(job)).orderBy(col("finished_at").desc()).first();
    return CollectionConverters.asJava(line.<String, Long>getMap(line.fieldIndex("rows_out")));
  }

  /** The jobs of the round's run-log lines, oldest first. */
  private static List<String> jobsLogged(Warehouse warehouse, String round) {
    return warehouse.readRound(Table.RUN_LOG, round).orderBy("finished_at").select("job").collectAsList().stream()
        .map(r -> r.getString(0)).toList();
  }

  /** Waits (at most 5 minutes) until the child's log has the line. */
  static void awaitLine(Process child, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.readString(log).contains(line)) {
      assertThat(child.isAlive()).as("the child pipeline ended early:%n%s", Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("waiting for " + line).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
