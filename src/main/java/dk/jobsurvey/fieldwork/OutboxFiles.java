package dk.jobsurvey.fieldwork;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes one table as the files a municipality's staff open: .xlsx (every cell text, so a CPR
 * keeps its leading zero) and .csv in UTF-8 with a byte-order mark and ';' separators, which
 * Danish Excel opens with æ, ø and å intact.
 */
final class OutboxFiles {
  private OutboxFiles() {}

  static void writeXlsx(FileSystem fs, Path file, String sheetName, List<String> headers, List<List<String>> rows)
      throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
      Sheet sheet = workbook.createSheet(sheetName);
      Row header = sheet.createRow(0);
      for (int c = 0; c < headers.size(); c++) {
        header.createCell(c).setCellValue(headers.get(c));
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int c = 0; c < rows.get(r).size(); c++) {
          String value = rows.get(r).get(c);
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

  static void writeCsv(FileSystem fs, Path file, List<String> headers, List<List<String>> rows) throws IOException {
    try (Writer writer = new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8)) {
      writer.write('\uFEFF');
      CsvWriter csv = new CsvWriter(writer, csvSettings());
      csv.writeRow(headers);
      for (List<String> row : rows) {
        csv.writeRow(row);
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
}
