package dk.jobsurvey.report;

import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts and no
 * network resources; an A4 print style so the browser's "print to PDF" gives a clean document.
 */
final class HtmlReport {
  private static final String STYLE = """
      body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1d2733; margin: 2em auto; max-width: 60em; font-size: 11pt; }
      h1 { font-size: 20pt; margin-bottom: 0; } h2 { font-size: 14pt; margin-top: 2em; border-bottom: 2px solid #1f5f8b; }
      .sub { color: #5b6b7a; margin-top: 0.2em; }
      table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 9.5pt; }
      th, td { border-bottom: 1px solid #d5dde5; padding: 0.25em 0.4em; text-align: right; vertical-align: top; }
      th:first-child, td:first-child { text-align: left; } th { background: #eef3f7; }
      td.hidden { color: #8a5a00; font-weight: bold; } .note { color: #5b6b7a; font-size: 9pt; }
      figure { margin: 1em 0; page-break-inside: avoid; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
      @page { size: A4; margin: 15mm; }
      @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } table { page-break-inside: auto; } }
      """;

  private HtmlReport() {}

  static String render(ReportContent content) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">");
    html.append("<title>").append(escape("Borgerundersøgelse " + content.round() + " – " + content.title())).append("</title>");
    html.append("<style>").append(STYLE).append("</style></head><body>\n");
    html.append("<h1>").append(escape(content.title())).append("</h1>");
    html.append("<p class=\"sub\">Borgernes oplevelse af jobcentret – undersøgelsen ").append(escape(content.round()))
        .append("</p>\n");
    html.append("<h2>Resultater i overblik</h2>\n");
    for (ReportContent.Chart chart : content.charts()) {
      html.append("<figure><figcaption>").append(escape(chart.title())).append("</figcaption>")
          .append(ReportCharts.bars(chart.valueLabel(), chart.upper(), chart.categories(), chart.series()))
          .append("</figure>\n");
    }
    html.append("<p class=\"note\">Søjlerne viser vægtede skøn; stregerne 95 % konfidensintervaller. Mangler en søjle, "
        + "er tallet skjult (").append(escape(content.wording().tooFewAnswers())).append(") eller der er ingen svar.</p>\n");
    for (ReportTable table : List.of(content.responseRates(), content.results(), content.byGroup())) {
      table(html, table, content.wording());
    }
    html.append("<h2>Noter</h2>\n");
    for (String note : content.notes()) {
      html.append("<p>").append(escape(note)).append("</p>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static void table(StringBuilder html, ReportTable table, ReportWording wording) {
    html.append("<h2>").append(escape(table.title())).append("</h2>\n<table><thead><tr>");
    table.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (List<Object> row : table.rows()) {
      html.append("<tr>");
      for (Object value : row) {
        if (value == ReportTable.HIDDEN) {
          html.append("<td class=\"hidden\">").append(escape(wording.hidden())).append("</td>");
        } else if (value instanceof ReportTable.Figure figure) {
          html.append("<td>").append(escape(figure.text())).append("</td>");
        } else {
          html.append("<td>").append(escape(value == null ? ReportWording.NO_ANSWERS : value.toString())).append("</td>");
        }
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table><p class=\"note\">").append(escape(wording.footnote())).append("</p>\n");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
