package dk.jobsurvey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-read floor reads every row of a workbook written by POI and of a CSV, and counts a truncated file as unreadable. */
class PlainReadFloorTest {
  @Test
  void readsEveryRowAndCountsABrokenFileWithoutStopping(@TempDir Path dir) throws Exception {
    Path workbook = dir.resolve("101.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
      Sheet sheet = book.createSheet("Ark1");
      for (int r = 0; r < 7; r++) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue("cpr " + r);
        row.createCell(1).setCellValue(r);
      }
      book.write(out);
    }
    Files.writeString(dir.resolve("147.csv"), "cpr;navn\n1;a\n2;\"b;c\"\n3;d\n", StandardCharsets.UTF_8);
    byte[] whole = Files.readAllBytes(workbook);
    Files.write(dir.resolve("151.xlsx"), Arrays.copyOf(whole, whole.length / 2));

    PlainReadFloor.Figures figures = PlainReadFloor.read(dir);

    assertThat(figures.files()).isEqualTo(3);
    assertThat(figures.unreadable()).isEqualTo(1);
    assertThat(figures.rows()).isEqualTo(7 + 4);
    assertThat(figures.bytes()).isEqualTo(Files.size(workbook) + Files.size(dir.resolve("147.csv")) + whole.length / 2);
  }
}
