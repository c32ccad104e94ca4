package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.ResponsesBenchmark;
import java.util.List;

/** {@code bench-responses}: loading a national survey export, and the monitor. */
public final class BenchResponsesJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-responses",
      "benchmark loading a national survey export and the monitor", "responses", List.of(),
      (context, args, spark, work) -> new ResponsesBenchmark(spark, context.survey(), context.questionnaire()).run(work));

  private BenchResponsesJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
