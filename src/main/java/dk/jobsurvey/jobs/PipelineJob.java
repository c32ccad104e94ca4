package dk.jobsurvey.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code pipeline}: ingest → sample → mailmerge → responses → weight → tabulate → report for one round, in one Spark session. Each step has a fingerprint: the configuration, its own
 * input files and the fingerprint of the step before. A step whose fingerprint has a successful run
 * in analysis/run_log is skipped (unless {@code --force}), so a rerun after a failure or a kill
 * resumes where it stopped; a failed step stops the pipeline, and the steps before keep their tables.
 * One pipeline per warehouse and round at a time: a lock file that the operating system releases
 * when the process ends, however it ends.
 */
public final class PipelineJob {
  /** Exit code when another pipeline holds the round's lock. */
  public static final int EXIT_LOCKED = 4;

  static final JobCommand COMMAND = JobCommand.of("pipeline",
      "every step for one round; unchanged steps are skipped, a rerun resumes after a failure",
      List.of(JobOption.required("input", "DIR", "folder of municipal extracts"),
          JobOption.optional("responses", "DIR", "folder of survey exports (without it the pipeline stops after mailmerge)", ""),
          JobOption.optional("letter", "NAME", "the letter to mail-merge", "invitation"),
          JobOption.flag("force", "run every step even if its inputs are unchanged")),
      PipelineJob::pipeline);

  /** A step: its job, its own options, and the files it reads (beyond the warehouse). */
  private record Step(JobCommand command, List<String> options, Path inputs) {}

  private PipelineJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void pipeline(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    Path input = args.path("input");
    String responses = args.optional("responses").orElse("");
    List<Step> steps = new ArrayList<>(List.of(
        new Step(IngestJob.COMMAND, List.of("--input", input.toString()), input),
        new Step(SampleJob.COMMAND, List.of(), null),
        new Step(MailmergeJob.COMMAND, List.of("--letter", args.value("letter")), null)));
    if (!responses.isEmpty()) {
      steps.addAll(List.of(new Step(ResponsesJob.COMMAND, List.of("--input", responses), Path.of(responses)),
          new Step(WeightJob.COMMAND, List.of(), null), new Step(TabulateJob.COMMAND, List.of(), null),
          new Step(ReportJob.COMMAND, List.of(), null)));
    }
    List<String> common = List.of("--config", args.value("config"), "--questionnaire", args.value("questionnaire"),
        "--round", context.round(), "--warehouse", args.value("warehouse"));
    try (RoundLock lock = RoundLock.acquire(context.warehouse(), context.round());
        SparkSessions.JobSession session = SparkSessions.forJob("pipeline", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      String fingerprint = sha256(context.configSha256() + JobContext.sha256(args.path("questionnaire")));
      out.printf("pipeline %s: %d steps%n", context.round(), steps.size());
      for (Step step : steps) {
        String name = step.command().name();
        fingerprint = sha256(fingerprint + name + String.join(" ", step.options()) + filesSha256(step.inputs()));
        if (!args.flag("force") && succeededBefore(warehouse, context.round(), name, fingerprint)) {
          out.printf("== %s: skipped, unchanged since its last successful run%n", name);
          continue;
        }
        out.printf("%n== %s ==%n", name);
        Instant started = Instant.now();
        List<String> stepArgs = new ArrayList<>(common);
        stepArgs.addAll(step.options());
        int exit = step.command().run(stepArgs.toArray(String[]::new), out, out);
        Instant finished = Instant.now();
        String status = exit == JobCommand.EXIT_OK ? "succeeded" : "failed";
        new RunLog(RunLog.newRunId(), "pipeline:" + name, started, finished, status, context.configSha256(),
            Map.of("fingerprint", fingerprint), context.survey().sample().seed(),
            Map.of("exit_code", (long) exit, "milliseconds", finished.toEpochMilli() - started.toEpochMilli()),
            RunLog.currentCodeVersion()).appendTo(warehouse, context.round());
        out.printf(Locale.ROOT, "== %s: %s in %.1f s%n", name, status, (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        if (exit != JobCommand.EXIT_OK) {
          throw new JobFailedException("step " + name + " failed (exit " + exit + "); the steps before it keep their "
              + "tables. Fix the cause and rerun: finished steps are skipped", exit == JobCommand.EXIT_USAGE ? JobCommand.EXIT_FAILED : exit);
        }
      }
      out.printf("%npipeline %s: done%n", context.round());
    }
  }

  /**
   * Whether the step's last run, by the pipeline or as a single job, was the pipeline's successful
   * run with this fingerprint: a later run of the step by hand, failed or not, may have changed its
   * tables or left the next step refusing them, so the step runs again.
   */
  private static boolean succeededBefore(Warehouse warehouse, String round, String step, String fingerprint) {
    if (!warehouse.exists(Table.RUN_LOG)) {
      return false;
    }
    List<org.apache.spark.sql.Row> last = warehouse.readRound(Table.RUN_LOG, round)
        .where(col("job").isin("pipeline:" + step, step)).orderBy(col("finished_at").desc()).limit(1)
        .select(col("job"), col("status"), element_at(col("input_sha256s"), "fingerprint")).collectAsList();
    return !last.isEmpty() && last.get(0).getString(0).equals("pipeline:" + step) && "succeeded".equals(last.get(0).getString(1))
        && fingerprint.equals(last.get(0).getString(2));
  }

  /** SHA-256 over the names and contents of every file under {@code folder} (empty for none). */
  static String filesSha256(Path folder) throws IOException {
    if (folder == null) {
      return "";
    }
    if (!Files.isDirectory(folder)) {
      throw new UsageException("no folder " + folder);
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(folder.relativize(file)).append('=').append(JobContext.sha256(file)).append('\n');
      }
    }
    return sha256(all.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The round's pipeline lock: an OS file lock on {@code <warehouse>/_locks/pipeline-<round>.lock},
   * released when the process ends, so a killed pipeline never blocks the next. (A warehouse on
   * HDFS or S3 has no such lock: there Delta's conflict detection is the guard.)
   */
  private record RoundLock(FileChannel channel, FileLock lock) implements AutoCloseable {
    static RoundLock acquire(Path warehouse, String round) throws IOException {
      String root = warehouse.toString();
      if (root.contains("://") && !root.startsWith("file:")) {
        return new RoundLock(null, null);
      }
      Path file = Path.of(root.replaceFirst("^file:", "")).resolve("_locks").resolve("pipeline-" + round + ".lock");
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new JobFailedException("another pipeline is running for round " + round + " in " + warehouse
            + " (it holds " + file + "); this one did nothing. Wait for it to finish", EXIT_LOCKED);
      }
      return new RoundLock(channel, lock);
    }

    @Override
    public void close() {
      try {
        if (lock != null) {
          lock.release();
          channel.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
