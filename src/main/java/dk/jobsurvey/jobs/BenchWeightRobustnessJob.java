package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.WeightRobustness;
import java.util.List;

/** {@code bench-weight-robustness}: weight + tabulate on hundreds of simulated national rounds. */
public final class BenchWeightRobustnessJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-weight-robustness",
      "simulate national rounds on cells (response rates x1 and x0.5) and weight and tabulate each", "weight-robustness",
      List.of(JobOption.optional("rounds", "N", "how many rounds to simulate", "300"),
          JobOption.optional("seed", "S", "the first round's seed; round i uses S + i", "20261201")),
      (context, args, spark, work) -> WeightRobustness.run(context.survey(), Integer.parseInt(args.value("rounds")),
          Long.parseLong(args.value("seed"))));

  private BenchWeightRobustnessJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
