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
  static final Questionnaire QUESTIONNAIRE = ConfigLoader.questionnaire(TestFiles.questionnaireConfig());

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
    assertThat(rows.get(0).get(4)).isEqualTo(ReportContent.CENSUS);
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
      Row q1 = rowStartingWith(results, "q1 ", "Andel");
      assertThat(q1.getCell(2).getStringCellValue()).isEqualTo("<5");
      assertThat(q1.getCell(5).getStringCellValue()).as("n is hidden too").isEqualTo("<5");
      assertThat(q1.getCell(7).getNumericCellValue()).as("the national benchmark").isEqualTo(0.61);
      Row q2 = rowStartingWith(results, "q2 ", "Andel");
      assertThat(q2.getCell(2).getNumericCellValue()).isEqualTo(0.5);
      assertThat(q2.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
      assertThat(rowStartingWith(workbook.getSheet("Ydelsesgrupper (vægtet)"), "q2 ", null).getCell(2).getStringCellValue())
          .as("dagpenge: no answers").isEqualTo("–");
      Row dagpenge = rowStartingWith(workbook.getSheet("Svarprocent"), "Dagpenge", null);
      assertThat(dagpenge.getCell(2).getStringCellValue()).isEqualTo("<5");
      assertThat(dagpenge.getCell(1).getNumericCellValue()).isEqualTo(10);
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
    Questionnaire questionnaire = ConfigLoader.questionnaire(questionnaireFile);
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
      assertThat(rowStartingWith(workbook.getSheet("Resultater"), "q1 ", "Andel positive (5-7)").getCell(2).getStringCellValue())
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
}
