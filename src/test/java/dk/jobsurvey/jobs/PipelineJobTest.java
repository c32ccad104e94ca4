package dk.jobsurvey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.ChildJvm;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
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
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline job on three small municipalities: fieldwork start, then the rest, reruns, a lock, a
 * failure, a concurrent pipeline in another JVM, and a SIGKILL in the middle of a step.
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

    // The final export arrives: the first three steps are unchanged and skipped, the rest run.
    ResponseSimulator.write(new Warehouse(spark, warehouse.toString()), survey.round(), 5, 38, dir.resolve("exports"));
    String exports = dir.resolve("exports").toString();
    Run rest = pipeline(config, warehouse, "--input", input, "--responses", exports);
    assertThat(rest.exit()).as(rest.output()).isZero();
    assertThat(rest.output()).contains("== ingest: skipped", "== sample: skipped", "== mailmerge: skipped",
        "== weight: succeeded", "== tabulate: succeeded", "== report: succeeded");
    Warehouse tables = new Warehouse(spark, warehouse.toString());
    List<String> estimates = TableText.rows(tables.readRound(Table.ESTIMATES, survey.round()));

    Run again = pipeline(config, warehouse, "--input", input, "--responses", exports);
    assertThat(again.exit()).isZero();
    assertThat(again.output().lines().filter(l -> l.endsWith("skipped, unchanged since its last successful run"))).hasSize(7);
    assertThat(TableText.rows(tables.readRound(Table.ESTIMATES, survey.round()))).containsExactlyInAnyOrderElementsOf(estimates);

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

    // A second warehouse, filled by a pipeline in another JVM. While it runs, a pipeline here fails fast;
    // killed (SIGKILL) in the middle of the weight step, it is rerun here and ends with the same tables.
    Path other = dir.resolve("warehouse2");
    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(ChildJvm.launcher(List.of("-Dspark.ui.enabled=false"), List.of("pipeline",
        "--config", config.toString(), "--questionnaire", TestFiles.questionnaireConfig().toString(),
        "--warehouse", other.toString(), "--input", input, "--responses", exports)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitLine(child, log, "== ingest ==");
      Run second = pipeline(config, other, "--input", input, "--responses", exports);
      assertThat(second.exit()).isEqualTo(PipelineJob.EXIT_LOCKED);
      assertThat(second.output()).contains("another pipeline is running");
      awaitLine(child, log, "== weight ==");
      Thread.sleep(2_000);
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).doesNotContain("== weight: succeeded");
    Run resumed = pipeline(config, other, "--input", input, "--responses", exports);
    assertThat(resumed.exit()).as(resumed.output()).isZero();
    assertThat(resumed.output()).contains("== responses: skipped", "== weight: succeeded");
    Warehouse resumedTables = new Warehouse(spark, other.toString());
    for (Table table : List.of(Table.SAMPLE, Table.WEIGHTS, Table.ESTIMATES)) {
      assertThat(TableText.rows(resumedTables.readRound(table, survey.round())))
          .as(table.tableName()).containsExactlyInAnyOrderElementsOf(TableText.rows(tables.readRound(table, survey.round())));
    }
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
