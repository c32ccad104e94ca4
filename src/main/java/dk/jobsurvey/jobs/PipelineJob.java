package dk.jobsurvey.jobs;

import dk.jobsurvey.warehouse.Digests;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.RoundLock;
import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pipeline}: ingest → sample → mailmerge → responses → weight → tabulate → report for one
 * round, with one loaded configuration and one Spark session; each step is the same code its job
 * runs alone, and writes the same one line of analysis/run_log. Each step has a fingerprint: the
 * configuration, the questionnaire, its own input files and the fingerprint of the step before. The
 * steps up to the first that must run are skipped when their last run succeeded with their
 * fingerprint (unless {@code --force}), so a rerun after a failure or a kill resumes where it
 * stopped; a failed step stops the pipeline, and the steps before keep their tables. One pipeline per warehouse and round at a time ({@link RoundLock}).
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

  /** A step of the pipeline: what it runs on the loaded context. */
  @FunctionalInterface
  private interface StepBody {
    void run(JobContext context, PrintStream out);
  }

  /** A step: its name, what distinguishes its run (options, for the fingerprint), the files it reads (beyond the warehouse), its body. */
  private record Step(String name, String options, Path inputs, StepBody body) {}

  private PipelineJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  @SuppressWarnings("try") // the lock is held by the try block, never read
  private static void pipeline(JobArgs args, PrintStream out) throws IOException {
    JobContext loaded = JobContext.from(args);
    Path input = args.path("input");
    String responses = args.optional("responses").orElse("");
    String letter = args.value("letter");
    List<Step> steps = new ArrayList<>(List.of(
        new Step("ingest", "", input, (context, o) -> IngestJob.run(context, input.toString(), o)),
        new Step("sample", "", null, SampleJob::run),
        new Step("mailmerge", "--letter " + letter, null, (context, o) -> MailmergeJob.run(context, letter, o))));
    if (!responses.isEmpty()) {
      steps.addAll(List.of(new Step("responses", "", Path.of(responses), (context, o) -> ResponsesJob.run(context, responses, o)),
          new Step("weight", "", null, WeightJob::run), new Step("tabulate", "", null, TabulateJob::run),
          new Step("report", "", null, ReportJob::run)));
    }
    // Every fingerprint first: a mistyped folder stops the pipeline before any step has run.
    List<String> fingerprints = new ArrayList<>();
    String fingerprint = Digests.sha256Hex(loaded.configSha256() + loaded.questionnaireSha256());
    for (Step step : steps) {
      fingerprint = Digests.sha256Hex(fingerprint + step.name() + step.options() + filesSha256(step.inputs()));
      fingerprints.add(fingerprint);
    }
    try (RoundLock lock = RoundLock.tryAcquire(loaded.warehouse(), loaded.round()).orElseThrow(() -> new JobFailedException(
            "another pipeline is running for round " + loaded.round() + " in " + loaded.warehouse() + " (it holds "
                + RoundLock.file(loaded.warehouse(), loaded.round()) + "); this one did nothing. Wait for it to finish", EXIT_LOCKED));
        SparkSessions.JobSession session = SparkSessions.forJob("pipeline", loaded.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), loaded.warehouse().toString());
      JobRun pipelineRun = loaded.startRun(warehouse, "pipeline");
      try {
        long ran = runSteps(args.flag("force"), loaded, warehouse, steps, fingerprints, out);
        pipelineRun.record(RunLog.SUCCEEDED, JobCommand.EXIT_OK, Map.of(), Map.of(),
            Map.of("steps_run", ran, "steps_skipped", steps.size() - ran));
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (RuntimeException | Error failure) {
        pipelineRun.failed(failure);
        throw failure;
      }
    }
  }

  /**
   * Runs the steps in order and returns how many ran. A step is skipped while its last run succeeded
   * with its fingerprint and no step before it has run in this pipeline: once one runs, every step
   * after it runs too, since what it wrote may differ in ways no fingerprint sees (a load after a
   * run by hand, a partial load, a rerun after a failure). A failed step stops the pipeline.
   */
  private static long runSteps(boolean force, JobContext loaded, Warehouse warehouse, List<Step> steps, List<String> fingerprints,
      PrintStream out) {
    Instant started = Instant.now();
    out.printf("pipeline %s: %d steps, started %s%n", loaded.round(), steps.size(), clock(started));
    long ran = 0;
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      if (!force && ran == 0 && JobRun.lastRunSucceededWith(warehouse, loaded.round(), step.name(), fingerprints.get(s))) {
        out.printf("%n== %s: skipped, unchanged since its last successful run%n", step.name());
        continue;
      }
      Instant stepStarted = Instant.now();
      out.printf("%n== %s == %s (+%s)%n", step.name(), clock(stepStarted), elapsed(started, stepStarted));
      int exit = JobCommand.EXIT_OK;
      try {
        step.body().run(loaded.inPipeline(fingerprints.get(s)), out);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (RuntimeException | Error failure) {
        exit = JobCommand.report(step.name(), failure, out);
      }
      ran++;
      Instant finished = Instant.now();
      out.printf(Locale.ROOT, "== %s: %s in %.1f s (+%s)%n", step.name(), exit == JobCommand.EXIT_OK ? "succeeded" : "failed",
          Duration.between(stepStarted, finished).toMillis() / 1000.0, elapsed(started, finished));
      if (exit != JobCommand.EXIT_OK) {
        throw new JobFailedException("step " + step.name() + " failed (exit " + exit + "); the steps before it keep their "
            + "tables. Fix the cause and rerun: finished steps are skipped", exit == JobCommand.EXIT_USAGE ? JobCommand.EXIT_FAILED : exit);
      }
    }
    out.printf("%npipeline %s: done at %s, %s in all%n", loaded.round(), clock(Instant.now()), elapsed(started, Instant.now()));
    return ran;
  }

  /** SHA-256 over the names and contents of every file under {@code folder} (empty for none). */
  private static String filesSha256(Path folder) throws IOException {
    if (folder == null) {
      return "";
    }
    if (!Files.isDirectory(folder)) {
      throw new UsageException("no folder " + folder);
    }
    return Digests.folderSha256Hex(folder);
  }

  private static String clock(Instant instant) {
    return LocalTime.ofInstant(instant, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String elapsed(Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
