package dk.jobsurvey.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.estimate.TabulateEstimates;
import dk.jobsurvey.support.WeightedPipeline;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The report step on the shared test pipeline: workbooks against published/, HTML self-contained and rendered. */
@ExtendWith(SparkTestSession.class)
class WriteReportsTest {
  static Warehouse warehouse;
  static List<String> files;

  @BeforeAll
  static void reports(SparkSession spark) throws Exception {
    warehouse = WeightedPipeline.get(spark).warehouse();
    new TabulateEstimates(WeightedPipeline.SURVEY, WeightedPipeline.VERSIONS, warehouse).execute();
    files = new WriteReports(WeightedPipeline.SURVEY, WeightedPipeline.QUESTIONNAIRE, warehouse, Optional.empty()).execute();
  }

  static Path local(String file) {
    return Path.of(URI.create(file));
  }

  /**
   * What a municipality is sent or shown is the deliverables and nothing beside them: no Hadoop
   * {@code .crc} checksum files, no hidden or set-aside files, in any outbox or report folder.
   */
  @Test
  void outboxAndReportFoldersHoldTheDeliverablesOnly() throws Exception {
    java.util.regex.Pattern deliverable = java.util.regex.Pattern.compile(
        "(datakvalitet|digital_post_[a-z0-9]+|sms_[a-z0-9]+|sms_ekstra_[a-z0-9]+|rapport)_[0-9]{3}_[0-9]{4}Q[1-4]\\.(xlsx|csv|html|pdf)"
            + "|landsrapport_[0-9]{4}Q[1-4]\\.(xlsx|html|pdf)");
    List<Path> found = new java.util.ArrayList<>();
    for (org.apache.hadoop.fs.Path folder : List.of(warehouse.outbox(WeightedPipeline.SURVEY.round()),
        warehouse.reports(WeightedPipeline.SURVEY.round()))) {
      try (var walk = Files.walk(local(folder.toString()))) {
        walk.filter(Files::isRegularFile).forEach(found::add);
      }
    }
    assertThat(found).as("outbox and report files").hasSizeGreaterThan(files.size())
        .allSatisfy(file -> assertThat(file.getFileName().toString()).matches(deliverable));
  }

  /**
   * With Chromium, each page gets an A4 PDF beside it; a rerun without Chromium removes them (they
   * would show the old figures); a Chromium that fails leaves every report as it was.
   */
  @Test
  void pdfsArePrintedRemovedWhenNotAndAFailedPrintChangesNothing(@TempDir Path dir) throws Exception {
    Optional<Chromium> chromium = Chromium.find();
    Assumptions.assumeTrue(chromium.isPresent(), "no Chromium (.ci/run installs Debian's chromium)");
    List<String> printed = new WriteReports(WeightedPipeline.SURVEY, WeightedPipeline.QUESTIONNAIRE, warehouse, chromium).execute();
    List<String> pdfs = printed.stream().filter(f -> f.endsWith(".pdf")).toList();
    assertThat(pdfs).hasSize(files.size() / 2);
    java.util.Set<String> headings = new java.util.HashSet<>();
    for (String pdf : pdfs) {
      byte[] bytes = Files.readAllBytes(local(pdf));
      assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).as(pdf).isEqualTo("%PDF-");
      try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(bytes)) {
        org.apache.pdfbox.pdmodel.common.PDRectangle a4 = org.apache.pdfbox.pdmodel.common.PDRectangle.A4;
        assertThat(document.getPage(0).getMediaBox().getWidth()).as("A4").isCloseTo(a4.getWidth(), within(1f));
        String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        assertThat(text).contains("Svarprocent", "Noter");
        // The printer reuses its tabs page after page: each PDF must show its own page, not the one before.
        String html = Files.readString(local(pdf.substring(0, pdf.length() - ".pdf".length()) + ".html"));
        String heading = html.substring(html.indexOf("<h1>") + 4, html.indexOf("</h1>"));
        assertThat(heading).as("a heading without markup or escapes").doesNotContain("&", "<");
        assertThat(text.lines().findFirst()).as(pdf).contains(heading);
        headings.add(heading);
      }
    }
    assertThat(headings).as("one heading per report").hasSize(pdfs.size());
    assertThat(new dk.jobsurvey.warehouse.IdentifierScan(warehouse.spark(), warehouse.deliverables())
        .findings(warehouse.reports(WeightedPipeline.SURVEY.round()), List.of())).as("the PDFs hold no identifier").isEmpty();

    Map<Path, Long> before = reportFiles();
    Path failing = Files.writeString(dir.resolve("chromium"), "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n");
    assertThat(failing.toFile().setExecutable(true)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WriteReports(WeightedPipeline.SURVEY,
        WeightedPipeline.QUESTIONNAIRE, warehouse, Optional.of(new Chromium(failing))).execute())
        .hasStackTraceContaining("could not print").hasStackTraceContaining("exit 3");
    assertThat(reportFiles()).as("every report as it was").isEqualTo(before);

    new WriteReports(WeightedPipeline.SURVEY, WeightedPipeline.QUESTIONNAIRE, warehouse, Optional.empty()).execute();
    assertThat(reportFiles().keySet()).as("no PDF left from the run with Chromium")
        .noneMatch(f -> f.toString().endsWith(".pdf")).hasSize(files.size());
  }

  /** Every file under the round's reports folder, with its last-modified time. */
  private static Map<Path, Long> reportFiles() throws Exception {
    Map<Path, Long> found = new java.util.TreeMap<>();
    try (var walk = Files.walk(local(warehouse.reports(WeightedPipeline.SURVEY.round()).toString()))) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        found.put(file, Files.getLastModifiedTime(file).toMillis());
      }
    }
    return found;
  }

  @Test
  void aWorkbookAndAPageForTheNationAndEachMunicipality() {
    assertThat(files).hasSize(8);
    assertThat(files.get(0)).endsWith("landsrapport_" + WeightedPipeline.SURVEY.round() + ".html");
    assertThat(files).anySatisfy(f -> assertThat(f).endsWith("/825/rapport_825_" + WeightedPipeline.SURVEY.round() + ".xlsx"));
    files.forEach(f -> assertThat(local(f)).isNotEmptyFile());
  }

  @Test
  void workbookFiguresArePublishedEstimatesAndHiddenCellsReadAsHidden() throws Exception {
    int compared = 0;
    for (String code : List.of("825", "563", "482")) {
      Path file = local(files.stream().filter(f -> f.endsWith("rapport_" + code + "_" + WeightedPipeline.SURVEY.round() + ".xlsx"))
          .findFirst().orElseThrow());
      try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
        assertThat(workbook.getSheet("Noter")).isNotNull();
        // Resultater: item rows by their label, "Andel positive (4-5)" → column 2 is the weighted estimate, 5 is n, 7 the
        // difference to the other municipalities.
        for (Row row : workbook.getSheet("Resultater")) {
          String item = row.getRowNum() < 3 ? null : ITEM_OF_LABEL.get(text(row.getCell(0)));
          if (item == null) {
            continue;
          }
          String statistic = text(row.getCell(1)).startsWith("Andel") ? "share_positive" : "mean";
          org.apache.spark.sql.Row published = published("kommune", item, statistic, code, null);
          compared += compare(row.getCell(2), row.getCell(5), published);
          compareDifference(row.getCell(7), published);
        }
        // Ydelsesgrupper: one row per item and group: 1 the group, 3 the weighted share, 6 n, 7 the difference.
        for (Row row : workbook.getSheet("Ydelsesgrupper (vægtet)")) {
          String item = row.getRowNum() < 3 ? null : ITEM_OF_LABEL.get(text(row.getCell(0)));
          if (item == null) {
            continue;
          }
          String group = WeightedPipeline.SURVEY.groups().stream().filter(g -> g.label().equals(text(row.getCell(1))))
              .findFirst().orElseThrow().id();
          org.apache.spark.sql.Row published = published("kommune_ydelsesgruppe", item, "share_positive", code, group);
          compared += compare(row.getCell(3), row.getCell(6), published);
          compareDifference(row.getCell(7), published);
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
  }

  static final Map<String, String> ITEM_OF_LABEL = WeightedPipeline.QUESTIONNAIRE.items().stream()
      .collect(java.util.stream.Collectors.toMap(dk.jobsurvey.config.Questionnaire.Item::label,
          dk.jobsurvey.config.Questionnaire.Item::id));

  /** The workbook's difference is the published one (shares in percentage points); hidden or none as the figure is. */
  static void compareDifference(Cell difference, org.apache.spark.sql.Row published) {
    if (published.<Boolean>getAs("suppressed")) {
      assertThat(text(difference)).isEqualTo("<5");
    } else if (published.isNullAt(published.fieldIndex("difference_to_others"))) {
      assertThat(text(difference)).isEqualTo(published.<Long>getAs("n") == 0 ? "–" : ReportWording.NOT_COMPARED);
    } else {
      // As it reads: percentage points with one decimal for a share, two decimals for a mean.
      boolean share = published.getAs("statistic").equals("share_positive");
      assertThat(difference.getNumericCellValue()).isCloseTo((share ? 100 : 1) * published.<Double>getAs("difference_to_others"),
          within((share ? 0.05 : 0.005) + 1e-9));
    }
  }

  static Map<List<String>, org.apache.spark.sql.Row> published;

  /** The weighted published row of a table, item, statistic, municipality and group (null = all). */
  static synchronized org.apache.spark.sql.Row published(String table, String item, String statistic, String code, String group) {
    if (published == null) {
      published = new HashMap<>();
      for (org.apache.spark.sql.Row row : warehouse.readRound(Table.ESTIMATES, WeightedPipeline.SURVEY.round())
          .where("weighted AND table_name IN ('kommune', 'kommune_ydelsesgruppe')").collectAsList()) {
        published.put(Arrays.asList(row.getAs("table_name"), row.getAs("item"), row.getAs("statistic"), row.getAs("kommunekode"),
            row.getAs("ydelsesgruppe")), row);
      }
    }
    return published.get(Arrays.asList(table, item, statistic, code, group));
  }

  /** The workbook's figure equals the published one; a hidden one reads "<5"; no answers read "–". */
  static int compare(Cell estimate, Cell n, org.apache.spark.sql.Row published) {
    if (published.<Boolean>getAs("suppressed")) {
      assertThat(text(estimate)).isEqualTo("<5");
    } else if (published.isNullAt(published.fieldIndex("estimate"))) {
      assertThat(text(estimate)).isEqualTo("–");
    } else {
      assertThat(estimate.getNumericCellValue()).isCloseTo(published.<Double>getAs("estimate"), within(1e-12));
      if (n != null) {
        assertThat((long) n.getNumericCellValue()).isEqualTo(published.<Long>getAs("n"));
      }
    }
    return 1;
  }

  static String text(Cell cell) {
    return cell == null ? "" : cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : String.valueOf(cell.getNumericCellValue());
  }

  @Test
  void theHtmlNeedsNothingFromTheNetworkAndShowsChartsAndHiddenCells() throws Exception {
    for (String file : files.stream().filter(f -> f.endsWith(".html")).toList()) {
      String html = Files.readString(local(file));
      assertThat(html).as(file).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//")
          .doesNotContainPattern("(?i)url\\(\\s*[\"']?(https?:)?//").doesNotContainPattern("(?i)@import")
          .doesNotContainPattern("(?i)<script").contains("<svg", "<table", "Noter");
    }
  }

  @Test
  void headlessChromiumRendersThePageWithChartsAndText(@TempDir Path dir) throws Exception {
    // The report step's own Chromium (its flags, its search for an install), as it prints the PDFs.
    Optional<Chromium> chromium = Chromium.find();
    Assumptions.assumeTrue(chromium.isPresent(), "no Chromium found (.ci/run installs Debian's chromium)");
    Path png = dir.resolve("page.png");
    chromium.get().screenshot(local(files.get(0)), png, 1100, 1600);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1100);
    long inked = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          inked++;
        }
      }
    }
    assertThat(inked).as("pixels that are not white").isGreaterThan(image.getWidth() * image.getHeight() / 4 / 50);
    assertThat(colours).as("text, bars and lines in several colours").hasSizeGreaterThan(20);
    assertThat(colours.stream().filter(rgb -> (rgb & 0xff) > ((rgb >> 16) & 0xff) + 60).count()).as("blue bar pixels").isPositive();
  }
}
