package dk.jobsurvey.jobs;

import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.warehouse.JobRun;
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

  private static void load(JobArgs args, PrintStream out) {
    run(JobContext.from(args), args.value("input"), out);
  }

  /** The step on a loaded context, alone or in the pipeline, for the exports in {@code input}. */
  static void run(JobContext context, String input, PrintStream out) {
    try (SparkSessions.JobSession session = SparkSessions.forJob("responses", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      // The three tables and this run's line in the run log together; a run that rejected a file is logged as partial.
      LoadResponses.Result result = context.startRun(warehouse, "responses").commit(() -> {
        try {
          return new LoadResponses(context.survey(), context.questionnaire(), warehouse, input).execute();
        } catch (java.io.IOException e) {
          throw new UsageException(e.getMessage());
        }
      }, loaded -> new JobRun.Outcome(loaded.rejected().isEmpty() ? JobCommand.EXIT_OK : IngestJob.EXIT_FILES_REJECTED,
          Map.of("survey exports (rows)", loaded.counts().getOrDefault("rows_read", 0L)), loaded.counts()));
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
