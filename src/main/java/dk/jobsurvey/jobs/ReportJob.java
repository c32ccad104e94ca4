package dk.jobsurvey.jobs;

import dk.jobsurvey.report.WriteReports;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code report}: per municipality and nationally, an .xlsx workbook and an HTML report with charts, from published/. */
public final class ReportJob {
  static final JobCommand COMMAND = JobCommand.of("report",
      "workbooks and HTML reports with charts per municipality and for the nation, from published/ only",
      List.of(), ReportJob::report);

  private ReportJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void report(JobArgs args, PrintStream out) {
    run(JobContext.from(args), out);
  }

  /** The step on a loaded context, alone or in the pipeline. */
  static void run(JobContext context, PrintStream out) {
    try (SparkSessions.JobSession session = SparkSessions.forJob("report", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      List<String> files = context.startRun(warehouse, "report").commit(
          () -> new WriteReports(context.survey(), context.questionnaire(), warehouse).execute(),
          written -> JobRun.Outcome.succeeded(Map.of(), Map.of("files", (long) written.size())));
      out.printf("%nreport %s: %d files (an HTML page and a workbook for the nation and each of %d municipalities)%n",
          context.round(), files.size(), files.size() / 2 - 1);
      out.println("National report: " + files.get(0));
      out.println("                 " + files.get(1));
      out.println("Per municipality: " + files.get(2).replaceAll("/[^/]+/[^/]+$", "/<kommunekode>/") + "rapport_<kommunekode>_"
          + context.round() + ".html and .xlsx");
    }
  }
}
