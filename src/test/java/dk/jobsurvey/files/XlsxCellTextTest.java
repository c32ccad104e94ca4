package dk.jobsurvey.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text cell reads as Excel shows it, as POI's DataFormatter reads it, whichever way the workbook stores its text:
 * shared strings (as Excel saves), inline strings (as streaming writers save) and rich text runs; random texts built
 * from the characters that could tell the two apart ("_x000D_"-style escapes, broken escapes, spaces, line breaks,
 * non-Latin letters).
 */
class XlsxCellTextTest {
  private static final String[] PIECES = {"_x000D_", "_x0041_", "_x", "_X000D_", "x000D_", "_", "x", "0", "D", " ", "  ",
      "\t", "\n", "\r\n", "æøå", "Ærø", "ü", "中", "😀", "-", "'", "\"", "<", "&amp;", "12", "0101901234", "+45 20 30 40 50"};

  @ParameterizedTest
  @ValueSource(strings = {"shared strings", "inline strings", "rich text"})
  void everyTextCellReadsAsDataFormatterShowsIt(String storage) throws Exception {
    Random random = new Random(storage.hashCode());
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      texts.add(text.toString());
    }
    byte[] file = write(texts, storage);

    DataFormatter formatter = XlsxSheetRows.formatter();
    int read = 0;
    try (Workbook workbook = XlsxSheetRows.open(new ByteArrayInputStream(file), 100, 64 * 1024)) {
      for (Row row : workbook.getSheetAt(0)) {
        Cell cell = row.getCell(0);
        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
        assertThat(XlsxSheetRows.text(cell, formatter)).as("row %d", row.getRowNum()).isEqualTo(formatter.formatCellValue(cell));
        read++;
      }
    }
    assertThat(read).isEqualTo(texts.size());
  }

  private static byte[] write(List<String> texts, String storage) throws Exception {
    try (Workbook workbook = storage.equals("inline strings") ? new SXSSFWorkbook() : new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Ark1");
      XSSFFont bold = storage.equals("rich text") ? ((XSSFWorkbook) workbook).createFont() : null;
      if (bold != null) {
        bold.setBold(true);
      }
      for (int r = 0; r < texts.size(); r++) {
        Cell cell = sheet.createRow(r).createCell(0);
        String text = texts.get(r);
        XSSFRichTextString rich = bold == null ? null : new XSSFRichTextString(text);
        if (rich != null && rich.length() > 1) {
          rich.applyFont(0, rich.length() / 2, bold); // the length as decoded: an escape is one character
          cell.setCellValue(rich);
        } else {
          cell.setCellValue(text);
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}
