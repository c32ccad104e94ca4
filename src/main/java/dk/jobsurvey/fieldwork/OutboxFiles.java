package dk.jobsurvey.fieldwork;

import java.io.BufferedWriter;
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
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8))) {
      writer.write('\uFEFF');
      writer.write(line(headers));
      for (List<String> row : rows) {
        writer.write(line(row));
      }
    }
  }

  private static String line(List<String> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(';');
      }
      String value = values.get(i) == null ? "" : values.get(i);
      boolean quote = value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
      line.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
    }
    return line.append("\r\n").toString();
  }
}
