package dk.jobsurvey.report;

import java.util.List;
import java.util.Locale;

/**
 * A table of a report, rendered alike in the workbook and the HTML page. A cell is text, a
 * {@link Heading} (a theme's row: set apart from its items), a {@link Figure}, {@link #HIDDEN}
 * (suppressed: shown as {@link ReportWording#hidden} with the footnote) or null (no one answered:
 * shown as {@link ReportWording#NO_ANSWERS}). {@code notes} are printed under the table.
 */
record ReportTable(String title, List<String> headers, List<List<Object>> rows, List<String> notes) {
  /** A suppressed figure. */
  static final Object HIDDEN = new Object();
  private static final Locale DANISH = Locale.forLanguageTag("da");

  /**
   * How a number reads: a share (0-1, shown as per cent), a mean, an index (0-100) or a count; the
   * differences as signed percentage points, scale points and index points.
   */
  enum Kind {
    SHARE, MEAN, INDEX, COUNT, SHARE_DIFFERENCE, MEAN_DIFFERENCE, INDEX_DIFFERENCE;

    /** The difference of two figures of this kind. */
    Kind difference() {
      return switch (this) {
        case SHARE -> SHARE_DIFFERENCE;
        case MEAN -> MEAN_DIFFERENCE;
        default -> INDEX_DIFFERENCE;
      };
    }
  }

  /** A first cell that heads a group of rows (a theme above its items). */
  record Heading(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A number, how it reads, and a mark after it (▲, ▼ or * from {@link Marks}; empty for none). */
  record Figure(double value, Kind kind, String mark) {
    Figure(double value, Kind kind) {
      this(value, kind, "");
    }

    /** The number as a reader sees it, without its mark: "51,3 %", "+4,2". */
    String number() {
      return switch (kind) {
        case SHARE -> String.format(DANISH, "%.1f %%", 100 * value);
        case MEAN -> String.format(DANISH, "%.2f", value);
        case INDEX -> String.format(DANISH, "%.1f", value);
        case COUNT -> String.format(DANISH, "%,d", Math.round(value));
        case SHARE_DIFFERENCE -> signed(100 * value, "%+.1f");
        case MEAN_DIFFERENCE -> signed(value, "%+.2f");
        case INDEX_DIFFERENCE -> signed(value, "%+.1f");
      };
    }

    /** "+4,2" or "-0,7"; a difference that rounds to nothing reads "0,0", not "-0,0". */
    private static String signed(double value, String format) {
      String text = String.format(DANISH, format, value);
      return text.matches("[+-]0[,.]0+") ? text.substring(1) : text;
    }

    String text() {
      return mark.isEmpty() ? number() : number() + " " + mark;
    }

    /**
     * The value a spreadsheet cell holds: a difference as it reads (percentage points for a share,
     * rounded to its decimals, so that −0.04 shows "0.0" as on the page, not "-0.0").
     */
    double cellValue() {
      return switch (kind) {
        case SHARE_DIFFERENCE -> rounded(100 * value, 10);
        case INDEX_DIFFERENCE -> rounded(value, 10);
        case MEAN_DIFFERENCE -> rounded(value, 100);
        default -> value;
      };
    }

    private static double rounded(double value, double scale) {
      return Math.round(value * scale) / scale + 0.0;
    }
  }

  /** The marks a figure can carry, and what each means. */
  static final class Marks {
    static final String ABOVE = "▲";
    static final String BELOW = "▼";
    static final String UNCERTAIN = "*";

    private Marks() {}
  }
}
