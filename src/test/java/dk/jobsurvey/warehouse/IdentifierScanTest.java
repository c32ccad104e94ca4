package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What erase's last check looks at, attacked: identifiers planted in every kind of file a warehouse
 * can hold (text, HTML, a workbook, Parquet data, a Delta log's statistics, a Parquet checkpoint),
 * outside restricted/ and in a leftover work folder, as people type them. The scan must find each
 * file, name it and the kind of value but never the value, and leave alone the numbers that are not
 * identifiers (decimals, UUIDs in file names); erase must then fail loudly.
 */
@ExtendWith(SparkTestSession.class)
class IdentifierScanTest {
  private static final String CPR_NBSP = "070364\u00A01234";
  private static final String CPR_HYPHEN = "280397\u20119581";
  private static final String PHONE_DOTS = "79.57.36.44";
  private static final String PHONE_SPACES = "+45 21 43 65 87";
  private static final List<String> VALUES = List.of(CPR_NBSP, CPR_HYPHEN, PHONE_DOTS, PHONE_SPACES, "0703641234",
      "2803979581", "79573644", "21436587");

  /** The planted files, each with the kind of value it holds. */
  private static Map<String, String> plant(SparkSession spark, Path root) throws Exception {
    Map<String, String> planted = new TreeMap<>();
    write(root.resolve("analysis/notes/note.txt"), "Borgeren ringede fra " + PHONE_DOTS + " i går");
    planted.put("analysis/notes/note.txt", "a phone number");
    write(root.resolve("published/reports/2023Q2/101.html"), "<td>" + CPR_NBSP + "</td>");
    planted.put("published/reports/2023Q2/101.html", "a CPR number");
    Path workbook = root.resolve("published/reports/2023Q2/101.xlsx");
    try (XSSFWorkbook xlsx = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
      xlsx.createSheet("Resultater").createRow(3).createCell(2).setCellValue("tlf. " + PHONE_SPACES);
      xlsx.write(out);
    }
    planted.put("published/reports/2023Q2/101.xlsx", "a phone number");
    // A PDF report: its text holds a CPR number; a clean one's bytes hold ten-digit cross-reference offsets only.
    pdf(root.resolve("published/reports/2023Q2/101.pdf"), "Borger " + "0703641234" + " svarede");
    planted.put("published/reports/2023Q2/101.pdf", "a CPR number");
    pdf(root.resolve("published/reports/2023Q2/147.pdf"), "Ring til 20 30 40 50", "Mål");
    planted.put("published/reports/2023Q2/147.pdf", "a phone number");
    // A table row's cells (index, CI, n) that a text joined by spaces would read as the phone number 72 68 76 45.
    pdf(root.resolve("published/clean/landsrapport.pdf"), "Svarprocent 25,2 % af 1.558 udtrukne", "72", "68", "76", "45");
    spark.createDataset(List.of("ingen", CPR_HYPHEN), Encoders.STRING()).toDF("kommentar").coalesce(1).write()
        .parquet(root.resolve("analysis/kopi").toString());
    planted.put("analysis/kopi", "Parquet row(s)");
    // A Delta log whose column statistics kept a value (min/max of a text column), as stats do unless turned off.
    write(root.resolve("analysis/tabel/_delta_log/00000000000000000000.json"),
        "{\"add\":{\"path\":\"part-00000-3f2a9c1e-0d4b-4e4a-9b1c-5d6e7f8a9b0c-c000.snappy.parquet\",\"size\":10,"
            + "\"stats\":\"{\\\"numRecords\\\":1,\\\"minValues\\\":{\\\"kommunekode\\\":\\\"0703641234\\\"}}\"}}\n");
    planted.put("analysis/tabel/_delta_log/00000000000000000000.json", "a CPR number");
    spark.createDataset(List.of("{\"add\":{\"path\":\"a.parquet\",\"stats\":\"{\\\"minValues\\\":{\\\"x\\\":\\\"2803979581\\\"}}\"}}"),
        Encoders.STRING()).coalesce(1).write().text(root.resolve("tmp-json").toString());
    spark.read().json(root.resolve("tmp-json").toString()).coalesce(1).write()
        .parquet(root.resolve("analysis/andet/_delta_log").toString());
    deleteTree(root.resolve("tmp-json"));
    planted.put("analysis/andet/_delta_log", "a checkpoint holds a CPR number");
    write(root.resolve("restricted/staging/ingest-1/left.csv"), "cpr;navn\n" + CPR_HYPHEN + ";Jens Hansen\n");
    planted.put("restricted/staging/ingest-1/left.csv", "a CPR number");
    // Not identifiers: decimals of a share, a run id, a data file's UUID, a date and a count.
    write(root.resolve("published/clean/figures.txt"),
        "share 0.1205981234, run 3f2a9c1e-0d4b-4e4a-9b1c-5d6e7f8a9b0c, 2023-06-30, 12,345 respondents");
    // Delta's pointer to a table's latest checkpoint, as a table gets after ten commits: its checksum is hex, not a phone.
    write(root.resolve("published/clean/_delta_log/_last_checkpoint"), "{\"version\":10,\"size\":23,\"sizeInBytes\":27845,"
        + "\"numOfAddFiles\":11,\"checksum\":\"5e2a9f0e23456789b1c4d7e8f9a0b1c2\"}");
    write(root.resolve("restricted/identity/part-0.txt"), "restricted tables keep identifiers by design: " + CPR_NBSP);
    return planted;
  }

  @Test
  void everyPlantedFileIsFoundByNameAndKindAndNoValueIsShown(SparkSession spark, @TempDir Path root) throws Exception {
    Map<String, String> planted = plant(spark, root);
    IdentifierScan scan = new IdentifierScan(spark, org.apache.hadoop.fs.FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()));
    List<String> findings = new java.util.ArrayList<>();
    for (String folder : List.of("analysis", "published", "restricted/staging")) {
      findings.addAll(scan.findings(new org.apache.hadoop.fs.Path(root.resolve(folder).toUri()), List.of()));
    }
    assertThat(findings).hasSize(planted.size());
    planted.forEach((file, kind) -> assertThat(findings).as(file)
        .anySatisfy(finding -> assertThat(finding).contains(root.resolve(file).toString()).contains(kind)));
    assertThat(findings).noneMatch(f -> f.contains("clean") || f.contains("identity"));
    for (String value : VALUES) {
      assertThat(String.join("\n", findings)).doesNotContain(value);
    }
  }

  @Test
  void eraseFailsLoudlyNamingEveryFileThatStillHoldsAnIdentifier(SparkSession spark, @TempDir Path dir) throws Exception {
    Path root = dir.resolve("warehouse");
    Map<String, String> planted = plant(spark, root);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = Launcher.run(new String[] {"erase", "--config", TestFiles.surveyConfigWithKeysIn(dir).toString(),
        "--warehouse", root.toString(), "--confirm", "2023Q2"}, new PrintStream(printed, true, StandardCharsets.UTF_8),
        new PrintStream(errors, true, StandardCharsets.UTF_8));
    String error = errors.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(error).isEqualTo(1);
    assertThat(error).contains("left identifying data on disk");
    planted.keySet().forEach(file -> assertThat(error).as(file).contains(root.resolve(file).toString()));
    assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("checked on disk");
    for (String value : VALUES) {
      assertThat(error + printed.toString(StandardCharsets.UTF_8)).doesNotContain(value);
    }
  }

  /**
   * A one-page PDF with {@code cells} side by side on one line, as a table's row, written by PDFBox as any PDF writer
   * would (with its cross-reference table).
   */
  private static void pdf(Path file, String... cells) throws Exception {
    Files.createDirectories(file.getParent());
    try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
      document.addPage(page);
      try (org.apache.pdfbox.pdmodel.PDPageContentStream content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        for (String cell : cells) {
          content.showText(cell);
          content.newLineAtOffset(cell.length() * 8 + 24, 0);
        }
        content.endText();
      }
      document.save(file.toFile(), org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
    }
    assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).as("a PDF's offsets").containsPattern("[0-9]{10} [0-9]{5} n");
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path folder) throws Exception {
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
