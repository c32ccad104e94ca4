package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.VersusR;
import java.nio.file.Path;
import java.util.List;

/** {@code bench-vs-r}: the weight and tabulate steps against R survey's calibrate (sparse) and svyby (multicore) on the national data. */
public final class BenchVersusRJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-vs-r",
      "the weight and tabulate steps against R survey (calibrate sparse, svyby multicore) on the national data; needs Rscript",
      "vs-r",
      List.of(JobOption.optional("r-script", "FILE", "R's side of the benchmark", "jobs/bench-vs-r.R"),
          JobOption.optional("r-measures", "N", "item-statistics R times (0: all 30, about 10 minutes; the rest is extrapolated)", "0")),
      (context, args, spark, work) -> VersusR.run(spark, context.survey(), context.questionnaire(), args.path("config"),
          args.path("questionnaire"), work, Path.of(args.value("r-script")).toAbsolutePath(), Integer.parseInt(args.value("r-measures")),
          jobArgs -> Launcher.run(jobArgs, System.out, System.out)));

  private BenchVersusRJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
