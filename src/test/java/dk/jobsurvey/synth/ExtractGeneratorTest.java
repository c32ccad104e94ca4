package dk.jobsurvey.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.ingest.CprNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractGeneratorTest {
  private static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());

  @TempDir
  Path dir;

  private List<ExtractGenerator.WrittenFile> generate(String selection, long seed, double scale, Path out) throws IOException {
    return ExtractGenerator.generate(ExtractGenerator.select(selection),
        new ExtractGenerator.Settings(seed, scale, 0.02, SURVEY.round(), SURVEY.referenceDates()), out);
  }

  /** Every cell of every file, as text, in file-name order: what "the same row contents" means. */
  private static List<String> contents(Path out, List<ExtractGenerator.WrittenFile> files) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ExtractGenerator.WrittenFile file : files.stream().sorted((a, b) -> a.fileName().compareTo(b.fileName())).toList()) {
      Path path = out.resolve(file.fileName());
      if (file.format().equals("csv")) {
        lines.add(file.fileName() + ":" + new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
      } else {
        try (InputStream in = Files.newInputStream(path); Workbook workbook = new XSSFWorkbook(in)) {
          DataFormatter formatter = new DataFormatter();
          for (Row row : workbook.getSheetAt(0)) {
            StringBuilder line = new StringBuilder(file.fileName()).append(':');
            for (Cell cell : row) {
              line.append(cell.getColumnIndex()).append('=').append(cell.getCellType()).append(formatter.formatCellValue(cell)).append(';');
            }
            lines.add(line.toString());
          }
        }
      }
    }
    return lines;
  }

  @Test
  void sameSeedGivesTheSameRowsAndAnotherSeedDoesNot() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Path other = dir.resolve("other");
    List<ExtractGenerator.WrittenFile> a = generate("pilot", 5, 0.1, first);
    List<ExtractGenerator.WrittenFile> b = generate("pilot", 5, 0.1, second);
    List<ExtractGenerator.WrittenFile> c = generate("pilot", 6, 0.1, other);
    assertThat(b).isEqualTo(a);
    assertThat(contents(second, b)).isEqualTo(contents(first, a));
    assertThat(contents(other, c)).isNotEqualTo(contents(first, a));
  }

  @Test
  void pilotHasNineMunicipalitiesOfMixedSizeHalfOfThemSpreadsheets() throws IOException {
    List<ExtractGenerator.WrittenFile> files = generate("pilot", 1, 1, dir);
    assertThat(files).hasSize(9);
    assertThat(files.stream().filter(f -> f.format().equals("xlsx")).count()).isEqualTo(5);
    int smallest = files.stream().mapToInt(ExtractGenerator.WrittenFile::rows).min().orElseThrow();
    int largest = files.stream().mapToInt(ExtractGenerator.WrittenFile::rows).max().orElseThrow();
    assertThat(smallest).isLessThan(300);
    assertThat(largest).isGreaterThan(15_000);
    for (ExtractGenerator.WrittenFile file : files) {
      int population = Municipalities.byCode(file.kommunekode()).orElseThrow().population();
      // population × 0.088, plus the few persons who moved in from a neighbouring municipality
      int expected = (int) Math.round(population * ExtractGenerator.ROWS_PER_INHABITANT);
      assertThat(file.rows()).isBetween(expected, expected + 60);
    }
  }

  @Test
  void csvFilesAreSemicolonSeparatedAndOneIsWindows1252WithDanishLetters() throws IOException {
    List<ExtractGenerator.WrittenFile> files = generate("pilot", 3, 0.2, dir);
    int windows1252 = 0;
    for (ExtractGenerator.WrittenFile file : files.stream().filter(f -> f.format().equals("csv")).toList()) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file.fileName()));
      String text = new String(bytes, isValidUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"));
      assertThat(text.lines().findFirst().orElseThrow()).contains(";");
      assertThat(text).containsAnyOf("æ", "ø", "å", "Ø", "Æ");
      if (!isValidUtf8(bytes)) {
        windows1252++;
      }
    }
    assertThat(windows1252).isEqualTo(1);
  }

  private static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void cprNumbersAreValidExceptThePlannedDefects() throws IOException {
    List<ExtractGenerator.WrittenFile> files = generate("pilot", 9, 0.3, dir);
    int valid = 0;
    int invalid = 0;
    for (ExtractGenerator.WrittenFile file : files.stream().filter(f -> f.format().equals("csv")).toList()) {
      byte[] bytes = Files.readAllBytes(dir.resolve(file.fileName()));
      String text = new String(bytes, isValidUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"));
      List<String> lines = text.lines().toList();
      int cprColumn = List.of(lines.get(0).replace("\uFEFF", "").split(";")).indexOf(
          List.of(lines.get(0).replace("\uFEFF", "").split(";")).stream().filter(h -> h.toLowerCase().startsWith("cpr") || h.equals("Personnummer")).findFirst().orElseThrow());
      for (String line : lines.subList(1, lines.size())) {
        if (CprNumber.parse(line.split(";", -1)[cprColumn]).isValid()) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    // Defects hit 2 % of rows, spread over eight kinds: about 0.25 % invalid CPR numbers.
    assertThat(invalid).isPositive();
    assertThat((double) invalid / (valid + invalid)).isLessThan(0.01);
  }

  @Test
  void nationalSelectionHasAllNinetyEightMunicipalities() {
    assertThat(ExtractGenerator.select("all")).hasSize(98);
    assertThat(ExtractGenerator.select("101,461")).extracting(Municipalities.Municipality::name).containsExactly("København", "Odense");
    assertThatThrownBy(() -> ExtractGenerator.select("411")).hasMessageContaining("'411' is not a municipality code");
  }

  @Test
  void refusesToClearAFolderItDidNotWrite() throws IOException {
    Files.writeString(dir.resolve("real_extract.xlsx"), "not ours");
    assertThatThrownBy(() -> generate("825", 1, 1, dir)).hasMessageContaining("holds files not written by generate");
    assertThat(dir.resolve("real_extract.xlsx")).exists();
  }

  @Test
  void headersVaryBetweenMunicipalities() throws IOException {
    List<ExtractGenerator.WrittenFile> files = generate("pilot", 2, 0.1, dir);
    List<String> cprHeaders = new ArrayList<>();
    for (ExtractGenerator.WrittenFile file : files.stream().filter(f -> f.format().equals("xlsx")).toList()) {
      try (InputStream in = Files.newInputStream(dir.resolve(file.fileName())); Workbook workbook = new XSSFWorkbook(in)) {
        Sheet sheet = workbook.getSheetAt(0);
        for (Cell cell : sheet.getRow(0)) {
          String header = cell.getStringCellValue();
          if (header.toLowerCase().startsWith("cpr") || header.equals("Personnummer")) {
            cprHeaders.add(header);
          }
        }
      }
    }
    assertThat(cprHeaders).hasSize(5).contains("CPR-nr", "Cpr", "Personnummer");
  }
}
