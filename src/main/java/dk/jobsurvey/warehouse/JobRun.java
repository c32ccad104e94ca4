package dk.jobsurvey.warehouse;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One run of a job on one round of the warehouse: its one line in analysis/run_log, and for the
 * pipeline's steps the guard against stale input.
 *
 * <p>The guard ({@link #start}): a step refuses to run (a "refused" line, nothing else written)
 * when the last run of a step it reads from failed, or began before the last run of that step's own
 * input ended (say tabulate after responses loaded new answers but before weight ran again). A
 * "partial" run (ingest or responses that rejected a file and committed the others) is no failure:
 * what it accepted may be used. Refused runs changed nothing and are not counted. A step with no
 * line in the run log (a warehouse older than these lines, or tables that tests wrote directly) is
 * not refused: the stage itself refuses missing tables, and nothing is known about their age. A run
 * killed outside any handler leaves no line, so the run before it counts.
 *
 * <p>The line ({@link #commit}): "succeeded" (or "partial") in the same all-or-nothing unit as the
 * step's tables, with the rows each table got from Delta's commit metrics; "failed", with the exit
 * code the process ends with, appended after the tables were restored. Should even that line fail,
 * the log says so in one line, and the job's own failure is reported as it was.
 */
public final class JobRun {
  private static final Logger LOG = LogManager.getLogger(JobRun.class);

  /** A pipeline step: what its tables hold (for messages), and the steps it reads from. */
  private record Step(String holds, List<String> inputs) {}

  private static final Map<String, Step> STEPS = Map.of(
      "ingest", new Step("the population", List.of()),
      "sample", new Step("the sample", List.of("ingest")),
      "mailmerge", new Step("the contacts", List.of("sample")),
      "responses", new Step("the responses", List.of("mailmerge")),
      "weight", new Step("the weights", List.of("responses", "ingest")),
      "tabulate", new Step("the estimates", List.of("weight")),
      "report", new Step("the reports", List.of("tabulate")));

  /** Who runs: the job, its round, configuration, seed and input fingerprints, and how failures map to exit codes. */
  public record Identity(String job, String round, String configSha256, Long seed, Map<String, String> inputSha256s,
      ToIntFunction<Throwable> exitCodes) {}

  /** How a run that committed ended: its exit code (0, or the code of a partial run), rows read per input, its own figures. */
  public record Outcome(int exitCode, Map<String, Long> rowsIn, Map<String, Long> figures) {
    public static Outcome succeeded(Map<String, Long> rowsIn, Map<String, Long> figures) {
      return new Outcome(0, rowsIn, figures);
    }
  }

  /** A line of the run log: which step, whether it failed, and when it ran. */
  private record Line(String step, boolean failed, Instant startedAt, Instant finishedAt) {}

  private final Identity identity;
  private final Warehouse warehouse;
  private final String runId = RunLog.newRunId();
  private final Instant startedAt = Instant.now();

  private JobRun(Identity identity, Warehouse warehouse) {
    this.identity = identity;
    this.warehouse = warehouse;
  }

  /**
   * Begins a run. A pipeline step whose input is stale is refused: its "refused" line is written and
   * a {@link StaleInputException} thrown (see the class comment).
   */
  public static JobRun start(Identity identity, Warehouse warehouse) {
    JobRun run = new JobRun(identity, warehouse);
    Optional<String> stale = STEPS.containsKey(identity.job()) ? run.staleInput() : Optional.empty();
    if (stale.isPresent()) {
      StaleInputException refusal = new StaleInputException(identity.job() + " " + identity.round() + ": " + stale.get()
          + " (tables unchanged)");
      run.record(RunLog.REFUSED, identity.exitCodes().applyAsInt(refusal), Map.of(), Map.of(), Map.of());
      throw refusal;
    }
    return run;
  }

  /**
   * Runs the job's work and its line in the run log as one unit. An outcome with a non-zero exit
   * code (a file rejected, the others loaded) is written with its line saying "partial": the steps
   * after it may use what was accepted (DESIGN.md §3); work that throws leaves its tables as they
   * were and a "failed" line.
   */
  public <T> T commit(Warehouse.StepWork<T> work, Function<T, Outcome> outcome) {
    try {
      return warehouse.allOrNothing(List.of(), () -> {
        T result = work.run();
        Outcome ended = outcome.apply(result);
        record(ended.exitCode() == 0 ? RunLog.SUCCEEDED : RunLog.PARTIAL, ended.exitCode(), ended.rowsIn(),
            RunLog.byTableName(warehouse.rowsWrittenInStep()), ended.figures());
        return result;
      });
    } catch (RuntimeException | Error failure) {
      failed(failure);
      throw failure;
    }
  }

  /** Records a failure of work that ran outside {@link #commit} (its own tables already restored). */
  public void failed(Throwable failure) {
    try {
      record(RunLog.FAILED, identity.exitCodes().applyAsInt(failure), Map.of(), Map.of(), Map.of());
    } catch (RuntimeException | Error notRecorded) {
      failure.addSuppressed(notRecorded);
      String message = String.valueOf(notRecorded.getMessage()).lines().findFirst().orElse("");
      LOG.warn("{} {}: this failed run could not be recorded in analysis/run_log either ({}: {})", identity.job(),
          identity.round(), notRecorded.getClass().getSimpleName(), message);
    }
  }

  /** Writes the run's line: for a job that writes no tables of its own in one unit (the pipeline, the monitor). */
  public void record(String status, int exitCode, Map<String, Long> rowsIn, Map<String, Long> rowsOut, Map<String, Long> figures) {
    new RunLog(runId, identity.job(), startedAt, Instant.now(), status, exitCode, identity.configSha256(),
        identity.inputSha256s(), identity.seed(), rowsIn, rowsOut, figures, RunLog.currentCodeVersion())
        .appendTo(warehouse, identity.round());
  }

  /**
   * Whether the step's last run (refused runs aside) succeeded with this pipeline fingerprint: a
   * later run of the step by hand, failed or not, may have changed its tables or left the next step
   * refusing them, so the pipeline runs it again.
   */
  public static boolean lastRunSucceededWith(Warehouse warehouse, String round, String step, String fingerprint) {
    if (!warehouse.exists(Table.RUN_LOG)) {
      return false;
    }
    List<org.apache.spark.sql.Row> last = warehouse.readRound(Table.RUN_LOG, round)
        .where(col("job").equalTo(step).and(col("status").notEqual(RunLog.REFUSED)))
        .orderBy(col("finished_at").desc()).limit(1)
        .select(col("status"), col("input_sha256s").getItem(RunLog.PIPELINE_FINGERPRINT)).collectAsList();
    return !last.isEmpty() && RunLog.SUCCEEDED.equals(last.get(0).getString(0)) && fingerprint.equals(last.get(0).getString(1));
  }

  private Optional<String> staleInput() {
    List<Line> lines = lines();
    for (String input : STEPS.get(identity.job()).inputs()) {
      Optional<Line> last = latest(lines, input);
      if (last.isEmpty()) {
        continue;
      }
      if (last.get().failed()) {
        return Optional.of("the last " + input + " run failed at " + at(last.get().finishedAt()) + ", so "
            + STEPS.get(input).holds() + " may be from an earlier run; fix the cause and run " + input + " first");
      }
      for (String before : STEPS.get(input).inputs()) {
        Optional<Line> newer = latest(lines, before).filter(l -> l.finishedAt().isAfter(last.get().startedAt()));
        if (newer.isPresent()) {
          return Optional.of(before + " ran at " + at(newer.get().finishedAt()) + ", after the last " + input + " run began ("
              + at(last.get().startedAt()) + "), so " + STEPS.get(input).holds() + " may not reflect it; run " + input + " first");
        }
      }
    }
    return staleEarlierRound();
  }

  /**
   * For the report: the round's changes copy the figures of the earlier round they compare with
   * (published/changes, previous_round). When that round was tabulated again after this round's
   * tabulate began, the changes may hold figures it no longer publishes: refused until this round
   * is tabulated again.
   */
  private Optional<String> staleEarlierRound() {
    if (!identity.job().equals("report") || !warehouse.exists(Table.CHANGES) || !warehouse.exists(Table.RUN_LOG)) {
      return Optional.empty();
    }
    List<org.apache.spark.sql.Row> compared = warehouse.readRound(Table.CHANGES, identity.round()).select("previous_round")
        .distinct().collectAsList();
    if (compared.isEmpty()) {
      return Optional.empty();
    }
    String earlier = compared.get(0).getString(0);
    Optional<Line> ours = latestTabulate(identity.round());
    Optional<Line> theirs = latestTabulate(earlier);
    if (ours.isPresent() && theirs.isPresent() && theirs.get().finishedAt().isAfter(ours.get().startedAt())) {
      return Optional.of("tabulate ran for " + earlier + " at " + at(theirs.get().finishedAt()) + ", after this round's "
          + "tabulate began (" + at(ours.get().startedAt()) + "), so the changes since " + earlier + " may hold figures "
          + earlier + " no longer publishes; run tabulate for " + identity.round() + " first");
    }
    return Optional.empty();
  }

  private Optional<Line> latestTabulate(String round) {
    return warehouse.readRound(Table.RUN_LOG, round)
        .where(col("job").equalTo("tabulate").and(col("status").notEqual(RunLog.REFUSED)))
        .select("job", "status", "started_at", "finished_at").collectAsList().stream()
        .map(JobRun::line)
        .max(Comparator.comparing(Line::finishedAt));
  }

  /** The run log's lines of the steps this one reads from and their inputs; refused runs changed nothing and are left out. */
  private List<Line> lines() {
    if (STEPS.get(identity.job()).inputs().isEmpty() || !warehouse.exists(Table.RUN_LOG)) {
      return List.of();
    }
    Object[] jobs = STEPS.get(identity.job()).inputs().stream()
        .flatMap(input -> Stream.concat(Stream.of(input), STEPS.get(input).inputs().stream())).distinct().toArray();
    return warehouse.readRound(Table.RUN_LOG, identity.round())
        .where(col("job").isin(jobs).and(col("status").notEqual(RunLog.REFUSED)))
        .select("job", "status", "started_at", "finished_at").collectAsList().stream()
        .map(JobRun::line)
        .toList();
  }

  /** A run-log row of job, status, started_at and finished_at. */
  private static Line line(org.apache.spark.sql.Row r) {
    return new Line(r.getString(0), RunLog.FAILED.equals(r.getString(1)), r.getTimestamp(2).toInstant(),
        r.getTimestamp(3).toInstant());
  }

  private static Optional<Line> latest(List<Line> lines, String step) {
    return lines.stream().filter(l -> l.step().equals(step)).max(Comparator.comparing(Line::finishedAt));
  }

  private static String at(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
