package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.BenchmarkReport;
import dk.jobsurvey.bench.IngestBenchmark;
import dk.jobsurvey.config.SecretKeys;
import dk.jobsurvey.warehouse.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code bench-ingest}: ingest of a folder of extracts against its I/O floor; figures to {@code --results}. */
public final class BenchIngestJob {
  static final JobCommand COMMAND = JobCommand.of("bench-ingest",
      "benchmark ingest against a plain read + Delta write of the same extracts",
      List.of(JobOption.required("input", "DIR", "folder of extracts (e.g. from generate --municipalities all)"),
          JobOption.optional("work", "DIR", "scratch folder for the benchmark's tables", "bench/work"),
          JobOption.optional("results", "DIR", "where ingest.json and ingest.md are written", "bench/results")),
      BenchIngestJob::bench);

  private BenchIngestJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void bench(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    byte[] key = SecretKeys.pseudonymKey(context.survey().keys(), System.getenv());
    try (SparkSessions.JobSession session = SparkSessions.forJob("bench-ingest", context.warehouse().toString())) {
      BenchmarkReport report = new IngestBenchmark(session.spark(), context.survey(), key)
          .run(Path.of(args.value("input")).toAbsolutePath(), Path.of(args.value("work")).toAbsolutePath());
      out.println(report.write(Path.of(args.value("results")), "ingest"));
    }
  }
}
