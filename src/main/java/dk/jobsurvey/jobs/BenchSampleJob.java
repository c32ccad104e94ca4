package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.BenchmarkReport;
import dk.jobsurvey.bench.SampleBenchmark;
import dk.jobsurvey.warehouse.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code bench-sample}: allocation + selection on the national eligible frame and multiples of it. */
public final class BenchSampleJob {
  static final JobCommand COMMAND = JobCommand.of("bench-sample",
      "benchmark allocation + selection on frames of 1x and 10x the national eligible population",
      List.of(JobOption.optional("scales", "LIST", "frame sizes as multiples of the national frame", "1,10"),
          JobOption.optional("work", "DIR", "scratch folder for the benchmark's tables", "bench/work"),
          JobOption.optional("results", "DIR", "where sample.json and sample.md are written", "bench/results")),
      BenchSampleJob::bench);

  private BenchSampleJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void bench(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    List<Integer> scales = args.wholeNumbers("scales");
    try (SparkSessions.JobSession session = SparkSessions.forJob("bench-sample")) {
      BenchmarkReport report = new SampleBenchmark(session.spark(), context.survey())
          .run(scales, Path.of(args.value("work")).toAbsolutePath());
      out.println(report.write(Path.of(args.value("results")), "sample"));
    }
  }
}
