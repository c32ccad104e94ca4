package dk.jobsurvey.ingest;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns the bytes of .xlsx workbooks (rows of Spark's binaryFile source) into their data rows, in a
 * Spark task: the rows below the header row of each chosen sheet (found on the driver already),
 * cells as text, as Excel shows them (DataFormatter), the first {@code width} columns, then the row
 * number as the analyst sees it in Excel and the sheet's part of the source name ("" for the first
 * sheet read, " [Ark2]" for further sheets with the same header). Rows with no text are skipped.
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
    return new Iterator<>() {
      private final DataFormatter formatter = formatter();
      private Workbook workbook;
      private int sheet = sheets.length;
      private String part = "";
      private Iterator<org.apache.poi.ss.usermodel.Row> rows = Collections.emptyIterator();
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (rows.hasNext()) {
            org.apache.poi.ss.usermodel.Row row = rows.next();
            if (row.getRowNum() > headerRows[sheet]) {
              next = dataRow(row, formatter, part);
            }
          } else if (workbook != null && sheet + 1 < sheets.length) {
            sheet++;
            Sheet current = workbook.getSheetAt(sheets[sheet]);
            part = sheet == 0 ? "" : " [" + current.getSheetName() + "]";
            rows = current.rowIterator();
          } else if (workbooks.hasNext()) {
            close();
            workbook = open(workbooks.next().getAs("content"));
            sheet = -1;
            rows = Collections.emptyIterator();
          } else {
            close();
            return false;
          }
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
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

  /** Cells as Excel shows them; a formula cell shows the result Excel saved with it, not the formula. */
  static DataFormatter formatter() {
    DataFormatter formatter = new DataFormatter();
    formatter.setUseCachedValuesForFormulaCells(true);
    return formatter;
  }

  /** In memory: the bytes are here already, and a temporary copy on disk would hold every CPR number of the file. */
  private static Workbook open(byte[] content) {
    return StreamingReader.builder().setAvoidTempFiles(true).rowCacheSize(ROW_CACHE).bufferSize(BUFFER_BYTES).open(new ByteArrayInputStream(content));
  }

  /** The row's cells as text, its row number and the sheet's part of the name, or null for a row with no text. */
  private Row dataRow(org.apache.poi.ss.usermodel.Row row, DataFormatter formatter, String part) {
    Object[] values = new Object[width + 2];
    boolean anyText = false;
    for (Cell cell : row) {
      int column = cell.getColumnIndex();
      if (column < width) {
        String text = formatter.formatCellValue(cell);
        values[column] = text.isEmpty() ? null : text;
        anyText |= !text.isBlank();
      }
    }
    if (!anyText) {
      return null;
    }
    values[width] = (long) row.getRowNum() + 1;
    values[width + 1] = part;
    return RowFactory.create(values);
  }
}
