package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.SampleBenchmark;
import java.util.List;

/** {@code bench-sample}: allocation + selection on the national eligible frame and multiples of it. */
public final class BenchSampleJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-sample",
      "benchmark allocation + selection on frames of 1x and 10x the national eligible population", "sample",
      List.of(BenchmarkCommands.SCALES),
      (context, args, spark, work) -> SampleBenchmark.run(spark, context.survey(), args.wholeNumbers("scales"), work));

  private BenchSampleJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
