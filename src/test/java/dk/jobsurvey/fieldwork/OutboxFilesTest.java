package dk.jobsurvey.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dk.jobsurvey.fieldwork.OutboxFiles.Column;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox files open in Excel without running anything a value smuggles in (CSV injection), and
 * the SMS list keeps its E.164 numbers exactly as the gateway needs them.
 */
class OutboxFilesTest {
  private static final List<String> PAYLOADS = List.of("=HYPERLINK(\"http://x\",\"klik\")", "+2+3+cmd|' /C calc'!A0",
      "-2+3", "@SUM(1)", "\tfaneblad", "\rvognretur");
  private static final List<String> HARMLESS = List.of("Anne Hansen", "Hej; se linket", "sagde \"hej\"",
      "første linje\rnæste linje", "linje 1\r\nlinje 2", " indrykket ", "2+3=5", "");

  @TempDir
  Path dir;

  private final FileSystem fs;

  OutboxFilesTest() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
  }

  @Test
  void textThatExcelWouldReadAsAFormulaGetsALeadingApostrophe() throws IOException {
    Path file = writeCsv(List.of(Column.text("navn")), PAYLOADS.stream().map(List::of).toList());
    assertThat(readCsv(file)).containsExactly(List.of("navn"), List.of("'=HYPERLINK(\"http://x\",\"klik\")"),
        List.of("'+2+3+cmd|' /C calc'!A0"), List.of("'-2+3"), List.of("'@SUM(1)"), List.of("'\tfaneblad"),
        List.of("'\rvognretur"));
  }

  @Test
  void otherTextIsReadBackAsWritten() throws IOException {
    Path file = writeCsv(List.of(Column.text("tekst")), HARMLESS.stream().map(List::of).toList());
    List<List<String>> read = readCsv(file);
    assertThat(read.subList(1, read.size())).containsExactlyElementsOf(HARMLESS.stream()
        .map(value -> Arrays.asList(value.isEmpty() ? null : value)).toList());
  }

  @Test
  void csvHasAByteOrderMarkSemicolonsCrlfAndQuotesOnlyWhereNeeded() throws IOException {
    Path file = writeCsv(List.of(Column.text("navn"), Column.text("tekst")),
        List.of(List.of("Åse Ørsted", "Hej; se linket"), List.of("Bo", "sagde \"hej\"")));
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
        .isEqualTo("navn;tekst\r\nÅse Ørsted;\"Hej; se linket\"\r\nBo;\"sagde \"\"hej\"\"\"\r\n");
  }

  @Test
  void e164PhoneNumbersGoToTheSmsListUnchanged() throws IOException {
    Path file = writeCsv(MailMerge.SMS_COLUMNS, List.of(List.of("+4522334455", "+45 er ikke et nummer")));
    assertThat(readCsv(file)).containsExactly(List.of("telefon", "tekst"), List.of("+4522334455", "'+45 er ikke et nummer"));
  }

  @Test
  void aPhoneColumnRefusesAnythingButAnE164Number() {
    for (String value : List.of("=HYPERLINK(\"http://x\",\"klik\")", "+45 22 33 44 55", "22334455", "+45")) {
      assertThatThrownBy(() -> writeCsv(MailMerge.SMS_COLUMNS, List.of(List.of(value, "Hej"))))
          .as(value).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("telefon")
          .hasMessageNotContaining(value);
    }
  }

  @Test
  void xlsxCellsAreTextEvenWhenTheyStartWithAnEqualsSign() throws IOException {
    Path file = dir.resolve("breve.xlsx");
    List<List<String>> rows = PAYLOADS.stream().map(payload -> List.of("6101901234", payload)).toList();
    OutboxFiles.writeXlsx(fs, new org.apache.hadoop.fs.Path(file.toString()), "Flettebreve",
        List.of(Column.text("cpr"), Column.text("navn")), rows);
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      Sheet sheet = workbook.getSheet("Flettebreve");
      assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("navn");
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < 2; c++) {
          Cell cell = sheet.getRow(r + 1).getCell(c);
          assertThat(cell.getCellType()).as(rows.get(r).get(c)).isEqualTo(CellType.STRING);
          assertThat(cell.getStringCellValue()).isEqualTo(rows.get(r).get(c));
        }
      }
    }
  }

  private Path writeCsv(List<Column> columns, List<List<String>> rows) throws IOException {
    Path file = dir.resolve("liste.csv");
    OutboxFiles.writeCsv(fs, new org.apache.hadoop.fs.Path(file.toString()), columns, rows);
    return file;
  }

  /** Every row of the file, parsed with the writer's dialect and nothing trimmed or rewritten. */
  private static List<List<String>> readCsv(Path file) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(';');
    settings.getFormat().setLineSeparator("\r\n");
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setIgnoreLeadingWhitespacesInQuotes(false);
    settings.setIgnoreTrailingWhitespacesInQuotes(false);
    settings.setSkipEmptyLines(false);
    try (InputStream in = Files.newInputStream(file)) {
      return new CsvParser(settings).parseAll(in, StandardCharsets.UTF_8).stream().map(Arrays::asList).toList();
    }
  }
}
