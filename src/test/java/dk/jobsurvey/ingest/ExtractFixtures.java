package dk.jobsurvey.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes small hand-made extracts for tests. CPR numbers in fixtures are substitute numbers or built from parts. */
final class ExtractFixtures {
  private ExtractFixtures() {}

  /** A substitute CPR number (day + 60) built from its parts. */
  static String substitute(int day, int month, int yy, String serial) {
    return String.format("%02d%02d%02d%s", day + 60, month, yy, serial);
  }

  static Path csv(Path dir, String name, Charset charset, List<String> headers, List<List<Object>> rows) throws IOException {
    StringBuilder text = new StringBuilder(String.join(";", headers)).append('\n');
    for (List<Object> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          text.append(';');
        }
        text.append(row.get(i) == null ? "" : row.get(i).toString());
      }
      text.append('\n');
    }
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, text.toString().getBytes(charset));
    return file;
  }

  /** Strings as text cells, {@link LocalDate} as real date cells, {@link Long} as number cells. */
  static Path xlsx(Path dir, String name, List<String> headers, List<List<Object>> rows) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      CellStyle date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("dd-mm-yyyy"));
      Sheet sheet = workbook.createSheet("Ark1");
      Row header = sheet.createRow(0);
      for (int c = 0; c < headers.size(); c++) {
        header.createCell(c).setCellValue(headers.get(c));
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object value = rows.get(r).get(c);
          if (value instanceof LocalDate day) {
            Cell cell = row.createCell(c);
            cell.setCellValue(day);
            cell.setCellStyle(date);
          } else if (value instanceof Long number) {
            row.createCell(c).setCellValue(number);
          } else if (value != null) {
            row.createCell(c).setCellValue(value.toString());
          }
        }
      }
      workbook.write(out);
    }
    return file;
  }
}
