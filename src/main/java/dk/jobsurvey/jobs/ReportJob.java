package dk.jobsurvey.jobs;

import dk.jobsurvey.report.Chromium;
import dk.jobsurvey.report.WriteReports;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report}: per municipality and nationally, an .xlsx workbook and an HTML report with charts,
 * and a PDF of it where Chromium is installed, from published/.
 */
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
      Optional<Chromium> pdfPrinter = Chromium.find();
      List<String> files = context.startRun(warehouse, "report").commit(
          () -> new WriteReports(context.survey(), context.questionnaire(), warehouse, pdfPrinter).execute(),
          written -> JobRun.Outcome.succeeded(Map.of(), Map.of("files", (long) written.size())));
      int perReport = pdfPrinter.isPresent() ? 3 : 2;
      String kinds = pdfPrinter.isPresent() ? ".html, .pdf and .xlsx" : ".html and .xlsx";
      out.printf("%nreport %s: %d files (%s for the nation and each of %d municipalities)%n",
          context.round(), files.size(), kinds, files.size() / perReport - 1);
      out.println("National report: " + files.get(0).replaceAll("\\.html$", "") + " (" + kinds + ")");
      out.println("Per municipality: " + files.get(perReport).replaceAll("/[^/]+/[^/]+$", "/<kommunekode>/")
          + "rapport_<kommunekode>_" + context.round() + " (" + kinds + ")");
      out.println(pdfPrinter.map(c -> "PDFs printed by " + c.executable())
          .orElse("No PDFs: no Chromium found (install Debian's chromium, or set JOBSURVEY_CHROMIUM to a Chromium or Chrome)"));
    }
  }
}
