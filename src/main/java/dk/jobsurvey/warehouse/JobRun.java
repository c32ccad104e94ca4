package dk.jobsurvey.jobs;

import static org.apache.spark.sql.functions.col;

import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One run of a pipeline step as a single job: its line in analysis/run_log, and the guard against
 * stale input.
 *
 * <p>The guard ({@link #start}): a step refuses to run (exit 2, nothing written) when the last run
 * of a step it reads from failed, or began before the last run of that step's own input ended (say
 * tabulate after responses loaded new answers but before weight ran again). Runs of the pipeline
 * ({@code pipeline:<step>}) count as runs of the step. A "partial" run (ingest or responses that
 * rejected a file and committed the others) is no failure: what it accepted may be used. That
 * input's own input counts whether its last run succeeded or not: a failed run is refused one step
 * later anyway. A step with no line in the run log
 * (a warehouse older than these lines, or tables that tests wrote directly) is deliberately not
 * refused: {@link JobContext#requireRound} already refuses missing tables, and nothing is known
 * about their age. A run killed outside any handler leaves no line, so the run before it counts.
 *
 * <p>The line ({@link #commit}): "succeeded" in the same all-or-nothing unit as the step's tables;
 * "failed" when the work fails, appended after the tables were restored. Should even that line
 * fail, the log says so in one line, and the step's own failure is reported as it was.
 */
final class StepRun {
  private static final Logger LOG = LogManager.getLogger(StepRun.class);
  private static final String SUCCEEDED = "succeeded";
  private static final String FAILED = "failed";
  /** Some input files rejected, the others committed (exit 3): the next step may go on with what was accepted. */
  private static final String PARTIAL = "partial";
  private static final String PIPELINE = "pipeline:";

  /** A step: what its tables hold (for messages), and the steps it reads from. */
  private record Step(String holds, List<String> inputs) {}

  private static final Map<String, Step> STEPS = Map.of(
      "ingest", new Step("the population", List.of()),
      "sample", new Step("the sample", List.of("ingest")),
      "mailmerge", new Step("the contacts", List.of("sample")),
      "responses", new Step("the responses", List.of("mailmerge")),
      "weight", new Step("the weights", List.of("responses", "ingest")),
      "tabulate", new Step("the estimates", List.of("weight")),
      "report", new Step("the reports", List.of("tabulate")));

  /** A line of the run log: which step, whether it failed, and when it ran. */
  private record Line(String step, boolean failed, Instant startedAt, Instant finishedAt) {}

  private final String name;
  private final JobContext context;
  private final Warehouse warehouse;
  private final String runId = RunLog.newRunId();
  private final Instant startedAt = Instant.now();

  private StepRun(String name, JobContext context, Warehouse warehouse) {
    this.name = name;
    this.context = context;
    this.warehouse = warehouse;
  }

  /** Begins step {@code name}'s run, or refuses it (exit 2) when what it reads is stale (see the class comment). */
  static StepRun start(String name, JobContext context, Warehouse warehouse) {
    if (!STEPS.containsKey(name)) {
      throw new IllegalArgumentException("not a pipeline step: " + name);
    }
    StepRun run = new StepRun(name, context, warehouse);
    run.refuseStaleInput();
    return run;
  }

  /** {@link #commit(Warehouse.StepWork, Function, Predicate)} for a step that either succeeds or throws. */
  <T> T commit(Warehouse.StepWork<T> work, Function<T, Map<String, Long>> rowCounts) {
    return commit(work, rowCounts, result -> true);
  }

  /**
   * Runs the step's work and its line in the run log as one unit. A result that is not {@code
   * complete} (a file rejected, the others loaded) is written with its line saying "partial": the
   * step's exit code says a file was rejected, and the steps after it may use what was accepted
   * (DESIGN.md §3); work that throws leaves its tables as they were and a "failed" line.
   */
  <T> T commit(Warehouse.StepWork<T> work, Function<T, Map<String, Long>> rowCounts, Predicate<T> complete) {
    try {
      return warehouse.allOrNothing(List.of(), () -> {
        T result = work.run();
        line(complete.test(result) ? SUCCEEDED : PARTIAL, rowCounts.apply(result)).appendTo(warehouse, context.round());
        return result;
      });
    } catch (RuntimeException | Error failure) {
      try {
        line(FAILED, Map.of()).appendTo(warehouse, context.round());
      } catch (RuntimeException | Error notRecorded) {
        failure.addSuppressed(notRecorded);
        String message = String.valueOf(notRecorded.getMessage()).lines().findFirst().orElse("");
        LOG.warn("{} {}: this failed run could not be recorded in analysis/run_log either ({}: {})", name,
            context.round(), notRecorded.getClass().getSimpleName(), message);
      }
      throw failure;
    }
  }

  private RunLog line(String status, Map<String, Long> rowCounts) {
    return new RunLog(runId, name, startedAt, Instant.now(), status, context.configSha256(), Map.of(),
        context.survey().sample().seed(), rowCounts, RunLog.currentCodeVersion());
  }

  private void refuseStaleInput() {
    List<Line> lines = lines();
    for (String input : STEPS.get(name).inputs()) {
      Optional<Line> last = latest(lines, input);
      if (last.isEmpty()) {
        continue;
      }
      if (last.get().failed()) {
        throw refusal("the last " + input + " run failed at " + at(last.get().finishedAt()) + ", so "
            + STEPS.get(input).holds() + " may be from an earlier run; fix the cause and run " + input + " first");
      }
      for (String before : STEPS.get(input).inputs()) {
        Optional<Line> newer = latest(lines, before).filter(l -> l.finishedAt().isAfter(last.get().startedAt()));
        if (newer.isPresent()) {
          throw refusal(before + " ran at " + at(newer.get().finishedAt()) + ", after the last " + input + " run began ("
              + at(last.get().startedAt()) + "), so " + STEPS.get(input).holds() + " may not reflect it; run " + input + " first");
        }
      }
    }
  }

  private JobFailedException refusal(String why) {
    return new JobFailedException(name + " " + context.round() + ": " + why + " (tables unchanged)", JobCommand.EXIT_USAGE);
  }

  /** The run log's lines of the steps this one reads from and their inputs, the pipeline's included. */
  private List<Line> lines() {
    if (STEPS.get(name).inputs().isEmpty() || !warehouse.exists(Table.RUN_LOG)) {
      return List.of();
    }
    Object[] jobs = STEPS.get(name).inputs().stream()
        .flatMap(input -> Stream.concat(Stream.of(input), STEPS.get(input).inputs().stream()))
        .flatMap(step -> Stream.of(step, PIPELINE + step)).distinct().toArray();
    return warehouse.readRound(Table.RUN_LOG, context.round()).where(col("job").isin(jobs))
        .select("job", "status", "started_at", "finished_at").collectAsList().stream()
        .map(r -> new Line(r.getString(0).replaceFirst("^" + PIPELINE, ""), FAILED.equals(r.getString(1)),
            r.getTimestamp(2).toInstant(), r.getTimestamp(3).toInstant()))
        .toList();
  }

  private static Optional<Line> latest(List<Line> lines, String step) {
    return lines.stream().filter(l -> l.step().equals(step)).max(Comparator.comparing(Line::finishedAt));
  }

  private static String at(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
