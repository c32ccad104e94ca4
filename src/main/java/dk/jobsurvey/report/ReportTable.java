package dk.jobsurvey.report;

import java.util.List;

/**
 * A table of a report, rendered alike in the workbook and the HTML page. A cell is text, a
 * {@link Figure}, {@link #HIDDEN} (suppressed: shown as {@link ReportWording#hidden} with the
 * footnote) or null (no one answered: shown as {@link ReportWording#NO_ANSWERS}).
 */
record ReportTable(String title, List<String> headers, List<List<Object>> rows) {
  /** A suppressed figure. */
  static final Object HIDDEN = new Object();

  /** How a number reads: a share (0-1, shown as per cent), a mean, an index (0-100) or a count. */
  enum Kind {
    SHARE, MEAN, INDEX, COUNT
  }

  /** A number and how it reads. */
  record Figure(double value, Kind kind) {
    String text() {
      return switch (kind) {
        case SHARE -> String.format(java.util.Locale.forLanguageTag("da"), "%.1f %%", 100 * value);
        case MEAN -> String.format(java.util.Locale.forLanguageTag("da"), "%.2f", value);
        case INDEX -> String.format(java.util.Locale.forLanguageTag("da"), "%.1f", value);
        case COUNT -> String.format(java.util.Locale.forLanguageTag("da"), "%,d", Math.round(value));
      };
    }
  }
}
