package dk.jobsurvey.files;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a file reader emits in its Spark task: cells c0, c1, ... as text, then {@value
 * #SOURCE_ROW}, {@value #SOURCE_PART} and {@value #READ_PROBLEM}. A file that cannot be read to
 * its end (a truncated workbook, malformed XML, an unclosed quote) ends in one problem row, so that
 * one bad file rejects itself instead of failing the job for every other file.
 */
public final class TableRows {
  /** The row number as the analyst sees it in the file (header = row 1; blank rows count). */
  public static final String SOURCE_ROW = "source_row";
  /** "" or " [sheet name]" for rows of a workbook's further sheets: appended to the source file's name. */
  public static final String SOURCE_PART = "source_part";
  /** Null, or why the file could not be read from this row on: struct of english and dansk. */
  public static final String READ_PROBLEM = "read_problem";
  private static final StructType PROBLEM = new StructType().add("english", DataTypes.StringType, false)
      .add("dansk", DataTypes.StringType, false);

  private TableRows() {}

  /** Every cell a string, named by position: the header row was read already on the driver. */
  static StructType schema(int width) {
    StructType schema = new StructType();
    for (int i = 0; i < width; i++) {
      schema = schema.add("c" + i, DataTypes.StringType, true);
    }
    return schema.add(SOURCE_ROW, DataTypes.LongType, false).add(SOURCE_PART, DataTypes.StringType, false)
        .add(READ_PROBLEM, PROBLEM, true);
  }

  static Row data(Object[] cells, long row, String part) {
    Object[] values = java.util.Arrays.copyOf(cells, cells.length + 3);
    values[cells.length] = row;
    values[cells.length + 1] = part;
    return RowFactory.create(values);
  }

  static Row problem(int width, long row, ProblemText problem) {
    Object[] values = new Object[width + 3];
    values[width] = row;
    values[width + 1] = "";
    values[width + 2] = RowFactory.create(problem.english(), problem.dansk());
    return RowFactory.create(values);
  }

  /** Blank as a person sees it: spaces, tabs, line ends and no-break spaces only. */
  static boolean isBlank(String text) {
    return text.strip().replace("\u00A0", "").isEmpty();
  }

  /** The rows of the files that were read to their end, and a rejection for each file that was not. */
  public record Read(Dataset<Row> rows, List<FileRejection> rejected) {}

  /**
   * Splits read rows (materialised already: this looks at them twice) by whether their file was read
   * to its end. {@code fileColumn} names the file a row came from; the problem column is dropped.
   */
  public static Read withoutUnreadableFiles(Dataset<Row> rows, String fileColumn) {
    List<Row> problems = rows.where(col(READ_PROBLEM).isNotNull()).select(col(fileColumn), col(READ_PROBLEM))
        .orderBy(fileColumn).collectAsList();
    List<FileRejection> rejected = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (Row problem : problems) {
      Row text = problem.getStruct(1);
      files.add(problem.getString(0));
      rejected.add(new FileRejection(problem.getString(0), new ProblemText(text.getString(0), text.getString(1))));
    }
    Dataset<Row> readable = files.isEmpty() ? rows : rows.where(not(col(fileColumn).isin(files.toArray())));
    return new Read(readable.drop(READ_PROBLEM), rejected);
  }
}
