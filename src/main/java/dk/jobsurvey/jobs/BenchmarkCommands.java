package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.BenchmarkReport;
import dk.jobsurvey.warehouse.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Benchmark jobs of the steps after ingest: a Spark session, a scratch folder and a results folder. */
final class BenchmarkCommands {
  /** The option of benchmarks that run at several multiples of the national size. */
  static final JobOption SCALES = JobOption.optional("scales", "LIST", "sizes as multiples of the national population", "1,10");

  /** A benchmark: its runs on {@code spark}, with tables under {@code work}. */
  @FunctionalInterface
  interface Benchmark {
    BenchmarkReport run(JobContext context, JobArgs args, SparkSession spark, Path work) throws Exception;
  }

  private BenchmarkCommands() {}

  /** A job that runs {@code benchmark} and writes {@code <results>/<resultName>.json} and {@code .md}. */
  static JobCommand of(String name, String summary, String resultName, List<JobOption> options, Benchmark benchmark) {
    List<JobOption> all = new ArrayList<>(options);
    all.add(JobOption.optional("work", "DIR", "scratch folder for the benchmark's tables", "bench/work"));
    all.add(JobOption.optional("results", "DIR", "where " + resultName + ".json and " + resultName + ".md are written",
        "bench/results"));
    return JobCommand.of(name, summary, all, (args, out) -> {
      JobContext context = JobContext.from(args);
      try (SparkSessions.JobSession session = SparkSessions.forJob(name, context.warehouse().toString())) {
        BenchmarkReport report = benchmark.run(context, args, session.spark(), Path.of(args.value("work")).toAbsolutePath());
        out.println(report.write(Path.of(args.value("results")), resultName));
      }
    });
  }
}
