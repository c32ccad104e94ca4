package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.TabulateBenchmark;
import java.util.List;

/** {@code bench-tabulate}: the tabulate step with about 40,000 and 400,000 respondents. */
public final class BenchTabulateJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-tabulate",
      "benchmark the tabulate step (every table, SEs, suppression) at 1x and 10x the national population", "tabulate",
      List.of(BenchmarkCommands.SCALES), (context, args, spark, work) ->
          TabulateBenchmark.run(spark, context.survey(), context.questionnaireVersions(), args.wholeNumbers("scales"), work));

  private BenchTabulateJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
