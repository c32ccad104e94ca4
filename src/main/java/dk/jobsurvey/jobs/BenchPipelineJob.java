package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.PipelineBenchmark;
import java.util.List;

/** {@code bench-pipeline}: every step of the pipeline on the pilot's and on all 98 municipalities' extracts. */
public final class BenchPipelineJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-pipeline",
      "benchmark every pipeline step on generated extracts of the pilot and of all 98 municipalities", "pipeline",
      List.of(JobOption.optional("municipalities", "LIST", "selections to run, as generate takes them", "pilot,all")),
      (context, args, spark, work) -> PipelineBenchmark.run(spark, context.survey(),
          List.of(args.value("municipalities").split(",")), args.path("config"), args.path("questionnaire"), work, System.out));

  private BenchPipelineJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
