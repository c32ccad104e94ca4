package dk.jobsurvey.fieldwork;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes one table as the files a municipality's staff open: .xlsx (every cell text, so a CPR
 * keeps its leading zero and a value starting with '=' is never a formula) and .csv in UTF-8 with
 * a byte-order mark and ';' separators, which Danish Excel opens with æ, ø and å intact.
 *
 * <p>Excel evaluates a CSV field that starts like a formula, so a name or link crafted as
 * {@code =HYPERLINK(...)} would run when a caseworker opens the file. Text cells of a .csv get
 * OWASP's defence: a leading apostrophe when the first character is one of {@code = + - @}, tab or
 * carriage return. An SMS gateway must receive phone numbers exactly as they are, so a column
 * declared {@link Column#e164Phone} is written unescaped, and only ever holds E.164 numbers.
 */
final class OutboxFiles {
  /** The first characters that make Excel read a CSV field as a formula (OWASP, CSV injection). */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  /** What a column holds: text, E.164 phone numbers, or whole numbers (a week). */
  enum Kind { TEXT, E164_PHONE, WHOLE_NUMBER }

  /** A column of an outbox file: its header and what it holds. */
  record Column(String header, Kind kind) {
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

    static Column text(String header) {
      return new Column(header, Kind.TEXT);
    }

    /** A column an SMS gateway reads: values must be E.164 numbers and are written as they are. */
    static Column e164Phone(String header) {
      return new Column(header, Kind.E164_PHONE);
    }

    /** A column of whole numbers: a number cell in the workbook, digits in the .csv. */
    static Column wholeNumber(String header) {
      return new Column(header, Kind.WHOLE_NUMBER);
    }

    /** The value as a .csv cell: text neutralised against formulas, a phone or a whole number as it is. */
    private String csvCell(String value) {
      return switch (kind) {
        case TEXT -> neutralised(value);
        case E164_PHONE -> checkedPhone(value);
        case WHOLE_NUMBER -> checkedWhole(value);
      };
    }

    /** The value of an .xlsx text cell, which Excel never evaluates. */
    private String xlsxCell(String value) {
      return kind == Kind.E164_PHONE ? checkedPhone(value) : value;
    }

    private String checkedWhole(String value) {
      if (value == null || !WHOLE.matcher(value).matches()) {
        throw new IllegalArgumentException("Column " + header + " holds whole numbers only");
      }
      return value;
    }

    /** The number itself, or an error that names the column but not the value (it may be someone's number). */
    private String checkedPhone(String value) {
      if (value == null || !E164.matcher(value).matches()) {
        throw new IllegalArgumentException("Column " + header + " holds E.164 phone numbers only (+ and 8-15 digits); "
            + "a value is blank or of another form");
      }
      return value;
    }
  }

  private OutboxFiles() {}

  static void writeXlsx(FileSystem fs, Path file, String sheetName, List<Column> columns, List<List<String>> rows)
      throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
      Sheet sheet = workbook.createSheet(sheetName);
      Row header = sheet.createRow(0);
      for (int c = 0; c < columns.size(); c++) {
        header.createCell(c).setCellValue(columns.get(c).header());
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          if (column.kind() == Kind.WHOLE_NUMBER) {
            row.createCell(c).setCellValue(Long.parseLong(column.checkedWhole(rows.get(r).get(c))));
            continue;
          }
          String value = column.xlsxCell(rows.get(r).get(c));
          if (value != null) {
            row.createCell(c).setCellValue(value);
          }
        }
      }
      try (OutputStream out = fs.create(file, true)) {
        workbook.write(out);
      }
      workbook.dispose();
    }
  }

  static void writeCsv(FileSystem fs, Path file, List<Column> columns, List<List<String>> rows) throws IOException {
    try (Writer writer = new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8)) {
      writer.write('\uFEFF');
      CsvWriter csv = new CsvWriter(writer, csvSettings());
      csv.writeRow(columns.stream().map(column -> neutralised(column.header())).toList());
      for (List<String> row : rows) {
        List<String> cells = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
          cells.add(columns.get(c).csvCell(row.get(c)));
        }
        csv.writeRow(cells);
      }
      csv.close();
    }
  }

  /**
   * ';' between fields and CRLF after each row, as Danish Excel expects; a field is quoted when it
   * holds ';', '"', CR or LF, and is otherwise written exactly as given (no trimming, no rewriting
   * of line breaks inside quotes, and a row of empty values is kept, not skipped).
   */
  private static CsvWriterSettings csvSettings() {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setDelimiter(';');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.getFormat().setLineSeparator("\r\n");
    settings.setQuotationTriggers(';', '"', '\r', '\n');
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setSkipEmptyLines(false);
    return settings;
  }

  /** The text with a leading apostrophe when Excel would read it as a formula; null stays null. */
  private static String neutralised(String text) {
    return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
