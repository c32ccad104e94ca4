package dk.jobsurvey.ingest;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.files.DriverTasks;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.files.ProblemText;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Row;

/**
 * One data-quality workbook per municipality, in Danish, for the analyst to send back: the
 * municipality's files with their counts, and its problem rows by file and row number (never the
 * values themselves). Written to restricted/outbox/ROUND/KOMMUNEKODE/ beside the mail-merge files,
 * staged with the ingest step's tables ({@link Warehouse#stage}).
 *
 * <p>Danish throughout. A problem row's detail is the Danish text the row rules write beside the
 * English one ({@link ProblemText}; analysis/quarantine keeps the English), and a rejected file's
 * problem is the Danish text of its {@link FileRejection} (published/data_quality keeps the
 * English), so every message has its translation where it is made.
 *
 * <p>Made to be read on screen and on paper: counts are numeric cells, each column is as wide as its
 * longest text (longer text wraps, at {@value #WIDEST} characters or fewer), the header row is bold,
 * frozen and repeated on every printed page, each page names the municipality, and each sheet
 * prints A4 landscape, one page wide.
 *
 * <p>Cost: quarantined rows stream from the quarantine table in order, one partition at a time; one
 * municipality's rows are held while its workbook is written.
 */
public final class DataQualityWorkbooks {
  static final Map<String, String> REASON_LABELS = Map.of(
      "invalid_cpr", "Ugyldigt CPR-nummer",
      "invalid_date", "Ugyldig eller manglende dato",
      "future_date", "Dato efter statusdatoen",
      "missing_benefit", "Ydelse mangler",
      "invalid_yes_no", "Ugyldig ja/nej-værdi",
      "unknown_municipality", "Ukendt kommunekode",
      "total_line", "Sumlinje, ikke en borger");

  /** Characters of the widest column, as wide as the longest row detail: longer text wraps. */
  private static final int WIDEST = 70;
  /** Characters of a file's problem: narrower, as the overview has many columns to print on one page. */
  private static final int FILE_PROBLEM_WIDTH = 40;
  /** Points per line of 11-point text, for rows whose text wraps. */
  private static final float LINE_HEIGHT = 15f;

  private static final List<Column> OVERVIEW_COLUMNS = List.of(
      new Column("source_file", "Fil"), new Column("file_status", "Status"),
      new Column("file_problem", "Problem med filen", FILE_PROBLEM_WIDTH), new Column("rows_read", "Rækker læst"),
      new Column("rows_accepted", "Rækker godkendt"), new Column("rows_quarantined", "Rækker afvist"),
      new Column("invalid_cpr", "Ugyldigt CPR-nummer"), new Column("invalid_date", "Ugyldig dato"),
      new Column("future_date", "Dato efter statusdato"), new Column("missing_benefit", "Ydelse mangler"),
      new Column("invalid_yes_no", "Ugyldig ja/nej"), new Column("unknown_municipality", "Ukendt kommunekode"),
      new Column("cpr_repaired", "CPR rettet (manglende foranstillet 0)"),
      new Column("excluded_unknown_benefit", "Ukendt ydelse"), new Column("excluded_duplicate", "Dubletter"),
      new Column("eligible", "Med i undersøgelsen"));
  private static final List<Column> PROBLEM_COLUMNS = List.of(new Column("source_file", "Fil"),
      new Column("source_row", "Række"), new Column("reason_code", "Årsag"), new Column("reason_detail_dansk", "Detalje"));

  /** How each column of a file was found, which were not used, and what each missing one costs. */
  private static final List<Column> COLUMN_COLUMNS = List.of(new Column("source_file", "Fil"), new Column("kind", "Kolonnen er"),
      new Column("entry", "Kolonne ← overskrift i filen (fundet ved), eller hvad det betyder"));
  private static final String[][] COLUMN_KINDS = {{"columns_matched", "fundet"}, {"columns_unused", "ikke brugt"},
      {"columns_missing", "mangler"}};

  /** A column of a sheet: the field of the row it shows, its Danish title, and how wide it may grow. */
  private record Column(String field, String title, int widest) {
    Column(String field, String title) {
      this(field, title, WIDEST);
    }
  }

  private DataQualityWorkbooks() {}

  /**
   * @param dataQuality published/data_quality rows of the round
   * @param rejected the round's rejected files, for their problems in Danish
   * @param problems quarantine rows of the round sorted by kommunekode, source_file, source_row,
   *     with reason_detail_dansk
   * @return the files written
   */
  public static List<Path> write(Warehouse warehouse, String round, List<Row> dataQuality, List<FileRejection> rejected,
      Iterator<Row> problems) throws IOException {
    List<Path> written = new ArrayList<>();
    writeAll(round, dataQuality, rejected, problems, (code, name) -> {
      Path file = new Path(warehouse.outbox(round, code), name);
      synchronized (written) {
        written.add(file);
      }
      return warehouse.deliverables().create(warehouse.stage(file), true);
    });
    // Written side by side: listed in code order, as the workbooks are named.
    written.sort(java.util.Comparator.comparing(Path::toString));
    return written;
  }

  /** The same workbooks in a plain folder, for the preflight check (check-extract), which writes no warehouse. */
  public static List<java.nio.file.Path> writeTo(java.nio.file.Path folder, String round, List<Row> dataQuality,
      List<FileRejection> rejected, Iterator<Row> problems) throws IOException {
    List<java.nio.file.Path> written = new ArrayList<>();
    writeAll(round, dataQuality, rejected, problems, (code, name) -> {
      java.nio.file.Path file = folder.resolve(name);
      synchronized (written) {
        written.add(file);
      }
      return java.nio.file.Files.newOutputStream(file);
    });
    java.util.Collections.sort(written);
    return written;
  }

  /** Where one municipality's workbook is written. */
  @FunctionalInterface
  private interface Destination {
    OutputStream open(String kommunekode, String fileName) throws IOException;
  }

  private static void writeAll(String round, List<Row> dataQuality, List<FileRejection> rejected, Iterator<Row> problems,
      Destination destination) throws IOException {
    Map<String, List<Row>> filesByMunicipality = new LinkedHashMap<>();
    for (Row row : dataQuality) {
      String code = row.getAs("kommunekode");
      if (code != null) {
        filesByMunicipality.computeIfAbsent(code, c -> new ArrayList<>()).add(row);
      }
    }
    Map<String, String> fileProblems = new HashMap<>();
    rejected.forEach(rejection -> fileProblems.put(rejection.file(), rejection.problemDansk()));
    Row pending = problems.hasNext() ? problems.next() : null;
    // Each workbook is written on a free core while the next municipality's problems arrive.
    try (DriverTasks<String> tasks = new DriverTasks<>("data-quality workbooks")) {
      writeEach(round, filesByMunicipality, fileProblems, problems, pending, destination, tasks);
    }
  }

  private static void writeEach(String round, Map<String, List<Row>> filesByMunicipality, Map<String, String> fileProblems,
      Iterator<Row> problems, Row first, Destination destination, DriverTasks<String> tasks) throws IOException {
    Row pending = first;
    for (Map.Entry<String, List<Row>> entry : filesByMunicipality.entrySet()) {
      String code = entry.getKey();
      while (pending != null && compare(pending.getAs("kommunekode"), code) < 0) {
        pending = problems.hasNext() ? problems.next() : null;
      }
      List<Row> own = new ArrayList<>();
      while (pending != null && code.equals(pending.getAs("kommunekode"))) {
        own.add(pending);
        pending = problems.hasNext() ? problems.next() : null;
      }
      tasks.submit(() -> {
        try (OutputStream out = destination.open(code, "datakvalitet_" + code + "_" + round + ".xlsx")) {
          write(out, code, round, entry.getValue(), fileProblems, own);
        }
        return code;
      });
    }
    tasks.results();
  }

  private static int compare(String a, String b) {
    return a == null ? -1 : a.compareTo(b);
  }

  /**
   * Writes one municipality's workbook.
   *
   * @param files its published/data_quality rows
   * @param fileProblems the Danish problem of each rejected file, by file name
   * @param problems its quarantine rows in order, with reason_detail_dansk
   */
  static void write(OutputStream out, String code, String round, List<Row> files, Map<String, String> fileProblems,
      List<Row> problems) throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
      Styles styles = new Styles(workbook);
      String name = Municipalities.byCode(code).map(Municipalities.Municipality::name).orElse(code);

      Sheet overview = workbook.createSheet("Oversigt");
      var title = overview.createRow(0).createCell(0);
      title.setCellValue("Datakvalitet i populationsudtrækket: " + name + " (" + code + "), runde " + round);
      title.setCellStyle(styles.title);
      var note = overview.createRow(1).createCell(0);
      note.setCellValue("Afviste rækker er ikke med i undersøgelsen. Se fanen Problemrækker "
          + "for fil og rækkenummer; ret dem i jeres system, og send gerne et nyt udtræk.");
      note.setCellStyle(styles.plain);
      List<List<Object>> fileLines = new ArrayList<>();
      for (Row row : files) {
        List<Object> line = new ArrayList<>();
        for (Column column : OVERVIEW_COLUMNS) {
          line.add(switch (column.field()) {
            case "file_status" -> "read".equals(row.getAs("file_status")) ? "Indlæst" : "Afvist";
            case "file_problem" -> row.getAs("file_problem") == null ? null : fileProblems.get(row.<String>getAs("source_file"));
            default -> row.getAs(column.field());
          });
        }
        fileLines.add(line);
      }
      table(overview, 3, 1, OVERVIEW_COLUMNS, fileLines, styles);

      Sheet rows = workbook.createSheet("Problemrækker");
      List<List<Object>> problemLines = new ArrayList<>();
      for (Row problem : problems) {
        String reason = problem.getAs("reason_code");
        problemLines.add(Arrays.asList(problem.getAs("source_file"), problem.getAs("source_row"),
            REASON_LABELS.getOrDefault(reason, reason), problem.getAs("reason_detail_dansk")));
      }
      table(rows, 0, 0, PROBLEM_COLUMNS, problemLines, styles);
      if (problems.isEmpty()) {
        var none = rows.createRow(1).createCell(0);
        none.setCellValue("Ingen afviste rækker.");
        none.setCellStyle(styles.plain);
      }
      Sheet columnSheet = workbook.createSheet("Kolonner");
      List<List<Object>> columnLines = new ArrayList<>();
      for (Row row : files) {
        for (String[] kind : COLUMN_KINDS) {
          String entries = row.getAs(kind[0]);
          if (entries != null && !entries.isEmpty()) {
            for (String entry : entries.split("; ")) {
              columnLines.add(Arrays.asList(row.getAs("source_file"), kind[1], entry));
            }
          }
        }
      }
      table(columnSheet, 0, 0, COLUMN_COLUMNS, columnLines, styles);
      // On paper every page says whose it is, which sheet (&A) and which page (&P of &N).
      for (Sheet sheet : workbook) {
        sheet.getHeader().setLeft("Datakvalitet: " + name + " (" + code + "), runde " + round);
        sheet.getHeader().setRight("&A");
        sheet.getFooter().setCenter("Side &P af &N");
      }
      workbook.write(out);
      workbook.dispose();
    }
  }

  /**
   * A table with its header row at {@code top}: text and numeric cells, columns as wide as their
   * longest text, the header and {@code frozenColumns} columns frozen, and the print setup.
   */
  private static void table(Sheet sheet, int top, int frozenColumns, List<Column> columns, List<List<Object>> lines,
      Styles styles) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      for (String word : columns.get(c).title().split(" ")) {
        widths[c] = Math.max(widths[c], boldWidth(word));
      }
      for (List<Object> line : lines) {
        widths[c] = Math.max(widths[c], Math.min(columns.get(c).widest(), shown(line.get(c)).length()));
      }
      sheet.setColumnWidth(c, (widths[c] + 2) * 256);
    }
    var header = sheet.createRow(top);
    int headerLines = 1;
    for (int c = 0; c < columns.size(); c++) {
      int column = c;
      boolean counts = lines.stream().anyMatch(line -> line.get(column) instanceof Number);
      var cell = header.createCell(c);
      cell.setCellValue(columns.get(c).title());
      cell.setCellStyle(counts ? styles.countHeader : styles.header);
      // The column's two characters of padding leave room for about one more bold character.
      headerLines = Math.max(headerLines, lines(columns.get(c).title(), widths[c] + 1));
    }
    header.setHeightInPoints(headerLines * LINE_HEIGHT);
    int r = top + 1;
    for (List<Object> line : lines) {
      var row = sheet.createRow(r++);
      int rowLines = 1;
      for (int c = 0; c < columns.size(); c++) {
        Object value = line.get(c);
        if (value instanceof Number number) {
          var cell = row.createCell(c);
          cell.setCellValue(number.doubleValue());
          cell.setCellStyle(styles.count);
        } else if (value != null) {
          var cell = row.createCell(c);
          cell.setCellValue(value.toString());
          cell.setCellStyle(styles.text);
          // Text averages narrower than a digit, the unit of column widths: about 11 characters per 10.
          rowLines = Math.max(rowLines, lines(value.toString(), (widths[c] + 2) * 11 / 10));
        }
      }
      if (rowLines > 1) {
        row.setHeightInPoints(rowLines * LINE_HEIGHT);
      }
    }
    sheet.createFreezePane(frozenColumns, top + 1);
    sheet.setRepeatingRows(new CellRangeAddress(top, top, -1, -1));
    sheet.setFitToPage(true);
    PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setLandscape(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setMargin(PageMargin.LEFT, 0.4);
    sheet.setMargin(PageMargin.RIGHT, 0.4);
  }

  /** A value as a reader sees it: counts with thousands separators. */
  private static String shown(Object value) {
    if (value instanceof Number number) {
      return String.format(Locale.ROOT, "%,d", number.longValue());
    }
    return value == null ? "" : value.toString();
  }

  /** A word of a bold header, in characters of normal text (bold is about a tenth wider). */
  private static int boldWidth(String word) {
    return (word.length() * 11 + 9) / 10;
  }

  /** Lines {@code text} takes when wrapped at word boundaries in {@code width} characters. */
  private static int lines(String text, int width) {
    int lines = 1;
    int used = 0;
    for (String word : text.split(" ")) {
      int needed = used == 0 ? word.length() : used + 1 + word.length();
      if (used > 0 && needed > width) {
        lines++;
        used = word.length();
      } else {
        used = needed;
      }
      while (used > width) {
        lines++;
        used -= width;
      }
    }
    return lines;
  }

  /**
   * The workbook's cell styles: one of each, as a workbook holds a limited number. Every style names
   * its font: the default font refers to a theme the streaming workbook does not write, and
   * LibreOffice then falls back to another typeface.
   */
  private static final class Styles {
    final CellStyle plain;
    final CellStyle title;
    final CellStyle header;
    final CellStyle countHeader;
    final CellStyle text;
    final CellStyle count;

    Styles(Workbook workbook) {
      Font normal = workbook.createFont();
      plain = workbook.createCellStyle();
      plain.setFont(normal);
      Font large = workbook.createFont();
      large.setBold(true);
      large.setFontHeightInPoints((short) 14);
      title = workbook.createCellStyle();
      title.setFont(large);
      Font bold = workbook.createFont();
      bold.setBold(true);
      header = bordered(workbook);
      header.setFont(bold);
      header.setWrapText(true);
      header.setVerticalAlignment(VerticalAlignment.BOTTOM);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      countHeader = workbook.createCellStyle();
      countHeader.cloneStyleFrom(header);
      countHeader.setAlignment(HorizontalAlignment.RIGHT);
      text = bordered(workbook);
      text.setFont(normal);
      text.setWrapText(true);
      text.setVerticalAlignment(VerticalAlignment.TOP);
      count = bordered(workbook);
      count.setFont(normal);
      count.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
      count.setVerticalAlignment(VerticalAlignment.TOP);
    }

    /** Thin grey lines around a table cell, so columns stay apart on paper. */
    private static CellStyle bordered(Workbook workbook) {
      CellStyle style = workbook.createCellStyle();
      short grey = IndexedColors.GREY_40_PERCENT.getIndex();
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      style.setTopBorderColor(grey);
      style.setBottomBorderColor(grey);
      style.setLeftBorderColor(grey);
      style.setRightBorderColor(grey);
      return style;
    }
  }
}
