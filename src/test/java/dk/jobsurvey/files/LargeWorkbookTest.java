package dk.jobsurvey.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook whose sheet is larger unpacked than POI's default limit for one part (100 MB, about
 * 100,000 extract rows) is read, not rejected as corrupt: large municipalities send such extracts.
 */
class LargeWorkbookTest {
  private static final long POI_DEFAULT_LIMIT = 100_000_000L;

  @Test
  void aSheetOverPoisDefaultLimitIsReadToItsLastRow(@TempDir Path dir) throws Exception {
    Path workbook = dir.resolve("101.xlsx");
    long rows = writeWorkbook(workbook, POI_DEFAULT_LIMIT + 5_000_000);

    try (InputStream in = Files.newInputStream(workbook); Workbook book = XlsxSheetRows.open(in, 100, 64 * 1024)) {
      Iterator<Row> read = book.getSheetAt(0).rowIterator();
      assertThat(read.next().getCell(0).getStringCellValue()).isEqualTo("cpr");
      long count = 1;
      Row last = null;
      while (read.hasNext()) {
        last = read.next();
        count++;
      }
      assertThat(count).isEqualTo(rows);
      assertThat(last.getCell(1).getStringCellValue()).isEqualTo("row " + (rows - 1));
    }
  }

  /** A minimal .xlsx with one sheet of inline strings, at least {@code sheetBytes} of XML; returns its rows. */
  private static long writeWorkbook(Path file, long sheetBytes) throws Exception {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(1);
      put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
          + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
          + "</Types>");
      put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
          + "</Relationships>");
      put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Ark1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
      put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
          + "</Relationships>");
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      Writer sheet = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
      sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
      sheet.write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>cpr</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>navn</t></is></c></row>");
      String padding = "x".repeat(900);
      long written = 0;
      long rows = 1;
      while (written < sheetBytes) {
        long r = ++rows;
        String row = "<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"inlineStr\"><is><t>" + padding + "</t></is></c><c r=\"B" + r
            + "\" t=\"inlineStr\"><is><t>row " + (r - 1) + "</t></is></c></row>";
        sheet.write(row);
        written += row.length();
      }
      sheet.write("</sheetData></worksheet>");
      sheet.flush();
      zip.closeEntry();
      return rows;
    }
  }

  private static void put(ZipOutputStream zip, String name, String text) throws Exception {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
