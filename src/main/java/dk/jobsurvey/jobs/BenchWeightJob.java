package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.BenchmarkReport;
import dk.jobsurvey.bench.WeightBenchmark;
import dk.jobsurvey.warehouse.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code bench-weight}: the weight step with about 40,000 and 400,000 respondents. */
public final class BenchWeightJob {
  static final JobCommand COMMAND = JobCommand.of("bench-weight",
      "benchmark the weight step (cells, IPF, join back) at 1x and 10x the national population",
      List.of(JobOption.optional("scales", "LIST", "population sizes as multiples of the national one", "1,10"),
          JobOption.optional("work", "DIR", "scratch folder for the benchmark's tables", "bench/work"),
          JobOption.optional("results", "DIR", "where weight.json and weight.md are written", "bench/results")),
      BenchWeightJob::bench);

  private BenchWeightJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void bench(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    List<Integer> scales = args.wholeNumbers("scales");
    try (SparkSessions.JobSession session = SparkSessions.forJob("bench-weight")) {
      BenchmarkReport report = new WeightBenchmark(session.spark(), context.survey())
          .run(scales, Path.of(args.value("work")).toAbsolutePath());
      out.println(report.write(Path.of(args.value("results")), "weight"));
    }
  }
}
