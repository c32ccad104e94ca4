package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.BenchmarkReport;
import dk.jobsurvey.bench.ResponsesBenchmark;
import dk.jobsurvey.warehouse.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code bench-responses}: loading a national survey export, and the monitor. */
public final class BenchResponsesJob {
  static final JobCommand COMMAND = JobCommand.of("bench-responses",
      "benchmark loading a national survey export and the monitor",
      List.of(JobOption.optional("work", "DIR", "scratch folder for the benchmark's tables", "bench/work"),
          JobOption.optional("results", "DIR", "where responses.json and responses.md are written", "bench/results")),
      BenchResponsesJob::bench);

  private BenchResponsesJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void bench(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    try (SparkSessions.JobSession session = SparkSessions.forJob("bench-responses")) {
      BenchmarkReport report = new ResponsesBenchmark(session.spark(), context.survey(), context.questionnaire())
          .run(Path.of(args.value("work")).toAbsolutePath());
      out.println(report.write(Path.of(args.value("results")), "responses"));
    }
  }
}
