package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.PipelineBenchmark;
import java.util.List;

/** {@code bench-pipeline}: every step of the pipeline, where its time goes, and its Spark + Delta floor on the pilot, all 98 municipalities, and 10× all 98. */
public final class BenchPipelineJob {
  static final JobCommand COMMAND = BenchmarkCommands.of("bench-pipeline",
      "benchmark every pipeline step, where its time goes and its floors on generated extracts of the pilot, all 98 municipalities and 10× all 98",
      "pipeline",
      List.of(JobOption.optional("municipalities", "LIST", "selections to run, as generate takes them; SELECTION*N for N times their size",
          "pilot,all,all*10"),
          JobOption.optional("runs", "N", "pipeline runs per selection, each on a fresh warehouse; the median run is reported", "3"),
          JobOption.flag("no-floors", "leave out the floors (the Spark + Delta floor of each step, the plain-read floor of ingest)")),
      (context, args, spark, work) -> PipelineBenchmark.run(spark, context.survey(),
          List.of(args.value("municipalities").split(",")), Integer.parseInt(args.value("runs")), !args.flag("no-floors"), args.path("config"), args.path("questionnaire"), work,
          pipelineArgs -> Launcher.run(pipelineArgs, System.out, System.out)));

  private BenchPipelineJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }
}
