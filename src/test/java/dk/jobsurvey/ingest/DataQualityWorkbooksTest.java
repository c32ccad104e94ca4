package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.files.ProblemText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One municipality's workbook, written from rows as ingest collects them (problems made by the row
 * rules, a rejection made by the header mapping) and read back as Excel would: Danish, numeric,
 * frozen, sized and set up to print one page wide.
 */
class DataQualityWorkbooksTest {
  private static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  private static final String CPR = "7506801234";
  private static final String BAD_CPR = "3213801234";
  private static final StructType FILE_SCHEMA = countColumns(new StructType().add("kommunekode", DataTypes.StringType)
      .add("source_file", DataTypes.StringType).add("file_status", DataTypes.StringType)
      .add("file_problem", DataTypes.StringType));
  private static final StructType PROBLEM_SCHEMA = new StructType().add("kommunekode", DataTypes.StringType)
      .add("source_file", DataTypes.StringType).add("source_row", DataTypes.LongType)
      .add("reason_code", DataTypes.StringType).add("reason_detail", DataTypes.StringType)
      .add("reason_detail_dansk", DataTypes.StringType);

  static List<CheckedRow> problems;
  static FileRejection rejection;
  static XSSFWorkbook workbook;

  private static StructType countColumns(StructType schema) {
    for (String count : List.of("rows_read", "rows_accepted", "rows_quarantined", "invalid_cpr", "invalid_date",
        "future_date", "missing_benefit", "invalid_yes_no", "unknown_municipality", "cpr_repaired",
        "excluded_unknown_benefit", "excluded_duplicate", "eligible")) {
      schema = schema.add(count, DataTypes.LongType);
    }
    return schema.add("columns_matched", DataTypes.StringType).add("columns_unused", DataTypes.StringType)
        .add("columns_missing", DataTypes.StringType);
  }

  private static Row file(String name, String status, String problem, long read, long quarantined) {
    Object[] values = new Object[FILE_SCHEMA.size()];
    values[0] = "825";
    values[1] = name;
    values[2] = status;
    values[3] = problem;
    for (int i = 4; i < values.length - 3; i++) {
      values[i] = 0L;
    }
    if (status.equals("read")) {
      values[FILE_SCHEMA.fieldIndex("columns_matched")] = "cpr ← «CPR» (alias); telefon ← «Mobilnr» (ord)";
      values[FILE_SCHEMA.fieldIndex("columns_unused")] = "Sagsbehandler";
      values[FILE_SCHEMA.fieldIndex("columns_missing")] = "navn: ingen navne: brevene til 825 flettes uden navn";
    }
    values[FILE_SCHEMA.fieldIndex("rows_read")] = read;
    values[FILE_SCHEMA.fieldIndex("rows_quarantined")] = quarantined;
    values[FILE_SCHEMA.fieldIndex("rows_accepted")] = read - quarantined;
    return new GenericRowWithSchema(values, FILE_SCHEMA);
  }

  @BeforeAll
  static void writeAndReadBack() throws IOException {
    ExtractRowRules rules = new ExtractRowRules(SURVEY);
    problems = List.of(
        rules.check(new RawExtractRow("udtraek_825.csv", 2, "825", BAD_CPR, "A", "Sygedagpenge", "2023-01-01", "", "nej", "", "nej")),
        rules.check(new RawExtractRow("udtraek_825.csv", 3, "825", CPR, "B", "Sygedagpenge", "31-02-2023", "", "nej", "", "nej")),
        rules.check(new RawExtractRow("udtraek_825.csv", 4, "825", CPR, "C", "Sygedagpenge", "2023-01-01", "", "nej", "", "måske")),
        rules.check(new RawExtractRow("udtraek_825.csv", 5, "999", CPR, "D", "Sygedagpenge", "2023-01-01", "", "nej", "", "nej")));
    List<Row> problemRows = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      CheckedRow problem = problems.get(i);
      problemRows.add(new GenericRowWithSchema(new Object[] {"825", "udtraek_825.csv", (long) i + 2,
          problem.quarantineReason(), problem.quarantineDetail(), problem.quarantineDetailDansk()}, PROBLEM_SCHEMA));
    }
    ProblemText missingColumn = HeaderMapping.of(List.of("CPR", "Navn", "Ydelse"), SURVEY.ingest().headers(),
        SURVEY.ingest().requiredColumns()).problem().orElseThrow();
    rejection = new FileRejection("udtraek_825_rettet.csv", missingColumn);
    List<Row> files = List.of(file("udtraek_825.csv", "read", null, 12_345, problems.size()),
        file(rejection.file(), "rejected", rejection.problem(), 0, 0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataQualityWorkbooks.write(out, "825", "2023Q2", files, Map.of(rejection.file(), rejection.problemDansk()), problemRows);
    workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
  }

  /** The text of each cell in {@code column} from {@code firstRow} on, as Excel shows it. */
  static List<String> column(Sheet sheet, int column, int firstRow) {
    DataFormatter formatter = new DataFormatter();
    List<String> texts = new ArrayList<>();
    for (int r = firstRow; r <= sheet.getLastRowNum(); r++) {
      var row = sheet.getRow(r);
      texts.add(row == null ? "" : formatter.formatCellValue(row.getCell(column)));
    }
    return texts;
  }

  private static Sheet overview() {
    return workbook.getSheet("Oversigt");
  }

  private static Sheet problemRows() {
    return workbook.getSheet("Problemrækker");
  }

  private static List<String> row(Sheet sheet, int r) {
    List<String> texts = new ArrayList<>();
    sheet.getRow(r).forEach(cell -> texts.add(cell.getStringCellValue()));
    return texts;
  }

  @Test
  void theColumnsSheetSaysHowEachColumnWasFoundWhichWereNotUsedAndWhatAMissingOneCosts() {
    Sheet columns = workbook.getSheet("Kolonner");
    assertThat(row(columns, 0)).containsExactly("Fil", "Kolonnen er", "Kolonne ← overskrift i filen (fundet ved), eller hvad det betyder");
    assertThat(column(columns, 1, 1)).containsExactly("fundet", "fundet", "ikke brugt", "mangler");
    assertThat(column(columns, 2, 1)).containsExactly("cpr ← «CPR» (alias)", "telefon ← «Mobilnr» (ord)", "Sagsbehandler",
        "navn: ingen navne: brevene til 825 flettes uden navn");
    assertThat(column(columns, 0, 1)).containsOnly("udtraek_825.csv");
  }

  @Test
  void headersAreDanish() {
    assertThat(workbook.getSheetName(0)).isEqualTo("Oversigt");
    assertThat(row(overview(), 3)).startsWith("Fil", "Status", "Problem med filen", "Rækker læst", "Rækker godkendt")
        .endsWith("Med i undersøgelsen");
    assertThat(row(problemRows(), 0)).containsExactly("Fil", "Række", "Årsag", "Detalje");
  }

  @Test
  void detailsStatusAndFileProblemsAreDanishAndNoEnglishTextIsLeft() {
    assertThat(column(problemRows(), 3, 1)).containsExactlyElementsOf(problems.stream().map(CheckedRow::quarantineDetailDansk).toList());
    assertThat(column(problemRows(), 2, 1)).containsExactly("Ugyldigt CPR-nummer", "Ugyldig eller manglende dato",
        "Ugyldig ja/nej-værdi", "Ukendt kommunekode");
    assertThat(column(overview(), 1, 4)).containsExactly("Indlæst", "Afvist");
    assertThat(column(overview(), 2, 4)).containsExactly("", rejection.problemDansk());
    List<String> english = new ArrayList<>(problems.stream().map(CheckedRow::quarantineDetail).toList());
    english.add(rejection.problem());
    for (Sheet sheet : workbook) {
      for (int c = 0; c < 16; c++) {
        for (String text : column(sheet, c, 0)) {
          assertThat(text).as(sheet.getSheetName()).isNotIn(english).doesNotContain(" is ", " the ", "neither", "not a");
          assertThat(text).as("no CPR number").doesNotContain(BAD_CPR).doesNotContainPattern("[0-9]{6}");
        }
      }
    }
  }

  @Test
  void countsAndRowNumbersAreNumericCells() {
    Cell rowsRead = overview().getRow(4).getCell(3);
    assertThat(rowsRead.getCellType()).isEqualTo(CellType.NUMERIC);
    assertThat(rowsRead.getNumericCellValue()).isEqualTo(12_345);
    assertThat(rowsRead.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
    assertThat(overview().getRow(5).getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
    Cell sourceRow = problemRows().getRow(4).getCell(1);
    assertThat(sourceRow.getCellType()).isEqualTo(CellType.NUMERIC);
    assertThat(sourceRow.getNumericCellValue()).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Oversigt", "Problemrækker"})
  void headerRowIsBoldFrozenAndRepeatedOnEveryPrintedPage(String name) {
    Sheet sheet = workbook.getSheet(name);
    int header = name.equals("Oversigt") ? 3 : 0;
    assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
    assertThat((int) sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo(header + 1);
    assertThat(sheet.getRepeatingRows()).isEqualTo(new CellRangeAddress(header, header, -1, -1));
    assertThat(sheet.getRow(header)).allSatisfy(cell ->
        assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Oversigt", "Problemrækker"})
  void printsA4LandscapeOnePageWide(String name) {
    Sheet sheet = workbook.getSheet(name);
    PrintSetup print = sheet.getPrintSetup();
    assertThat(sheet.getFitToPage()).isTrue();
    assertThat(print.getFitWidth()).isEqualTo((short) 1);
    assertThat(print.getFitHeight()).isZero();
    assertThat(print.getLandscape()).isTrue();
    assertThat(print.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
    assertThat(sheet.getHeader().getLeft()).isEqualTo("Datakvalitet: Læsø (825), runde 2023Q2");
    assertThat(sheet.getFooter().getCenter()).isEqualTo("Side &P af &N");
  }

  /** The default font refers to a theme the workbook does not hold: LibreOffice would set such text in another face. */
  @Test
  void everyCellNamesItsFont() {
    for (Sheet sheet : workbook) {
      for (var row : sheet) {
        assertThat(row).allSatisfy(cell -> assertThat(cell.getCellStyle().getFontIndex()).as(cell.getAddress().toString())
            .isNotZero());
      }
    }
  }

  @Test
  void columnsFitTheirTextAndLongTextWraps() {
    int defaultWidth = overview().getDefaultColumnWidth() * 256;
    int longestDetail = problems.stream().mapToInt(p -> p.quarantineDetailDansk().length()).max().orElseThrow();
    assertThat(problemRows().getColumnWidth(3)).isGreaterThan(defaultWidth).isGreaterThanOrEqualTo(longestDetail * 256);
    assertThat(problemRows().getColumnWidth(0)).isGreaterThanOrEqualTo("udtraek_825.csv".length() * 256);
    assertThat(overview().getColumnWidth(0)).isGreaterThanOrEqualTo(rejection.file().length() * 256);
    // The rejection is longer than the widest column: it wraps, in a row tall enough for its lines.
    assertThat(rejection.problemDansk().length() * 256).isGreaterThan(overview().getColumnWidth(2));
    assertThat(overview().getRow(5).getCell(2).getCellStyle().getWrapText()).isTrue();
    assertThat(overview().getRow(5).getHeightInPoints()).isGreaterThan(overview().getRow(4).getHeightInPoints());
    // Count columns are as wide as the longest word of their title, which wraps.
    assertThat(overview().getColumnWidth(12)).isGreaterThanOrEqualTo("foranstillet".length() * 256).isLessThan(20 * 256);
    assertThat(overview().getRow(3).getHeightInPoints()).isGreaterThan(overview().getRow(4).getHeightInPoints());
  }
}
