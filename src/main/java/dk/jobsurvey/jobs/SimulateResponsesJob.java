package dk.jobsurvey.jobs;

import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code simulate-responses}: a survey tool's export for the round's sample, for the demo and tests. */
public final class SimulateResponsesJob {
  static final JobCommand COMMAND = JobCommand.of("simulate-responses",
      "write a realistic survey-tool export for the round's sample (needs mailmerge)",
      List.of(JobOption.required("out", "DIR", "folder for export.csv"),
          JobOption.optional("seed", "N", "random seed", "38"),
          JobOption.optional("until-week", "W", "only submissions up to this ISO week (35-38)", "38")),
      SimulateResponsesJob::simulate);

  private SimulateResponsesJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void simulate(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    try (SparkSessions.JobSession session = SparkSessions.forJob("simulate-responses", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      long responses = ResponseSimulator.write(warehouse, context.round(), context.questionnaire(), args.wholeNumber("seed"),
          (int) args.wholeNumber("until-week"), args.path("out"));
      out.printf("simulate-responses %s: %,d responses up to week %s in %s%n", context.round(), responses,
          args.value("until-week"), args.path("out").resolve("export.csv").toAbsolutePath().normalize());
    }
  }
}
