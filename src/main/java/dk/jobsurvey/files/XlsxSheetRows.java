package dk.jobsurvey.files;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Iterator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Turns the bytes of .xlsx workbooks (rows of Spark's binaryFile source) into their data rows, in a
 * Spark task: the rows below the header row of each chosen sheet (found on the driver already),
 * cells as text, as Excel shows them (DataFormatter), the first {@code width} columns, then the row
 * number as the analyst sees it in Excel and the sheet's part of the source name ("" for the first
 * sheet read, " [Ark2]" for further sheets with the same header). Rows with no text are skipped.
 * A date cell is read from its value, as an ISO date (time), never from its display format (Excel
 * shows the same date as 1/15/23 or 15-01-2023 by the reader's locale). A workbook that breaks off
 * (truncated, malformed XML) ends in a problem row ({@link TableRows}), so the other files are read.
 *
 * <p>This is the streaming reader spark-excel itself uses (excel-streaming-reader), called directly:
 * in the ingest benchmark spark-excel's data source took about seven times its reader's own time per
 * row, which put the national ingest over its budget.
 */
final class XlsxSheetRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final int ROW_CACHE = 100;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final int width;
  private final int[] sheets;
  private final int[] headerRows;

  /**
   * @param sheets the indexes of the sheets to read, in order
   * @param headerRows for each, the 0-based index of its header row (the rows up to it are skipped)
   */
  XlsxSheetRows(int width, int[] sheets, int[] headerRows) {
    this.width = width;
    this.sheets = sheets.clone();
    this.headerRows = headerRows.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> workbooks) {
    return new LookaheadIterator<>() {
      private final DataFormatter formatter = formatter();
      private Workbook workbook;
      private int sheet = sheets.length;
      private String part = "";
      private Iterator<org.apache.poi.ss.usermodel.Row> rows = Collections.emptyIterator();
      private byte[] content;

      @Override
      protected boolean advance() {
        try {
          return step();
        } catch (RuntimeException e) {
          // The rest of this workbook cannot be read: a problem row, then the next workbook.
          long row = lastReadableRow(content);
          offer(TableRows.problem(width, row + 1, unreadable(row + 1, e)));
          try {
            close();
          } catch (RuntimeException closing) {
            workbook = null; // a broken workbook may fail to close as well; its bytes are in memory only
          }
          sheet = sheets.length;
          rows = Collections.emptyIterator();
          return true;
        }
      }

      /** Moves to the next data row, sheet or workbook; false at the end of the last workbook. */
      private boolean step() {
        if (rows.hasNext()) {
          org.apache.poi.ss.usermodel.Row row = rows.next();
          if (row.getRowNum() > headerRows[sheet]) {
            offer(dataRow(row, formatter, part));
          }
        } else if (workbook != null && sheet + 1 < sheets.length) {
          sheet++;
          Sheet current = workbook.getSheetAt(sheets[sheet]);
          part = sheet == 0 ? "" : " [" + current.getSheetName() + "]";
          rows = current.rowIterator();
        } else if (workbooks.hasNext()) {
          close();
          content = workbooks.next().getAs("content");
          workbook = open(content, ROW_CACHE);
          sheet = -1;
          rows = Collections.emptyIterator();
        } else {
          close();
          return false;
        }
        return true;
      }

      private void close() {
        if (workbook != null) {
          try {
            workbook.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          workbook = null;
        }
      }
    };
  }

  private static ProblemText unreadable(long row, RuntimeException e) {
    String failure = e.getClass().getSimpleName();
    return new ProblemText("the workbook breaks off after row " + (row - 1) + " (corrupt or truncated: " + failure
        + "); save it again from Excel and send it again",
        "Projektmappen holder op efter række " + (row - 1) + " (beskadiget eller afkortet: " + failure
        + "); gem den igen fra Excel, og send den igen");
  }

  /** Cells as Excel shows them; a formula cell shows the result Excel saved with it, not the formula. */
  static DataFormatter formatter() {
    DataFormatter formatter = new DataFormatter();
    formatter.setUseCachedValuesForFormulaCells(true);
    return formatter;
  }

  private static Workbook open(byte[] content, int rowCache) {
    return open(new ByteArrayInputStream(content), rowCache, BUFFER_BYTES);
  }

  /**
   * Largest part of a workbook (a sheet's XML, unpacked) held in memory. POI's default, 100 MB, is
   * about 100,000 extract rows on one sheet, which a large municipality's extract can pass (10× Copenhagen's is
   * 283 MB); beyond 1 GiB the workbook is rejected, with a message that says so.
   */
  static final int MAX_PART_BYTES = 1 << 30;

  /**
   * Opens a workbook in memory: a temporary copy on disk would hold every CPR number of the file,
   * outside restricted/. Every .xlsx is opened here, on the driver and in Spark tasks.
   */
  static Workbook open(java.io.InputStream in, int rowCache, int bufferBytes) {
    // POI's one public setting for it; it raises the cap of every array POI reads in this JVM.
    org.apache.poi.util.IOUtils.setByteArrayMaxOverride(MAX_PART_BYTES);
    return StreamingReader.builder().setAvoidTempFiles(true).rowCacheSize(rowCache).bufferSize(bufferBytes).open(in);
  }

  /**
   * The last row of the chosen sheets that can be read (1-based; 0 when none), found by reading the
   * workbook again one row at a time: rows are parsed {@value #ROW_CACHE} at a time, so the
   * failure surfaced some rows before the row that broke. Only for a workbook that failed.
   */
  private long lastReadableRow(byte[] content) {
    long last = 0;
    try (Workbook again = open(content, 1)) {
      for (int chosen : sheets) {
        for (org.apache.poi.ss.usermodel.Row row : again.getSheetAt(chosen)) {
          last = row.getRowNum() + 1;
        }
      }
    } catch (IOException | RuntimeException e) {
      return last; // where it broke, as the first reading did
    }
    return last;
  }

  /** The row's cells as text, its row number and the sheet's part of the name, or null for a row with no text. */
  private Row dataRow(org.apache.poi.ss.usermodel.Row row, DataFormatter formatter, String part) {
    Object[] values = new Object[width];
    boolean anyText = false;
    for (Cell cell : row) {
      int column = cell.getColumnIndex();
      if (column < width) {
        String text = text(cell, formatter);
        values[column] = text.isEmpty() ? null : text;
        anyText |= !TableRows.isBlank(text);
      }
    }
    return anyText ? TableRows.data(values, (long) row.getRowNum() + 1, part) : null;
  }

  /** A date cell as yyyy-MM-dd (with HH:mm:ss when it has a time), any other cell as Excel shows it. */
  static String text(Cell cell, DataFormatter formatter) {
    if (cell.getCellType() == CellType.STRING) {
      // DataFormatter shows a text cell as the XML-decoded text of a new rich text string built from it (an XMLBeans
      // object per cell, a third of the national ingest's parsing); the text is the same unless it holds a
      // "_xHHHH_" escape, which only POI's decoding reads.
      String text = cell.getStringCellValue();
      if (!text.contains("_x")) {
        return text;
      }
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      LocalDateTime value = cell.getLocalDateTimeCellValue();
      return value.toLocalTime().equals(LocalTime.MIDNIGHT) ? value.toLocalDate().toString()
          : value.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
    return formatter.formatCellValue(cell);
  }
}
