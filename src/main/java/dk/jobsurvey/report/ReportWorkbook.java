package dk.jobsurvey.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The report as an .xlsx workbook: a sheet per table (numbers as numbers, shares formatted as per
 * cent, suppressed cells as the text "<5" for min_respondents 5), and a sheet of notes on weighting and suppression.
 */
final class ReportWorkbook {
  private ReportWorkbook() {}

  static void write(ReportContent content, OutputStream out) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Styles styles = new Styles(workbook);
      for (ReportTable table : List.of(content.responseRates(), content.results(), content.byGroup())) {
        Sheet sheet = workbook.createSheet(table.title());
        Row title = sheet.createRow(0);
        cell(title, 0, content.title() + " – " + table.title() + " – " + content.round(), styles.bold);
        Row header = sheet.createRow(2);
        for (int c = 0; c < table.headers().size(); c++) {
          cell(header, c, table.headers().get(c), styles.bold);
        }
        for (int r = 0; r < table.rows().size(); r++) {
          Row row = sheet.createRow(r + 3);
          List<Object> values = table.rows().get(r);
          for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value instanceof ReportTable.Figure figure) {
              Cell cell = row.createCell(c);
              cell.setCellValue(figure.value());
              cell.setCellStyle(styles.of(figure.kind()));
            } else {
              cell(row, c, value == ReportTable.HIDDEN ? content.wording().hidden()
                  : value == null ? ReportWording.NO_ANSWERS : value.toString(), null);
            }
          }
        }
        cell(sheet.createRow(table.rows().size() + 4), 0, content.wording().footnote(), null);
        sheet.setColumnWidth(0, 60 * 256);
        for (int c = 1; c < table.headers().size(); c++) {
          sheet.setColumnWidth(c, 18 * 256);
        }
      }
      Sheet notes = workbook.createSheet("Noter");
      cell(notes.createRow(0), 0, "Om tallene", styles.bold);
      List<String> lines = content.notes();
      for (int i = 0; i < lines.size(); i++) {
        cell(notes.createRow(i + 2), 0, lines.get(i), styles.wrap);
      }
      notes.setColumnWidth(0, 120 * 256);
      workbook.write(out);
    }
  }

  private static void cell(Row row, int column, String text, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(text);
    if (style != null) {
      cell.setCellStyle(style);
    }
  }

  /** The few cell styles of the workbook. */
  private static final class Styles {
    final CellStyle bold;
    final CellStyle wrap;
    final CellStyle share;
    final CellStyle mean;
    final CellStyle index;
    final CellStyle count;

    Styles(XSSFWorkbook workbook) {
      Font boldFont = workbook.createFont();
      boldFont.setBold(true);
      bold = workbook.createCellStyle();
      bold.setFont(boldFont);
      wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      share = format(workbook, "0.0%");
      mean = format(workbook, "0.00");
      index = format(workbook, "0.0");
      count = format(workbook, "#,##0");
    }

    private static CellStyle format(XSSFWorkbook workbook, String pattern) {
      CellStyle style = workbook.createCellStyle();
      style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
      return style;
    }

    CellStyle of(ReportTable.Kind kind) {
      return switch (kind) {
        case SHARE -> share;
        case MEAN -> mean;
        case INDEX -> index;
        case COUNT -> count;
      };
    }
  }
}
