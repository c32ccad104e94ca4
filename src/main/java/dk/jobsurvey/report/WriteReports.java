package dk.jobsurvey.report;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The report step: from published/ only, a workbook and an HTML page per municipality and for the
 * nation, under {@code <warehouse>/published/reports/<round>/} (one folder per municipality, as the
 * outbox has, plus {@code landsrapport_<round>.*}).
 *
 * <p>Needs published/estimates for the round (tabulate). Cost: a small read of published/ (a few
 * thousand rows), then per municipality an HTML page and a workbook written in the driver.
 */
public final class WriteReports {
  private final Survey survey;
  private final Questionnaire questionnaire;
  private final Warehouse warehouse;

  public WriteReports(Survey survey, Questionnaire questionnaire, Warehouse warehouse) {
    this.survey = survey;
    this.questionnaire = questionnaire;
    this.warehouse = warehouse;
  }

  /** Writes every report; returns the files written, national first. */
  public List<String> execute() {
    warehouse.requireRound(Table.ESTIMATES, survey.round());
    PublishedResults results = PublishedResults.read(warehouse, survey.round());
    Path folder = warehouse.reports(survey.round());
    List<String> written = new ArrayList<>();
    // All reports or none: they are staged and moved into place together.
    return warehouse.allOrNothing(List.of(), () -> {
      write(new Path(folder, "landsrapport_" + survey.round()), new ReportContent(results, survey, questionnaire, null), written);
      for (String code : results.municipalities()) {
        if (!Municipalities.isKnown(code)) {
          throw new IllegalStateException("published/estimates holds a kommunekode that is not one of the 98; no report is named by it");
        }
        write(new Path(new Path(folder, code), "rapport_" + code + "_" + survey.round()),
            new ReportContent(results, survey, questionnaire, code), written);
      }
      return written;
    });
  }

  private void write(Path base, ReportContent content, List<String> written) throws IOException {
    FileSystem fs = warehouse.deliverables();
    Path html = base.suffix(".html");
    try (OutputStream out = fs.create(warehouse.stage(html), true)) {
      out.write(HtmlReport.render(content).getBytes(StandardCharsets.UTF_8));
    }
    Path xlsx = base.suffix(".xlsx");
    try (OutputStream out = fs.create(warehouse.stage(xlsx), true)) {
      ReportWorkbook.write(content, out);
    }
    written.add(html.toString());
    written.add(xlsx.toString());
  }
}
