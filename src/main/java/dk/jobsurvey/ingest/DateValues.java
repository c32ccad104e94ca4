package dk.jobsurvey.ingest;

import java.io.Serializable;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads dates as extracts write them: the configured text layouts (strictly: 31-02-2023 is no
 * date) and Excel serial day numbers (a date cell read as a number).
 */
public final class DateValues implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
  /** Serial numbers of 1900-01-01 and 2099-12-31: outside them a number is no date. */
  private static final int FIRST_SERIAL = 2;
  private static final int LAST_SERIAL = 73_050;
  private static final Pattern SERIAL = Pattern.compile("[0-9]{1,5}(\\.0+)?");

  private final List<String> patterns;
  private transient List<DateTimeFormatter> formatters;

  public DateValues(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** The date, or null if the text is no date in any accepted layout. Blank is the caller's concern. */
  public LocalDate parse(String text) {
    String value = text.strip();
    if (SERIAL.matcher(value).matches()) {
      int serial = Integer.parseInt(value.substring(0, value.indexOf('.') < 0 ? value.length() : value.indexOf('.')));
      return serial >= FIRST_SERIAL && serial <= LAST_SERIAL ? EXCEL_EPOCH.plusDays(serial) : null;
    }
    for (DateTimeFormatter formatter : formatters()) {
      // Find the layout without exceptions (they are costly per row); resolve only the match.
      ParsePosition position = new ParsePosition(0);
      if (formatter.parseUnresolved(value, position) != null && position.getIndex() == value.length()) {
        try {
          return LocalDate.parse(value, formatter);
        } catch (DateTimeParseException e) {
          return null; // the layout fits but the day does not exist, like 31-02-2023
        }
      }
    }
    return null;
  }

  private List<DateTimeFormatter> formatters() {
    if (formatters == null) {
      // 'u' is the proleptic year: with STRICT resolution 'y' would need an era.
      formatters = patterns.stream()
          .map(p -> DateTimeFormatter.ofPattern(p.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT))
          .toList();
    }
    return formatters;
  }
}
