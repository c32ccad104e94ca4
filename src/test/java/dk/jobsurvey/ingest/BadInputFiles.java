package dk.jobsurvey.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the hostile files of the bad-input corpus that are tedious to make by hand (issue [K]
 * point 5): an unclosed quote, blank lines above data, a row of 20,500 fields, a CPR cell of
 * 1E+300000000, real Excel date cells shown as 1/15/23, data continued on a sheet without a
 * header, and a workbook whose sheet XML breaks at row 301. Run once; the files are committed
 * beside expected.tsv, which says what ingest must make of each.
 */
public final class BadInputFiles {
  static final Path FOLDER = Path.of("src/test/resources/bad-input/extracts");
  static final String HEADER = "CPR-nr;Navn;Telefon;Ydelse;Dato for overgang;Passiv";

  private BadInputFiles() {}

  public static void main(String[] args) throws Exception {
    Files.createDirectories(FOLDER);
    List<String> quote = new ArrayList<>(List.of(HEADER, "010382-1911;Jens Hansen;;Sygedagpenge;2022-01-15;nej",
        "020382-1912;\"Anna Berg;;Sygedagpenge;2022-01-15;nej"));
    for (int i = 3; i < 17; i++) {
      quote.add(String.format("%02d0382-19%02d;Person %d;;Sygedagpenge;2022-01-15;nej", i, 10 + i, i));
    }
    csv("anfoerselstegn_190.csv", quote);
    csv("tomme_linjer_201.csv", List.of(HEADER, "", "", "030382-2013;Bo Dam;;Sygedagpenge;31-02-2023;nej",
        "040382-2014;Carl Eg;;Sygedagpenge;2022-01-15;nej"));
    csv("mange_felter_210.csv", List.of(HEADER, "010382-2101;Jens Hansen;;Sygedagpenge;2022-01-15;nej",
        "020382-2102;Anna Berg;;Sygedagpenge;2022-01-15;nej" + ";x".repeat(20_500)));
    csv("eksponent_217.csv", List.of(HEADER, "1E+300000000;Jens Hansen;;Sygedagpenge;2022-01-15;nej",
        "020382-2172;Anna Berg;;Sygedagpenge;2022-01-15;nej"));
    usDates("us_datoer_219.xlsx");
    secondSheetWithoutHeader("andet_ark_223.xlsx");
    Files.write(FOLDER.resolve("xml_fejl_230.xlsx"), brokenAtRow(workbook(400, "23"), 301));
  }

  private static void csv(String name, List<String> lines) throws Exception {
    Files.write(FOLDER.resolve(name), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Dates as Excel stores them (a number) with Excel's built-in US display format 14, m/d/yy. */
  private static void usDates(String name) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet("Ark1");
      CellStyle us = workbook.createCellStyle();
      us.setDataFormat((short) 14);
      header(sheet.createRow(0));
      Row row = sheet.createRow(1);
      row.createCell(0).setCellValue("010382-2191");
      row.createCell(1).setCellValue("Jens Hansen");
      row.createCell(3).setCellValue("Sygedagpenge");
      row.createCell(4).setCellValue(LocalDate.of(2022, 1, 15));
      row.getCell(4).setCellStyle(us);
      row.createCell(5).setCellValue("nej");
      write(workbook, name);
    }
  }

  /** Five people on the first sheet, five more on a second sheet that has no header row. */
  private static void secondSheetWithoutHeader(String name) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet first = workbook.createSheet("Ark1");
      header(first.createRow(0));
      Sheet second = workbook.createSheet("Ark2");
      for (int i = 0; i < 10; i++) {
        Sheet sheet = i < 5 ? first : second;
        person(sheet.createRow(i < 5 ? i + 1 : i - 5), String.format("%02d0382-22%02d", i + 1, 30 + i));
      }
      write(workbook, name);
    }
  }

  private static byte[] workbook(int people, String serial) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Ark1");
      header(sheet.createRow(0));
      for (int i = 1; i <= people; i++) {
        person(sheet.createRow(i), String.format("%02d%02d82-%s%02d", 1 + i % 28, 1 + i % 12, serial, i % 100));
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  /** The workbook with its sheet XML made malformed at a row: the first rows read, then the parser stops. */
  public static byte[] brokenAtRow(byte[] xlsx, int row) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(content, StandardCharsets.UTF_8);
          content = xml.replace("<row r=\"" + row + "\"", "<row r=\"" + row + "\" <<").getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static void header(Row row) {
    String[] names = HEADER.split(";");
    for (int i = 0; i < names.length; i++) {
      row.createCell(i).setCellValue(names[i]);
    }
  }

  private static void person(Row row, String cpr) {
    row.createCell(0).setCellValue(cpr);
    row.createCell(1).setCellValue("Person " + cpr.substring(7));
    row.createCell(3).setCellValue("Sygedagpenge");
    row.createCell(4).setCellValue("2022-01-15");
    row.createCell(5).setCellValue("nej");
  }

  private static void write(XSSFWorkbook workbook, String name) throws Exception {
    try (var out = Files.newOutputStream(FOLDER.resolve(name))) {
      workbook.write(out);
    }
  }
}
