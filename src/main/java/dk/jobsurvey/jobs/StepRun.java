package dk.jobsurvey.jobs;

import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.Warehouse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One run of a pipeline step as a single job, and its line in analysis/run_log ({@link #commit}):
 * "succeeded" in the same all-or-nothing unit as the step's tables; "failed" when the work fails,
 * appended after the tables were restored. Should even that line fail, the log says so in one line,
 * and the step's own failure is reported as it was.
 */
final class StepRun {
  private static final Logger LOG = LogManager.getLogger(StepRun.class);
  private static final String SUCCEEDED = "succeeded";
  private static final String FAILED = "failed";

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

  /** Begins step {@code name}'s run. */
  static StepRun start(String name, JobContext context, Warehouse warehouse) {
    return new StepRun(name, context, warehouse);
  }

  /** {@link #commit(Warehouse.StepWork, Function, Predicate)} for a step that either succeeds or throws. */
  <T> T commit(Warehouse.StepWork<T> work, Function<T, Map<String, Long>> rowCounts) {
    return commit(work, rowCounts, result -> true);
  }

  /**
   * Runs the step's work and its line in the run log as one unit. A result that is not {@code
   * complete} (a file rejected, the others loaded) is written with its line saying "failed", as the
   * step's exit code will; work that throws leaves its tables as they were and a "failed" line.
   */
  <T> T commit(Warehouse.StepWork<T> work, Function<T, Map<String, Long>> rowCounts, Predicate<T> complete) {
    try {
      return warehouse.allOrNothing(List.of(), () -> {
        T result = work.run();
        line(complete.test(result) ? SUCCEEDED : FAILED, rowCounts.apply(result)).appendTo(warehouse, context.round());
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
}
