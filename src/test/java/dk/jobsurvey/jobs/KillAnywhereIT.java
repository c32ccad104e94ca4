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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 anywhere, then rerun, gives the tables of an uninterrupted run. A pipeline in its own JVM
 * is killed (SIGKILL) in each step, in the order of the steps, each time at a seeded random
 * moment after the step began: three times per step, 24 kills in all (-Djobsurvey.kills.perStep=N for
 * another count), each restart then resuming in the step just killed. Each restart resumes
 * where the last one stopped. When the kills are done the pipeline runs to its end, and every table
 * (the run log aside) must equal, row for row, the tables of a pipeline that was never interrupted.
 * A killed run's files stay in its owner-only work folder, and no work or staging folder may be
 * left once the last run has ended.
 */
@ExtendWith(SparkTestSession.class)
class KillAnywhereIT {
  private static final int KILLS_PER_STEP = Integer.getInteger("jobsurvey.kills.perStep", 3);
  private static final long SEED = Long.getLong("jobsurvey.kills.seed", 42L);
  private static final List<String> STEPS = List.of("ingest", "sample", "mailmerge", "responses", "weight", "tabulate",
      "report");
  private static final int KILLS = KILLS_PER_STEP * STEPS.size();

  @Test
  void killedAnywhereAndRerunGivesTheTablesOfAnUninterruptedRun(SparkSession spark, @TempDir Path dir) throws Exception {
    Path config = TestFiles.surveyConfigWithTestKeysIn(dir, "KillAnywhereIT");
    assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, System.out, System.err)).isZero();
    Survey survey = ConfigLoader.survey(config);
    ExtractGenerator.generate(ExtractGenerator.select("825,563,482"),
        new ExtractGenerator.Settings(11, 1, 0.02, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    String input = dir.resolve("extracts").toString();

    // The uninterrupted run (here), and its survey export, which the killed runs load too (same keys, same tokens).
    Path reference = dir.resolve("reference");
    assertThat(PipelineJobTest.pipeline(config, reference, "--input", input).exit()).isZero();
    ResponseSimulator.write(new Warehouse(spark, reference.toString()), survey.round(), TestFiles.questionnaire(survey.round()), 5, 38, dir.resolve("exports"));
    String exports = dir.resolve("exports").toString();
    assertThat(PipelineJobTest.pipeline(config, reference, "--input", input, "--responses", exports).exit()).isZero();

    Path killed = dir.resolve("killed");
    java.time.Instant testStarted = java.time.Instant.now();
    Random random = new Random(SEED);
    List<String> killedIn = new ArrayList<>();
    boolean force = false;
    for (int attempt = 0; killedIn.size() < KILLS; attempt++) {
      assertThat(attempt).as("attempts to kill %d times; killed in %s", KILLS, killedIn).isLessThan(4 * KILLS);
      String target = STEPS.get(killedIn.size() / KILLS_PER_STEP);
      Path log = dir.resolve("child-" + attempt + ".log");
      List<String> args = new ArrayList<>(List.of("pipeline", "--config", config.toString(), "--questionnaire",
          TestFiles.questionnaireConfig().toString(), "--warehouse", killed.toString(), "--input", input, "--responses", exports));
      if (force) {
        args.add("--force"); // the target step had succeeded already: run every step again
      }
      Process child = new ProcessBuilder(ChildJvm.launcher(List.of("-Dspark.ui.enabled=false"), args))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean kill = false;
      try {
        if (awaitStep(child, log, target)) {
          Thread.sleep(random.nextInt(2_500));
          kill = child.isAlive();
        }
      } finally {
        child.destroyForcibly(); // SIGKILL; a no-op when the child has ended
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      if (kill) {
        killedIn.add(target);
        // Nor does a killed run leave Spark's shuffle and block files or POI's copies of workbooks in the system temp folder.
        assertThat(newInSystemTemp(testStarted)).as("left in %s by the run killed in %s", SYSTEM_TEMP, target).isEmpty();
        // What the killed run left (its shuffle and temporary files) is in its owner-only work folder, not the system temp folder.
        Path work = killed.resolve("restricted/work");
        if (Files.isDirectory(work)) {
          try (Stream<Path> left = Files.list(work)) {
            for (Path folder : left.toList()) {
              assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                  .as(folder.toString()).isEqualTo("rwx------");
            }
          }
        }
      }
      force = !kill;
    }
    System.out.println("KillAnywhereIT: " + killedIn.size() + " kills (seed " + SEED + ") in " + new TreeSet<>(killedIn));
    assertThat(new TreeSet<>(killedIn)).as("steps killed").containsAll(STEPS);

    PipelineJobTest.Run last = PipelineJobTest.pipeline(config, killed, "--input", input, "--responses", exports);
    assertThat(last.exit()).as(last.output()).isZero();
    Warehouse expected = new Warehouse(spark, reference.toString());
    Warehouse actual = new Warehouse(spark, killed.toString());
    for (Table table : Table.values()) {
      if (table != Table.RUN_LOG && expected.exists(table)) {
        assertThat(new TreeMap<>(java.util.Map.of("rows", TableText.rows(actual.read(table)).stream().sorted().toList())))
            .as(table.tableName()).isEqualTo(new TreeMap<>(java.util.Map.of("rows",
                TableText.rows(expected.read(table)).stream().sorted().toList())));
      }
    }
    for (String folder : List.of("restricted/work", "restricted/staging")) {
      Path path = killed.resolve(folder);
      if (Files.isDirectory(path)) {
        try (Stream<Path> left = Files.list(path)) {
          assertThat(left.toList()).as(folder + " after the last run").isEmpty();
        }
      }
    }
  }

  private static final Path SYSTEM_TEMP = Path.of(System.getProperty("java.io.tmpdir"));

  /** Files in Spark's and POI's folders of the system temp folder (blockmgr-*, spark-*, poifiles) written since {@code since}. */
  private static List<Path> newInSystemTemp(java.time.Instant since) throws Exception {
    List<Path> folders;
    try (Stream<Path> children = Files.list(SYSTEM_TEMP)) {
      folders = children.filter(p -> p.getFileName().toString().matches("blockmgr-.*|spark-.*|poifiles")).toList();
    }
    List<Path> found = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (Files.getLastModifiedTime(file).toInstant().isAfter(since)) {
            found.add(file);
          }
        }
      } catch (java.io.UncheckedIOException | java.io.IOException unreadable) {
        // another process's folder, removed meanwhile or not ours to read: nothing of a killed run
      }
    }
    return found;
  }

  /** Waits until the child starts {@code step} ("== step =="); false when it ended or skipped past it. */
  private static boolean awaitStep(Process child, Path log, String step) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log);
      if (text.contains("== " + step + " ==")) {
        return true;
      }
      if (!child.isAlive() || text.contains("== " + step + ": skipped")) {
        return false;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
