package dk.jobsurvey.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The report as an .xlsx workbook: a sheet per table (numbers as numbers, shares formatted as per
 * cent, marks (▲, ▼, *) in the number format so the cell stays a number, suppressed cells as the
 * text "<5" for min_respondents 5), a sheet of the questions and one of notes. Every sheet prints
 * one page wide (landscape where wide), repeats and freezes its header row, and wraps long text.
 */
final class ReportWorkbook {
  /** Column A holds the short labels (at most 40 characters, Questionnaire.Item.MAX_LABEL_LENGTH). */
  private static final int LABEL_WIDTH = 42;
  private static final int FIGURE_WIDTH = 13;
  /** Text columns after the label (the statistic, the group): "Andel positive (4-5)" on one line. */
  private static final int TEXT_WIDTH = 22;
  /** Room for a header of four lines; spreadsheets do not grow a row to fit wrapped text they did not write. */
  private static final float HEADER_HEIGHT_POINTS = 54;
  private static final int HEADER_ROW = 2;

  private ReportWorkbook() {}

  static void write(ReportContent content, OutputStream out) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Styles styles = new Styles(workbook);
      for (ReportTable table : content.tables()) {
        Sheet sheet = workbook.createSheet(table.title());
        Row title = sheet.createRow(0);
        cell(title, 0, content.title() + " – " + table.title() + " – " + content.round(), styles.bold);
        Row header = sheet.createRow(HEADER_ROW);
        header.setHeightInPoints(HEADER_HEIGHT_POINTS);
        for (int c = 0; c < table.headers().size(); c++) {
          cell(header, c, table.headers().get(c), styles.header);
        }
        for (int r = 0; r < table.rows().size(); r++) {
          Row row = sheet.createRow(r + HEADER_ROW + 1);
          List<Object> values = table.rows().get(r);
          boolean theme = values.get(0) instanceof ReportTable.Heading;
          for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value instanceof ReportTable.Figure figure) {
              Cell cell = row.createCell(c);
              cell.setCellValue(figure.cellValue());
              cell.setCellStyle(styles.of(figure, theme));
            } else {
              cell(row, c, value == ReportTable.HIDDEN ? content.wording().hidden()
                  : value == null ? ReportWording.NO_ANSWERS : value.toString(), theme ? styles.boldWrap : styles.wrap);
            }
          }
        }
        int next = table.rows().size() + HEADER_ROW + 2;
        for (String note : table.notes()) {
          Row row = sheet.createRow(next++);
          cell(row, 0, note, styles.wrap);
          sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), 0, table.headers().size() - 1));
          row.setHeightInPoints(sheet.getDefaultRowHeightInPoints() * 3);
        }
        sheet.setColumnWidth(0, LABEL_WIDTH * 256);
        for (int c = 1; c < table.headers().size(); c++) {
          boolean text = !table.rows().isEmpty() && table.rows().get(0).get(c) instanceof String;
          sheet.setColumnWidth(c, (text ? TEXT_WIDTH : FIGURE_WIDTH) * 256);
        }
        sheet.createFreezePane(1, HEADER_ROW + 1);
        printSetup(sheet, table.headers().size() > 5, HEADER_ROW);
      }
      textSheet(workbook, styles, "Spørgsmål", "Spørgsmålene: kort navn og spørgsmålet, som det blev stillet",
          content.items().stream().map(i -> List.of(i.id() + " " + i.label(), i.text())).toList());
      textSheet(workbook, styles, "Noter", "Om tallene", content.notes().stream().map(List::of).toList());
      workbook.write(out);
    }
  }

  /** A sheet of text rows (one or two columns), wrapped, one page wide. */
  private static void textSheet(XSSFWorkbook workbook, Styles styles, String name, String heading, List<List<String>> lines) {
    Sheet sheet = workbook.createSheet(name);
    cell(sheet.createRow(0), 0, heading, styles.bold);
    for (int i = 0; i < lines.size(); i++) {
      Row row = sheet.createRow(i + 2);
      for (int c = 0; c < lines.get(i).size(); c++) {
        cell(row, c, lines.get(i).get(c), styles.wrap);
      }
    }
    boolean twoColumns = lines.stream().anyMatch(l -> l.size() > 1);
    sheet.setColumnWidth(0, (twoColumns ? LABEL_WIDTH : 110) * 256);
    if (twoColumns) {
      sheet.setColumnWidth(1, 80 * 256);
    }
    printSetup(sheet, true, -1);
  }

  /** A4, one page wide and as many tall as needed, the header row repeated on every page. */
  private static void printSetup(Sheet sheet, boolean landscape, int headerRow) {
    PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setLandscape(landscape);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    sheet.setMargin(Sheet.LeftMargin, 0.4);
    sheet.setMargin(Sheet.RightMargin, 0.4);
    if (headerRow >= 0) {
      sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
    }
  }

  private static void cell(Row row, int column, String text, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(text);
    if (style != null) {
      cell.setCellStyle(style);
    }
  }

  /** The cell styles of the workbook; figure styles by kind, mark and weight, made once each. */
  private static final class Styles {
    final CellStyle bold;
    final CellStyle boldWrap;
    final CellStyle header;
    final CellStyle wrap;
    private final XSSFWorkbook workbook;
    private final Font boldFont;
    private final Map<String, CellStyle> figures = new HashMap<>();

    Styles(XSSFWorkbook workbook) {
      this.workbook = workbook;
      boldFont = workbook.createFont();
      boldFont.setBold(true);
      bold = workbook.createCellStyle();
      bold.setFont(boldFont);
      wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
      boldWrap = workbook.createCellStyle();
      boldWrap.cloneStyleFrom(wrap);
      boldWrap.setFont(boldFont);
      header = workbook.createCellStyle();
      header.cloneStyleFrom(boldWrap);
      header.setVerticalAlignment(VerticalAlignment.BOTTOM);
      header.setBorderBottom(BorderStyle.THIN);
    }

    CellStyle of(ReportTable.Figure figure, boolean theme) {
      String pattern = switch (figure.kind()) {
        case SHARE -> "0.0%";
        case MEAN -> "0.00";
        case INDEX -> "0.0";
        case COUNT -> "#,##0";
        case SHARE_DIFFERENCE, INDEX_DIFFERENCE -> "+0.0;-0.0;0.0";
        case MEAN_DIFFERENCE -> "+0.00;-0.00;0.00";
      };
      String format = figure.mark().isEmpty() ? pattern : withMark(pattern, figure.mark());
      return figures.computeIfAbsent(format + (theme ? "|bold" : ""), key -> {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        style.setVerticalAlignment(VerticalAlignment.TOP);
        if (theme) {
          style.setFont(boldFont);
        }
        return style;
      });
    }

    /** The mark as literal text after the number, in every section of the format. */
    private static String withMark(String pattern, String mark) {
      return String.join(";", Arrays.stream(pattern.split(";")).map(p -> p + "\" " + mark + "\"").toList());
    }
  }
}
