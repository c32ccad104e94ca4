package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.WeightBenchmark;
import java.util.List;

/** {@code bench-weight}: the weight step with about 40,000 and 400,000 respondents. */
public final class BenchWeightJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-weight",
      "benchmark the weight step (cells, IPF, join back) at 1x and 10x the national population", "weight",
      List.of(BenchmarkCommands.SCALES),
      (context, args, spark, work) -> WeightBenchmark.run(spark, context.survey(), args.wholeNumbers("scales"), work));

  private BenchWeightJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
