package dk.jobsurvey.report;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.DriverTasks;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The report step: from published/ only, a workbook and an HTML page per municipality and for the
 * nation, under {@code <warehouse>/published/reports/<round>/} (one folder per municipality, as the
 * outbox has, plus {@code landsrapport_<round>.*}).
 *
 * <p>With {@link Chromium}, each HTML page is also printed to an A4 PDF beside it.
 *
 * <p>Needs published/estimates for the round (tabulate). Cost: a small read of published/ (a few
 * thousand rows), then per municipality an HTML page and a workbook written in the driver, and with
 * PDFs a second to start one Chromium and a fraction of a second of it per report.
 */
public final class WriteReports {
  private final Survey survey;
  private final Questionnaire questionnaire;
  private final Warehouse warehouse;
  private final Optional<Chromium> pdfPrinter;

  /** @param pdfPrinter the Chromium that prints each page to PDF, or empty for no PDFs */
  public WriteReports(Survey survey, Questionnaire questionnaire, Warehouse warehouse, Optional<Chromium> pdfPrinter) {
    this.survey = survey;
    this.questionnaire = questionnaire;
    this.warehouse = warehouse;
    this.pdfPrinter = pdfPrinter;
  }

  /** Writes every report; returns the files written, national first. */
  public List<String> execute() {
    warehouse.requireRound(Table.ESTIMATES, survey.round());
    PublishedResults results = PublishedResults.read(warehouse, survey.round());
    Path folder = warehouse.reports(survey.round());
    // All reports or none: they are staged and moved into place together.
    return warehouse.allOrNothing(List.of(), () -> {
      try (PdfPrinter printer = pdfPrinter.isPresent() ? pdfPrinter.get().startPrinting() : null) {
        return write(results, folder, printer);
      }
    });
  }

  /**
   * Writes the national report, then each municipality's; with a printer, each page's PDF too. The
   * reports are independent: written side by side, one per core (Chromium prints in a tab each).
   */
  private List<String> write(PublishedResults results, Path folder, PdfPrinter printer) throws IOException {
    warehouse.replaceFolder(folder);
    for (String code : results.municipalities()) {
      if (!Municipalities.isKnown(code)) {
        throw new IllegalStateException("published/estimates holds a kommunekode that is not one of the 98; no report is named by it");
      }
    }
    try (DriverTasks<List<String>> tasks = new DriverTasks<>("report")) {
      tasks.submit(() -> write(new Path(folder, "landsrapport_" + survey.round()),
          new ReportContent(results, survey, questionnaire, null), printer));
      for (String code : results.municipalities()) {
        tasks.submit(() -> write(new Path(new Path(folder, code), "rapport_" + code + "_" + survey.round()),
            new ReportContent(results, survey, questionnaire, code), printer));
      }
      return tasks.results().stream().flatMap(List::stream).toList();
    }
  }

  /** One report's files: its HTML page, its workbook and, with a printer, its PDF; returns them. */
  private List<String> write(Path base, ReportContent content, PdfPrinter printer) throws IOException {
    List<String> written = new ArrayList<>();
    FileSystem fs = warehouse.deliverables();
    Path html = base.suffix(".html");
    byte[] page = HtmlReport.render(content).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = fs.create(warehouse.stage(html), true)) {
      out.write(page);
    }
    Path xlsx = base.suffix(".xlsx");
    try (OutputStream out = fs.create(warehouse.stage(xlsx), true)) {
      ReportWorkbook.write(content, out);
    }
    written.add(html.toString());
    written.add(xlsx.toString());
    if (printer != null) {
      Path pdf = base.suffix(".pdf");
      try (OutputStream out = fs.create(warehouse.stage(pdf), true)) {
        out.write(printed(page, printer));
      }
      written.add(pdf.toString());
    }
    return written;
  }

  /** The page printed by Chromium from a private local copy (the warehouse need not be on a local disk). */
  private static byte[] printed(byte[] page, PdfPrinter printer) throws IOException {
    java.nio.file.Path folder = Files.createTempDirectory("jobsurvey-pdf", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    try {
      return printer.print(Files.write(folder.resolve("report.html"), page));
    } finally {
      try (var files = Files.list(folder)) {
        for (java.nio.file.Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(folder);
    }
  }
}
