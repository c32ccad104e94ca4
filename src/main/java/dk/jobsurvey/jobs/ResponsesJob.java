package dk.jobsurvey.jobs;

import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code responses}: loads survey-tool exports into analysis/responses (MERGE by person; loading an
 * export twice changes nothing), raw free text into restricted/free_text, and unusable rows into
 * analysis/quarantine. Exits with 3 when a file was rejected.
 */
public final class ResponsesJob {
  static final JobCommand COMMAND = JobCommand.of("responses",
      "load survey-tool exports (csv/xlsx) into analysis/responses; idempotent, later submissions win",
      List.of(JobOption.required("input", "DIR", "folder of survey exports")),
      ResponsesJob::load);

  private ResponsesJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void load(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    try (SparkSessions.JobSession session = SparkSessions.forJob("responses", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      context.requireRound(warehouse, Table.CONTACTS, "mailmerge");
      // The three tables and this run's line in the run log together; a run that rejected a file is logged as failed.
      LoadResponses.Result result = StepRun.start("responses", context, warehouse).commit(() -> {
        try {
          return new LoadResponses(context.survey(), context.questionnaire(), warehouse).execute(args.value("input"));
        } catch (java.io.IOException e) {
          throw new UsageException(e.getMessage());
        }
      }, LoadResponses.Result::counts, loaded -> loaded.rejected().isEmpty());
      Map<String, Long> counts = new TreeMap<>(result.counts());
      out.printf("%nresponses %s: %d files, %d rejected%n", context.round(), result.files().size(), result.rejected().size());
      counts.forEach((name, value) -> out.printf("  %-22s %8d%n", name, value));
      long total = warehouse.readRound(Table.RESPONSES, context.round()).where("is_respondent").count();
      out.printf("  %-22s %8d%n", "respondents now", total);
      result.rejected().forEach(r -> out.println("  REJECTED " + r));
      if (!result.rejected().isEmpty()) {
        throw new JobFailedException(result.rejected().size() + " file(s) rejected: "
            + String.join("; ", result.rejected().stream().map(FileRejection::toString).toList()), IngestJob.EXIT_FILES_REJECTED);
      }
    }
  }
}
