package dk.jobsurvey.files;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Turns the bytes of a CSV file (a row of Spark's binaryFile source) into its data rows, in a Spark
 * task, with univocity (the parser under Spark's own CSV reader) called directly, so that the row
 * numbers are the file's own lines (blank lines count; a row is numbered by the line it starts on)
 * and a file that cannot be read ends in one problem row instead of failing the job:
 * <ul>
 *   <li>a quote that is never closed (it would swallow the rows after it into one value): a value
 *       that runs over a line which itself looks like a row of the file;</li>
 *   <li>a row with more than {@value #MAX_FIELDS} fields, or a value over {@value #MAX_VALUE_CHARACTERS} characters.</li>
 * </ul>
 * Quotes inside a quoted value are doubled, as Excel writes them. A line ends at \n whether \r
 * comes before it or not (files edited on several machines mix the two); a stray \r is trailing
 * whitespace, which the row rules strip.
 */
final class CsvFileRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** Spark's CSV reader stops at the same number. */
  static final int MAX_FIELDS = 20_480;
  static final int MAX_VALUE_CHARACTERS = 1_000_000;

  private final String charset;
  private final char separator;
  private final int width;
  private final int headerIndex;

  /**
   * @param headerIndex the 0-based line of the header: the lines up to it are skipped
   */
  CsvFileRows(Charset charset, char separator, int width, int headerIndex) {
    this.charset = charset.name();
    this.separator = separator;
    this.width = width;
    this.headerIndex = headerIndex;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    return new LookaheadIterator<>() {
      private CsvParser parser;
      private long lastLine;

      @Override
      protected boolean advance() {
        if (parser == null) {
          if (!files.hasNext()) {
            return false;
          }
          parser = open(files.next().getAs("content"));
          lastLine = 0;
        }
        offer(nextRow());
        return true;
      }

      /** The next data row, a problem row, or null at a blank line, a line above the header or the end of the file. */
      private Row nextRow() {
        long line = lastLine + 1;
        String[] fields;
        try {
          fields = parser.parseNext();
        } catch (TextParsingException e) {
          parser.stopParsing();
          parser = null;
          return TableRows.problem(width, line, tooLarge(line));
        }
        if (fields == null) {
          parser = null;
          return null;
        }
        lastLine = parser.getContext().currentLine();
        if (line <= headerIndex + 1) {
          return null;
        }
        Object[] values = new Object[width];
        boolean anyText = false;
        for (int i = 0; i < fields.length; i++) {
          String value = fields[i];
          if (value != null && value.indexOf('\n') >= 0 && holdsARow(value)) {
            parser.stopParsing();
            parser = null;
            long end = line + value.stripTrailing().chars().filter(c -> c == '\n').count();
            return TableRows.problem(width, line, unclosedQuote(line, end));
          }
          if (i < width) {
            values[i] = value == null || value.isEmpty() ? null : value;
            anyText |= value != null && !TableRows.isBlank(value);
          }
        }
        return anyText ? TableRows.data(values, line, "") : null;
      }
    };
  }

  private CsvParser open(byte[] content) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(separator);
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.getFormat().setLineSeparator("\n");
    settings.setLineSeparatorDetectionEnabled(false);
    settings.setSkipEmptyLines(false);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setMaxColumns(MAX_FIELDS);
    settings.setMaxCharsPerColumn(MAX_VALUE_CHARACTERS);
    settings.setReadInputOnSeparateThread(false); // a task is one thread already, on few cores
    settings.setErrorContentLength(0); // the content of the row would be printed with the error: it may hold a CPR number
    CsvParser parser = new CsvParser(settings);
    Reader reader = new InputStreamReader(new ByteArrayInputStream(content), Charset.forName(charset));
    parser.beginParsing(reader);
    return parser;
  }

  /** A value over several lines, one of which has as many separators as a row of the file: rows read into one value. */
  private boolean holdsARow(String value) {
    for (String line : value.split("\n")) {
      if (width > 1 && line.chars().filter(c -> c == separator).count() >= width - 1) {
        return true;
      }
    }
    return false;
  }

  private static ProblemText unclosedQuote(long line, long end) {
    return new ProblemText("row " + line + ": a quote (\") opened in this row is not closed, so rows " + (line + 1) + "-" + end
        + " would be read into one value; remove the quote or close it, and send the file again",
        "Række " + line + ": et anførselstegn (\") i rækken lukkes ikke, så række " + (line + 1) + "-" + end
        + " ville blive læst som én værdi; fjern eller luk anførselstegnet, og send filen igen");
  }

  private static ProblemText tooLarge(long line) {
    return new ProblemText("row " + line + ": more than " + MAX_FIELDS + " fields or a value of more than " + MAX_VALUE_CHARACTERS
        + " characters; this is not an extract row: check the file and send it again",
        "Række " + line + ": mere end " + MAX_FIELDS + " felter eller en værdi på mere end " + MAX_VALUE_CHARACTERS
        + " tegn; det er ikke en række af et udtræk: kontrollér filen, og send den igen");
  }
}
