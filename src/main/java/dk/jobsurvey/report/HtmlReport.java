package dk.jobsurvey.report;

import dk.jobsurvey.config.Questionnaire;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts and no
 * network resources; an A4 print style so the browser's "print to PDF" gives a clean document.
 */
final class HtmlReport {
  private static final String STYLE = """
      body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1d2733; margin: 2em auto; max-width: 62em; font-size: 11pt; }
      h1 { font-size: 20pt; margin-bottom: 0; } h2 { font-size: 14pt; margin-top: 2em; border-bottom: 2px solid #1f5f8b; }
      .sub { color: #4a5866; margin-top: 0.2em; }
      table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 9.5pt; }
      caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
      th, td { border-bottom: 1px solid #d5dde5; padding: 0.25em 0.4em; text-align: right; vertical-align: top; white-space: nowrap; }
      thead th { background: #eef3f7; white-space: normal; vertical-align: bottom; }
      thead th:first-child { text-align: left; }
      th[scope=row] { text-align: left; font-weight: normal; white-space: normal; min-width: 15em; }
      tr.theme th, tr.theme td { background: #f4f7fa; font-weight: bold; border-top: 1px solid #9fb3c4; }
      td.hidden { color: #7a4f00; font-weight: bold; } .note { color: #4a5866; font-size: 9pt; margin: 0.2em 0; }
      .above { color: #0b6b2f; } .below { color: #a3161a; } .uncertain { color: #4a5866; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      figure { margin: 1em 0; page-break-inside: avoid; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
      figure svg { max-width: 100%; height: auto; }
      dl.questions dt { font-weight: bold; margin-top: 0.4em; } dl.questions dd { margin-left: 1.5em; }
      @page { size: A4; margin: 15mm; }
      @media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { page-break-after: avoid; }
        table { page-break-inside: auto; font-size: 8.5pt; } tr { page-break-inside: avoid; } thead { display: table-header-group; } }
      """;

  private HtmlReport() {}

  static String render(ReportContent content) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\">");
    html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    html.append("<title>").append(escape("Borgerundersøgelse " + content.round() + " – " + content.title())).append("</title>");
    html.append("<style>").append(STYLE).append("</style></head><body>\n<main>\n");
    html.append("<h1>").append(escape(content.title())).append("</h1>");
    html.append("<p class=\"sub\">Borgernes oplevelse af jobcentret – undersøgelsen ").append(escape(content.round()))
        .append("</p>\n");
    html.append("<h2>Resultater i overblik</h2>\n");
    for (ReportContent.Chart chart : content.charts()) {
      String svg = chart.overall() == null
          ? ReportCharts.bars(chart.valueLabel(), chart.upper(), chart.categories(), chart.series())
          : ReportCharts.caterpillar(chart.valueLabel(), chart.upper(), chart.categories(),
              chart.series().keySet().iterator().next(), chart.series().values().iterator().next(), chart.overall(),
              content.nation());
      html.append("<figure><figcaption>").append(escape(chart.title())).append("</figcaption>")
          .append(svg.replaceFirst("<svg ", "<svg role=\"img\" aria-label=\"" + escape(chart.description()) + "\" "))
          .append("</figure>\n");
    }
    html.append("<p class=\"note\">Søjler og prikker viser vægtede skøn; stregerne 95 % konfidensintervaller. Mangler en "
        + "søjle, er tallet skjult (").append(escape(content.wording().tooFewAnswers())).append(") eller der er ingen svar.</p>\n");
    for (ReportTable table : content.tables()) {
      table(html, table, content.wording());
    }
    html.append("<h2>Spørgsmålene</h2>\n<dl class=\"questions\">");
    for (Questionnaire.Item item : content.items()) {
      html.append("<dt>").append(escape(item.id() + " " + item.label())).append("</dt><dd>").append(escape(item.text()))
          .append("</dd>");
    }
    html.append("</dl>\n<h2>Noter</h2>\n");
    for (String note : content.notes()) {
      html.append("<p>").append(escape(note)).append("</p>\n");
    }
    return html.append("</main></body></html>\n").toString();
  }

  private static void table(StringBuilder html, ReportTable table, ReportWording wording) {
    html.append("<h2>").append(escape(table.title())).append("</h2>\n<table><thead><tr>");
    table.headers().forEach(h -> html.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (List<Object> row : table.rows()) {
      boolean theme = row.get(0) instanceof ReportTable.Heading;
      html.append(theme ? "<tr class=\"theme\">" : "<tr>");
      html.append("<th scope=\"row\">").append(escape(String.valueOf(row.get(0)))).append("</th>");
      for (Object value : row.subList(1, row.size())) {
        if (value == ReportTable.HIDDEN) {
          html.append("<td class=\"hidden\">").append(escape(wording.hidden())).append("</td>");
        } else if (value instanceof ReportTable.Figure figure) {
          html.append("<td>").append(escape(figure.number())).append(mark(figure.mark())).append("</td>");
        } else {
          html.append("<td>").append(escape(value == null ? ReportWording.NO_ANSWERS : value.toString())).append("</td>");
        }
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
    for (String note : table.notes()) {
      html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
  }

  /** A mark as a reader sees it, and as a screen reader says it. */
  private static String mark(String mark) {
    return switch (mark) {
      case ReportTable.Marks.ABOVE -> " <span class=\"above\" aria-hidden=\"true\">▲</span><span class=\"sr\">signifikant over</span>";
      case ReportTable.Marks.BELOW -> " <span class=\"below\" aria-hidden=\"true\">▼</span><span class=\"sr\">signifikant under</span>";
      case ReportTable.Marks.UNCERTAIN -> "<span class=\"uncertain\" aria-hidden=\"true\">*</span><span class=\"sr\">usikkert skøn</span>";
      default -> "";
    };
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
