package dk.jobsurvey.files;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.IngestSettings.CsvSettings;
import dk.jobsurvey.ingest.BadInputFiles;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The functions that read a file in a Spark task ({@link CsvFileRows}, {@link XlsxSheetRows}),
 * called as Spark calls them, on a binaryFile row: true line numbers, and a file that breaks off
 * ends in one problem row, never in an exception.
 */
class FileRowsTest {
  private static final StructType BINARY_FILE = new StructType().add("content", DataTypes.BinaryType);

  private static List<Row> rows(org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> reader, byte[]... files)
      throws Exception {
    List<Row> input = Arrays.stream(files).map(f -> (Row) new GenericRowWithSchema(new Object[] {f}, BINARY_FILE)).toList();
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = reader.call(input.iterator());
    it.forEachRemaining(out::add);
    return out;
  }

  private static CsvFileRows csv(int width) {
    return new CsvFileRows(StandardCharsets.UTF_8, ';', width, 0);
  }

  private static long line(Row row, int width) {
    return row.getLong(width);
  }

  private static Row problem(Row row, int width) {
    return row.isNullAt(width + 2) ? null : row.getStruct(width + 2);
  }

  @Test
  void csvRowsAreNumberedByTheLineTheyStartOnBlankLinesIncluded() throws Exception {
    byte[] file = "a;b\r\n\n\n1;2\r\n\"x\ny\";3\n;;\n4;5".getBytes(StandardCharsets.UTF_8);
    List<Row> rows = rows(csv(2), file);
    assertThat(rows).extracting(r -> line(r, 2)).containsExactly(4L, 5L, 8L);
    assertThat(rows.get(1).getString(0)).isEqualTo("x\ny"); // a line break inside quotes that holds no row is a value
    assertThat(rows.get(0).getString(1)).isEqualTo("2\r"); // the row rules strip the \r
    assertThat(rows).allSatisfy(r -> assertThat(problem(r, 2)).isNull());
  }

  @Test
  void anUnclosedQuoteEndsTheFileInAProblemNamingItsRow() throws Exception {
    byte[] file = "a;b;c\n1;2;3\n\"4;5;6\n7;8;9\n10;11;12\n".getBytes(StandardCharsets.UTF_8);
    List<Row> rows = rows(csv(3), file, "a;b;c\n1;2;3\n".getBytes(StandardCharsets.UTF_8));
    assertThat(rows).hasSize(3);
    assertThat(problem(rows.get(1), 3).getString(0)).startsWith("row 3: a quote (\") opened in this row is not closed, so rows 4-5");
    assertThat(problem(rows.get(1), 3).getString(1)).startsWith("Række 3:");
    assertThat(line(rows.get(2), 3)).isEqualTo(2L); // the next file is read from its start
    assertThat(problem(rows.get(2), 3)).isNull();
  }

  @Test
  void aRowOfTooManyFieldsIsAProblemNotAFailedJob() throws Exception {
    byte[] file = ("a;b\n1;2\n3" + ";x".repeat(CsvFileRows.MAX_FIELDS + 10) + "\n").getBytes(StandardCharsets.UTF_8);
    List<Row> rows = rows(csv(2), file);
    assertThat(rows).hasSize(2);
    assertThat(problem(rows.get(1), 2).getString(0)).startsWith("row 3: more than 20480 fields");
  }

  @Test
  void aWorkbookThatBreaksOffEndsInAProblemRowNamingTheRowWhereItBroke() throws Exception {
    byte[] broken = BadInputFiles.brokenAtRow(Files.readAllBytes(
        TestFiles.projectDir().resolve("src/test/resources/header-variants/seed_names_825.xlsx")), 4);
    int width = 9;
    List<Row> rows = rows(new XlsxSheetRows(width, new int[] {0}, new int[] {0}), broken);
    // The rows before it may or may not come first (rows are parsed in batches); the file is rejected either way.
    Row last = rows.get(rows.size() - 1);
    assertThat(problem(last, width).getString(0)).startsWith("the workbook breaks off after row 3");
    assertThat(line(last, width)).isEqualTo(4L);
  }

  @Test
  void aWorkbookCutShortWhileBeingReadIsAProblemRow() throws Exception {
    byte[] whole = Files.readAllBytes(TestFiles.projectDir().resolve("src/test/resources/header-variants/seed_names_825.xlsx"));
    for (int cut : new int[] {whole.length / 3, whole.length / 2, whole.length - 30}) {
      List<Row> rows = rows(new XlsxSheetRows(9, new int[] {0}, new int[] {0}), Arrays.copyOf(whole, cut));
      assertThat(rows).as("cut at %d of %d bytes", cut, whole.length).isNotEmpty();
      assertThat(problem(rows.get(rows.size() - 1), 9)).as("cut at %d", cut).isNotNull();
    }
  }

  @Test
  void csvDialectIsDetected() {
    CsvSettings auto = new CsvSettings("auto", "auto");
    byte[] latin = "CPR;Navn;Ydelse\n1;Søren Ærø;Sygedagpenge\n".getBytes(Charset.forName("windows-1252"));
    CsvDialect windows = CsvDialect.detect(latin, false, auto, cells -> true);
    assertThat(windows.charset().name()).isEqualTo("windows-1252");
    assertThat(windows.separator()).isEqualTo(';');

    byte[] bom = "\uFEFFCPR,Navn,Ydelse\r\n1,Søren,Sygedagpenge\r\n".getBytes(StandardCharsets.UTF_8);
    CsvDialect utf8 = CsvDialect.detect(bom, false, auto, cells -> true);
    assertThat(utf8.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(utf8.separator()).isEqualTo(',');
    assertThat(utf8.headerLine()).isEqualTo("CPR,Navn,Ydelse");

    byte[] cut = "CPR\tNavn\nÆ".getBytes(StandardCharsets.UTF_8);
    assertThat(CsvDialect.detect(java.util.Arrays.copyOf(cut, cut.length - 1), true, auto, cells -> true).charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(CsvDialect.detect(cut, false, auto, cells -> true).separator()).isEqualTo('\t');
  }

  @Test
  void csvHeaderLineSplitsOnTheSeparatorOutsideQuotes() {
    assertThat(TabularFileReader.splitHeader("\"CPR; nr\";Navn; Ydelse ", ';')).containsExactly("CPR; nr", "Navn", "Ydelse");
  }
}
