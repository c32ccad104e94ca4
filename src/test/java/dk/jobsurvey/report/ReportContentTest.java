package dk.jobsurvey.report;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report of hand-made published figures: a hidden cell reads "<5", never 0 or blank; no answers read "–". */
class ReportContentTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  static final Questionnaire QUESTIONNAIRE = ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2023Q2");

  static PublishedResults results() {
    List<PublishedResults.Estimate> estimates = new ArrayList<>();
    // 825: q1 share hidden (primary), q2 share published; the nation has both.
    estimates.add(new PublishedResults.Estimate("kommune", "q1", "share_positive", "825", null, true, null, null, null, null, true));
    estimates.add(new PublishedResults.Estimate("kommune", "q2", "share_positive", "825", null, true, 12L, 0.5, 0.2, 0.8, false));
    estimates.add(new PublishedResults.Estimate("national", "q1", "share_positive", null, null, true, 900L, 0.61, 0.58, 0.64, false));
    estimates.add(new PublishedResults.Estimate("kommune_ydelsesgruppe", "q2", "share_positive", "825", "dagpenge", true, 0L,
        null, null, null, false));
    List<PublishedResults.Rate> rates = List.of(
        new PublishedResults.Rate("825", null, 60, 20L, 0.33, 200L, 20.0, false),
        new PublishedResults.Rate("825", "dagpenge", 10, null, null, null, null, true));
    return new PublishedResults(estimates, rates);
  }

  static final String Q1 = "Mødt med tillid";
  static final String Q2 = "Udgangspunkt i min situation";

  static Row rowStartingWith(Sheet sheet, String prefix, String statistic) {
    for (Row row : sheet) {
      if (row.getCell(0) != null && row.getCell(0).getStringCellValue().startsWith(prefix)
          && (statistic == null || row.getCell(1).getStringCellValue().startsWith(statistic))) {
        return row;
      }
    }
    throw new AssertionError("no row " + prefix);
  }

  /** A pilot's total is not the country's: the national figures are labelled with the municipalities that take part. */
  @Test
  void nationalFiguresSayHowManyMunicipalitiesTheyAreOf() {
    assertThat(new ReportContent(results(), SURVEY, QUESTIONNAIRE, null).title()).isEqualTo("Alle deltagende kommuner (1)");
    assertThat(new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825").results().headers())
        .contains("Alle deltagende kommuner (1) (vægtet)").noneMatch(header -> header.contains("Hele landet"));
    List<PublishedResults.Rate> everyone = dk.jobsurvey.config.Municipalities.all().stream()
        .map(m -> new PublishedResults.Rate(m.code(), null, 60, 20L, 0.33, 200L, 20.0, false)).toList();
    assertThat(new ReportContent(new PublishedResults(results().estimates(), everyone), SURVEY, QUESTIONNAIRE, null).title())
        .isEqualTo("Hele landet");
  }

  /** 825 has 60 sampled against a target of 200 responses: asked in full, it reads as a census, not as 200. */
  @Test
  void aTargetAboveTheSampleReadsAsACensus() {
    List<List<Object>> rows = new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825").responseRates().rows();
    assertThat(rows.get(rows.size() - 1).get(0)).hasToString("I alt");
    assertThat(rows.get(rows.size() - 1).get(4)).isEqualTo(ReportContent.CENSUS);
    List<PublishedResults.Rate> large = List.of(new PublishedResults.Rate("825", null, 900, 300L, 0.33, 200L, 300.0, false));
    assertThat(new ReportContent(new PublishedResults(results().estimates(), large), SURVEY, QUESTIONNAIRE, "825")
        .responseRates().rows().get(0).get(4)).isNotEqualTo(ReportContent.CENSUS).asString().contains("200");
  }

  @Test
  void hiddenCellsReadAsHiddenInTheWorkbookAndThePage() throws Exception {
    ReportContent content = new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReportWorkbook.write(content, bytes);
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes.toByteArray()))) {
      Sheet results = workbook.getSheet("Resultater");
      Row q1 = rowStartingWith(results, Q1, "Andel");
      assertThat(q1.getCell(2).getStringCellValue()).isEqualTo("<5");
      assertThat(q1.getCell(5).getStringCellValue()).as("n is hidden too").isEqualTo("<5");
      assertThat(q1.getCell(7).getStringCellValue()).as("and the difference to the others").isEqualTo("<5");
      assertThat(q1.getCell(8).getNumericCellValue()).as("the national benchmark").isEqualTo(0.61);
      Row q2 = rowStartingWith(results, Q2, "Andel");
      assertThat(q2.getCell(2).getNumericCellValue()).isEqualTo(0.5);
      assertThat(q2.getCell(2).getCellStyle().getDataFormatString()).as("12 answers: uncertain").isEqualTo("0.0%\" *\"");
      Row dagpenge = rowStartingWith(workbook.getSheet("Ydelsesgrupper (vægtet)"), Q2, null);
      assertThat(dagpenge.getCell(1).getStringCellValue()).isEqualTo("Dagpenge");
      assertThat(dagpenge.getCell(3).getStringCellValue()).as("dagpenge: no answers").isEqualTo("–");
      Row dagpengeRate = rowStartingWith(workbook.getSheet("Svarprocent"), "Dagpenge", null);
      assertThat(dagpengeRate.getCell(2).getStringCellValue()).isEqualTo("<5");
      assertThat(dagpengeRate.getCell(1).getNumericCellValue()).isEqualTo(10);
      assertThat(workbook.getSheet("Noter").getRow(2).getCell(0).getStringCellValue()).contains("published/estimates");
    }
    String html = HtmlReport.render(content);
    assertThat(html).contains("<td class=\"hidden\">&lt;5</td>", "50,0 %", "61,0 %", "skjult, fordi færre end 5 har svaret");
  }

  /** A stricter threshold and another scale in the configuration: the reports say what was configured, not "<5" or "4-5". */
  @Test
  void theWordsThatStateARuleComeFromTheConfiguration(@TempDir Path dir) throws Exception {
    Path surveyFile = Files.writeString(dir.resolve("survey.yaml"), Files.readString(TestFiles.surveyConfig())
        .replace("min_respondents: 5 ", "min_respondents: 10 "));
    Path questionnaireFile = Files.writeString(dir.resolve("questionnaire.yaml"), Files.readString(TestFiles.questionnaireConfig())
        .replace("scale: {min: 1, max: 5}", "scale: {min: 1, max: 7}").replace("positive_values: [4, 5]", "positive_values: [5, 6, 7]"));
    Survey survey = ConfigLoader.survey(surveyFile);
    Questionnaire questionnaire = ConfigLoader.questionnaire(questionnaireFile, "2023Q2");
    assertThat(survey.suppression().minRespondents()).as("the edited configuration").isEqualTo(10);
    ReportContent content = new ReportContent(results(), survey, questionnaire, "825");

    String html = HtmlReport.render(content);
    assertThat(html).contains("<td class=\"hidden\">&lt;10</td>", "skjult, fordi færre end 10 har svaret",
        "færre end 10 svar", "andel positive svar (5-7)", "svarer 5, 6 eller 7 på skalaen 1-7", "Andel positive (5-7)",
        "Gennemsnit (1-7)");
    assertThat(html).doesNotContain("&lt;5<", "færre end 5", "(4-5)", "1-5");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReportWorkbook.write(content, bytes);
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(rowStartingWith(workbook.getSheet("Resultater"), Q1, "Andel positive (5-7)").getCell(2).getStringCellValue())
          .isEqualTo("<10");
      assertThat(rowStartingWith(workbook.getSheet("Svarprocent"), "Dagpenge", null).getCell(2).getStringCellValue()).isEqualTo("<10");
      List<String> texts = new ArrayList<>();
      workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
          texts.add(cell.getStringCellValue());
        }
      })));
      assertThat(texts).anyMatch(t -> t.startsWith("<10: skjult, fordi færre end 10 har svaret"))
          .noneMatch(t -> t.contains("færre end 5") || t.equals("<5") || t.contains("(4-5)"));
    }
  }

  private static PublishedResults compared(double difference, double se, long n) {
    List<PublishedResults.Estimate> estimates = new ArrayList<>(results().estimates());
    estimates.add(new PublishedResults.Estimate("kommune", "q3", "share_positive", "825", null, true, n, 0.7, 0.66, 0.74,
        difference, se, false));
    return new PublishedResults(estimates, results().rates());
  }

  /** ▲ above the others, ▼ below, nothing where |d| ≤ 1.96 SE; the cell stays a number with the mark in its format. */
  @Test
  void aSignificantDifferenceToTheOthersIsMarkedInThePageAndTheWorkbook() throws Exception {
    // d/SE = ±4, 1.5, and either side of 1.959964.
    for (double[] c : new double[][] {{0.08, 0.02, 1}, {-0.08, 0.02, -1}, {0.03, 0.02, 0}, {0.0395, 0.02, 1}, {0.0389, 0.02, 0}}) {
      ReportContent content = new ReportContent(compared(c[0], c[1], 400), SURVEY, QUESTIONNAIRE, "825");
      List<Object> row = content.results().rows().stream().filter(r -> r.get(0).equals("Fagpersonerne arbejder sammen")
          && r.get(1).toString().startsWith("Andel")).findFirst().orElseThrow();
      ReportTable.Figure figure = (ReportTable.Figure) row.get(7);
      String expected = c[2] > 0 ? ReportTable.Marks.ABOVE : c[2] < 0 ? ReportTable.Marks.BELOW : "";
      assertThat(figure.mark()).as("d = %s, se = %s", c[0], c[1]).isEqualTo(expected);
      assertThat(figure.number()).isEqualTo(String.format(java.util.Locale.forLanguageTag("da"), "%+.1f", 100 * c[0]));
      assertThat(((ReportTable.Figure) row.get(2)).mark()).as("400 answers and a CI of ±4 points").isEmpty();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ReportWorkbook.write(content, bytes);
      try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes.toByteArray()))) {
        org.apache.poi.ss.usermodel.Cell cell = rowStartingWith(workbook.getSheet("Resultater"), "Fagpersonerne", "Andel").getCell(7);
        assertThat(cell.getNumericCellValue()).as("percentage points, one decimal").isCloseTo(100 * c[0],
            org.assertj.core.api.Assertions.within(0.05 + 1e-9));
        assertThat(cell.getCellStyle().getDataFormatString()).contains(expected);
      }
      String html = HtmlReport.render(content);
      assertThat(html.contains("<span class=\"above\" aria-hidden=\"true\">▲</span><span class=\"sr\">signifikant over</span>"))
          .isEqualTo(c[2] > 0);
      assertThat(html.contains("<span class=\"below\" aria-hidden=\"true\">▼</span><span class=\"sr\">signifikant under</span>"))
          .isEqualTo(c[2] < 0);
      assertThat(html).contains(content.wording().comparison());
    }
  }

  /** Fewer than reports.uncertain_below_n answers, or a CI wider than ± uncertain_ci_half_width points: marked *. */
  @Test
  void fewAnswersOrAWideIntervalMarkAFigureAsUncertain() {
    ReportContent content = new ReportContent(compared(0.01, 0.02, 29), SURVEY, QUESTIONNAIRE, "825");
    PublishedResults.Estimate narrow = new PublishedResults.Estimate("kommune", "q3", "share_positive", "825", null, true, 30L,
        0.7, 0.61, 0.79, false);
    PublishedResults.Estimate wide = new PublishedResults.Estimate("kommune", "q3", "share_positive", "825", null, true, 400L,
        0.7, 0.59, 0.81, false);
    assertThat(content.uncertain(narrow, "share_positive")).as("30 answers, ±9 points").isFalse();
    assertThat(content.uncertain(wide, "share_positive")).as("±11 points").isTrue();
    PublishedResults.Estimate wideMean = new PublishedResults.Estimate("kommune", "q3", "mean", "825", null, true, 400L,
        3.5, 3.05, 3.95, false);
    assertThat(content.uncertain(wideMean, "mean")).as("±0.45 on a 4-point range is ±11 %").isTrue();
    List<Object> row = content.results().rows().stream().filter(r -> r.get(0).equals("Fagpersonerne arbejder sammen")
        && r.get(1).toString().startsWith("Andel")).findFirst().orElseThrow();
    assertThat(((ReportTable.Figure) row.get(2)).mark()).as("29 answers").isEqualTo(ReportTable.Marks.UNCERTAIN);
    assertThat(content.results().notes()).contains(content.wording().uncertain());
    assertThat(content.wording().uncertain()).contains("færre end 30 svar", "±10 point");
  }

  /** Nationally: municipalities in code order and a total row; its responses hidden when any municipality's are. */
  @Test
  void theNationalResponseTableIsInCodeOrderWithATotal() {
    List<PublishedResults.Rate> rates = List.of(
        new PublishedResults.Rate("851", null, 1000, 300L, 0.3, 200L, 300.0, false),
        new PublishedResults.Rate("101", null, 2000, 500L, 0.25, 200L, 500.0, false),
        new PublishedResults.Rate("101", "dagpenge", 400, 100L, 0.25, null, null, false),
        new PublishedResults.Rate("147", null, 150, 60L, 0.4, 200L, 60.0, false));
    List<List<Object>> rows = new ReportContent(new PublishedResults(results().estimates(), rates), SURVEY, QUESTIONNAIRE, null)
        .responseRates().rows();
    assertThat(rows).extracting(r -> r.get(0).toString())
        .containsExactly("101 København", "147 Frederiksberg", "851 Aalborg", "I alt");
    List<Object> total = rows.get(3);
    assertThat(((ReportTable.Figure) total.get(1)).value()).isEqualTo(3150);
    assertThat(((ReportTable.Figure) total.get(2)).value()).isEqualTo(860);
    assertThat(((ReportTable.Figure) total.get(3)).value()).isCloseTo(860.0 / 3150, org.assertj.core.api.Assertions.within(1e-12));
    List<PublishedResults.Rate> oneHidden = List.of(rates.get(0), rates.get(1),
        new PublishedResults.Rate("147", null, 150, null, null, 200L, null, true));
    List<Object> hiddenTotal = new ReportContent(new PublishedResults(results().estimates(), oneHidden), SURVEY, QUESTIONNAIRE,
        null).responseRates().rows().get(3);
    assertThat(hiddenTotal.get(2)).as("the total minus the others would give 147 away").isSameAs(ReportTable.HIDDEN);
    assertThat(hiddenTotal.get(3)).as("so would the rate").isSameAs(ReportTable.HIDDEN);
    assertThat(hiddenTotal.get(5)).as("and the projection").isSameAs(ReportTable.HIDDEN);
    assertThat(total.get(4)).as("no total target: a census cannot meet one").isEqualTo("");
  }

  /** Nationally, per theme, every municipality with an index, highest first, around the overall line. */
  @Test
  void theNationalReportShowsTheSpreadOfTheMunicipalities() {
    List<PublishedResults.Estimate> estimates = new ArrayList<>();
    double[] index = {61, 74, 55};
    String[] codes = {"101", "147", "851"};
    for (int m = 0; m < codes.length; m++) {
      estimates.add(new PublishedResults.Estimate("kommune", "vaerdighed", "theme_index", codes[m], null, true, 100L, index[m],
          index[m] - 4, index[m] + 4, false));
    }
    estimates.add(new PublishedResults.Estimate("kommune", "vaerdighed", "theme_index", "825", null, true, null, null, null,
        null, true));
    estimates.add(new PublishedResults.Estimate("national", "vaerdighed", "theme_index", null, null, true, 400L, 63.0, 61.0,
        65.0, false));
    ReportContent content = new ReportContent(new PublishedResults(estimates, results().rates()), SURVEY, QUESTIONNAIRE, null);
    ReportContent.Chart chart = content.charts().stream().filter(c -> c.overall() != null).findFirst().orElseThrow();
    assertThat(chart.title()).startsWith("Værdighed");
    assertThat(chart.categories()).containsExactly("147 Frederiksberg", "101 København", "851 Aalborg");
    assertThat(chart.overall()).isEqualTo(63.0);
    assertThat(chart.description()).contains("3 kommuners", "1 kommuner vises ikke");
    assertThat(content.charts().stream().filter(c -> c.overall() != null)).as("the other themes have no figures here").hasSize(1);
    assertThat(new ReportContent(new PublishedResults(estimates, results().rates()), SURVEY, QUESTIONNAIRE, "101").charts())
        .noneMatch(c -> c.overall() != null);
    ReportTable indices = content.municipalityIndices();
    assertThat(indices.rows()).extracting(r -> r.get(0).toString())
        .containsExactly("101 København", "147 Frederiksberg", "825 Læsø", "851 Aalborg", content.nation());
    String html = HtmlReport.render(content);
    assertThat(html).contains("role=\"img\" aria-label=\"Prikdiagram over 3 kommuners temaindeks for Værdighed");
  }

  /** Charts and tables name items by their short labels; the full questions are listed once. */
  @Test
  void itemsAreNamedByTheirWholeShortLabels() {
    ReportContent content = new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825");
    List<String> categories = content.charts().stream().skip(1).flatMap(c -> c.categories().stream()).toList();
    assertThat(categories).containsExactlyInAnyOrderElementsOf(QUESTIONNAIRE.items().stream().map(Questionnaire.Item::label).toList());
    String html = HtmlReport.render(content);
    QUESTIONNAIRE.items().forEach(item -> assertThat(html).contains(HtmlReport.escape(item.text())));
    assertThat(html).doesNotContain("...");
  }

  /** Every sheet prints one page wide on A4, wide ones landscape, with the header row frozen and repeated. */
  @Test
  void workbooksPrintOnePageWideWithFrozenHeaders() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReportWorkbook.write(new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825"), bytes);
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes.toByteArray()))) {
      for (Sheet sheet : workbook) {
        assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getPrintSetup().getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
        assertThat(sheet.getPrintSetup().getFitHeight()).as(sheet.getSheetName()).isZero();
        assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
      }
      Sheet results = workbook.getSheet("Resultater");
      assertThat(results.getPrintSetup().getLandscape()).isTrue();
      assertThat(results.getPaneInformation().isFreezePane()).isTrue();
      assertThat(results.getPaneInformation().getHorizontalSplitPosition()).as("rows above the pane").isEqualTo((short) 3);
      assertThat(results.getRepeatingRows().getFirstRow()).as("the header row, repeated on every page").isEqualTo(2);
      assertThat(results.getRepeatingRows().getLastRow()).isEqualTo(2);
      assertThat(rowStartingWith(results, Q1, "Andel").getCell(0).getCellStyle().getWrapText()).isTrue();
      assertThat(results.getColumnWidth(0) / 256).isGreaterThanOrEqualTo(Questionnaire.Item.MAX_LABEL_LENGTH);
    }
  }

  /** Differences read signed, in percentage points for shares, and a difference that rounds to nothing has no sign. */
  @Test
  void differencesReadSignedAndANegligibleOneUnsigned() {
    assertThat(new ReportTable.Figure(0.042, ReportTable.Kind.SHARE_DIFFERENCE).number()).isEqualTo("+4,2");
    assertThat(new ReportTable.Figure(-0.3, ReportTable.Kind.MEAN_DIFFERENCE).number()).isEqualTo("-0,30");
    assertThat(new ReportTable.Figure(-0.001, ReportTable.Kind.MEAN_DIFFERENCE).number()).isEqualTo("0,00");
    assertThat(new ReportTable.Figure(-0.04, ReportTable.Kind.INDEX_DIFFERENCE).number()).isEqualTo("0,0");
    assertThat(new ReportTable.Figure(0.042, ReportTable.Kind.SHARE_DIFFERENCE, ReportTable.Marks.ABOVE).text()).isEqualTo("+4,2 ▲");
  }

  /** A figure with answers but no published difference reads "ikke sml.", which the legend explains; not "–" (no answers). */
  @Test
  void aFigureWithoutAComparisonSaysSo() {
    ReportContent content = new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825");
    List<Object> q2 = content.results().rows().stream().filter(r -> r.get(0).equals(Q2) && r.get(1).toString().startsWith("Andel"))
        .findFirst().orElseThrow();
    assertThat(q2.get(7)).isEqualTo(ReportWording.NOT_COMPARED);
    assertThat(content.wording().comparison()).contains(ReportWording.NOT_COMPARED + ": ingen sammenligning");
    List<Object> dagpenge = content.byGroup().rows().stream().filter(r -> r.get(0).equals(Q2) && r.get(1).equals("Dagpenge"))
        .findFirst().orElseThrow();
    assertThat(dagpenge.get(7)).as("no answers at all").isNull();
  }

  /**
   * With an earlier round: the change column names it, a significant change is marked, a figure
   * without a change reads "ikke sml.", and a municipality without figures then is told so.
   */
  @Test
  void theChangeSinceThePreviousRoundIsShownAndAMunicipalityNewInTheRoundIsToldItHasNone() {
    List<PublishedResults.Estimate> estimates = new ArrayList<>(results().estimates());
    estimates.add(new PublishedResults.Estimate("kommune", "q2", "share_positive", "563", null, true, 40L, 0.6, 0.45, 0.75, false));
    List<PublishedResults.Change> changes = List.of(
        new PublishedResults.Change("kommune", "q2", "share_positive", "825", null, true, 0.12, 0.05, true),
        new PublishedResults.Change("national", "q1", "share_positive", null, null, true, -0.01, 0.02, false),
        new PublishedResults.Change(dk.jobsurvey.estimate.ChangesSinceLastRound.SAME_MUNICIPALITIES, "q1", "share_positive",
            null, null, true, -0.07, 0.02, true));
    PublishedResults results = new PublishedResults(estimates, results().rates(), java.util.Optional.of("2023Q2"), changes);

    ReportContent laesoe = new ReportContent(results, SURVEY, QUESTIONNAIRE, "825");
    ReportTable table = laesoe.results();
    int column = table.headers().indexOf("Udvikling siden 2023Q2");
    assertThat(column).as("the change column").isPositive();
    List<Object> q2 = table.rows().stream().filter(r -> r.get(0).equals(Q2) && r.get(1).toString().startsWith("Andel"))
        .findFirst().orElseThrow();
    ReportTable.Figure change = (ReportTable.Figure) q2.get(column);
    assertThat(change.number()).isEqualTo("+12,0");
    assertThat(change.mark()).isEqualTo(ReportTable.Marks.ABOVE);
    List<Object> q1 = table.rows().stream().filter(r -> r.get(0).equals(Q1) && r.get(1).toString().startsWith("Andel"))
        .findFirst().orElseThrow();
    assertThat(q1.get(column)).as("hidden now").isEqualTo(ReportTable.HIDDEN);
    assertThat(table.notes()).anySatisfy(n -> assertThat(n).startsWith("Udvikling siden 2023Q2").contains("uafhængige stikprøver"));
    assertThat(HtmlReport.render(laesoe)).contains("Udvikling siden 2023Q2", "+12,0");

    ReportContent fanoe = new ReportContent(results, SURVEY, QUESTIONNAIRE, "563");
    List<Object> fanoeQ2 = fanoe.results().rows().stream().filter(r -> r.get(0).equals(Q2) && r.get(1).toString().startsWith("Andel"))
        .findFirst().orElseThrow();
    assertThat(fanoeQ2.get(column)).as("a figure with answers and no change").isEqualTo(ReportWording.NOT_COMPARED);
    assertThat(fanoe.notes()).anySatisfy(n -> assertThat(n).contains("har ingen tal fra 2023Q2 at sammenligne med"));
    assertThat(laesoe.notes()).noneSatisfy(n -> assertThat(n).contains("har ingen tal fra"));

    ReportContent national = new ReportContent(results, SURVEY, QUESTIONNAIRE, null);
    assertThat(national.notes()).anySatisfy(n -> assertThat(n).contains("1 af dem har tal fra begge runder: 825 Læsø")
        .contains("sammenligner kun kommuner, der deltog i begge runder"));
    ReportTable nationalResults = national.results();
    int likeWithLike = nationalResults.headers().indexOf("Udvikling siden 2023Q2, samme kommuner");
    assertThat(likeWithLike).as("the like-with-like column").isPositive();
    List<Object> nationalQ1 = nationalResults.rows().stream().filter(r -> r.get(0).equals(Q1) && r.get(1).toString()
        .startsWith("Andel")).findFirst().orElseThrow();
    assertThat(((ReportTable.Figure) nationalQ1.get(likeWithLike)).mark()).isEqualTo(ReportTable.Marks.BELOW);
    assertThat(((ReportTable.Figure) nationalQ1.get(likeWithLike - 1)).mark()).as("all municipalities: -1 ± 2 points").isEmpty();
    assertThat(laesoe.results().headers()).noneMatch(h -> h.contains("samme"));
    ReportContent firstRound = new ReportContent(results(), SURVEY, QUESTIONNAIRE, "825");
    assertThat(firstRound.results().headers()).noneMatch(h -> h.startsWith("Udvikling"));
    assertThat(firstRound.notes()).anySatisfy(n -> assertThat(n).contains("dette er den første runde"));
  }
}
