package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.PipelineBenchmark;
import java.util.List;

/** {@code bench-pipeline}: every step of the pipeline and its I/O floor on the pilot, all 98 municipalities, and 10× all 98. */
public final class BenchPipelineJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-pipeline",
      "benchmark every pipeline step and its I/O floor on generated extracts of the pilot, all 98 municipalities and 10× all 98",
      "pipeline",
      List.of(JobOption.optional("municipalities", "LIST", "selections to run, as generate takes them; SELECTION*N for N times their size",
          "pilot,all,all*10")),
      (context, args, spark, work) -> PipelineBenchmark.run(spark, context.survey(),
          List.of(args.value("municipalities").split(",")), args.path("config"), args.path("questionnaire"), work,
          pipelineArgs -> Launcher.run(pipelineArgs, System.out, System.out)));

  private BenchPipelineJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
