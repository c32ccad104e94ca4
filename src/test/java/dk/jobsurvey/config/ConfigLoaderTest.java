package dk.jobsurvey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private static String shipped() throws IOException {
    return Files.readString(TestFiles.surveyConfig(), StandardCharsets.UTF_8);
  }

  /** The shipped survey.yaml with one text replaced; fails the test if the text is not there. */
  private Path surveyWith(String from, String to) throws IOException {
    String text = shipped();
    assertThat(text).contains(from);
    Path file = dir.resolve("survey.yaml");
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void shippedConfigurationHoldsTheDesignDefaults() {
    Survey survey = ConfigLoader.survey(TestFiles.surveyConfig());
    assertThat(survey.round()).isEqualTo("2023Q2");
    assertThat(survey.referenceDates().duration()).isEqualTo(LocalDate.of(2023, 6, 30));
    assertThat(survey.referenceDates().status()).isEqualTo(LocalDate.of(2023, 8, 1));
    assertThat(survey.groups()).extracting(BenefitGroup::id)
        .containsExactly("dagpenge", "sygedagpenge", "jobparate", "aktivitetsparate");
    assertThat(survey.groups()).extracting(BenefitGroup::expectedResponseRate).containsExactly(0.30, 0.25, 0.20, 0.12);
    assertThat(survey.group("dagpenge").orElseThrow().minDuration()).isEqualTo(new MinDuration(12, MinDuration.Unit.MONTHS));
    assertThat(survey.group("sygedagpenge").orElseThrow().minDuration()).isEqualTo(new MinDuration(8, MinDuration.Unit.WEEKS));
    assertThat(survey.sample().size()).isEqualTo(new SampleSettings.SampleSize(1000, 2000, 3000, 15000));
    assertThat(survey.sample().minGroupResponses()).isEqualTo(30);
    assertThat(survey.sample().minResponses()).isEqualTo(200);
    assertThat(survey.weighting().margins()).containsExactly(List.of("kommunekode", "ydelsesgruppe"),
        List.of("ydelsesgruppe", "koen"), List.of("ydelsesgruppe", "aldersgruppe"), List.of("ydelsesgruppe", "varighedsgruppe"));
    assertThat(survey.weighting().tolerance()).isEqualTo(1e-10);
    assertThat(survey.weighting().maxSweeps()).isEqualTo(1000);
    assertThat(survey.suppression().minRespondents()).isEqualTo(5);
    assertThat(survey.ageBands()).extracting(Band::label).containsExactly("18-29", "30-39", "40-49", "50-59", "60+");
    assertThat(survey.durationBands()).extracting(Band::from).containsExactly(0, 6, 12, 24);
    assertThat(survey.fieldwork().letters()).extracting(FieldworkSettings.Letter::sendWeek).containsExactly(35, 36, 37);
    assertThat(survey.tables()).extracting(TableSpec::name).contains("national", "kommune", "ydelsesgruppe_koen");
    assertThat(survey.ingest().headers().byColumn()).containsKeys("cpr", "kommunekode");
  }

  @Test
  void shippedQuestionnaireHasThirteenItemsInFourThemesAndTwoFreeTexts() {
    Questionnaire questionnaire = ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2023Q2");
    assertThat(questionnaire.items()).hasSize(13);
    assertThat(questionnaire.items().get(0).id()).isEqualTo("q1");
    assertThat(questionnaire.items().get(0).text()).isEqualTo("Oplever du at blive mødt med tillid i jobcentret?");
    assertThat(questionnaire.themes()).hasSize(4);
    questionnaire.themes().forEach(theme -> assertThat(questionnaire.itemsOf(theme.id())).isNotEmpty());
    assertThat(questionnaire.freeText()).extracting(Questionnaire.FreeText::id).containsExactly("q14", "q15");
    assertThat(questionnaire.positiveValues()).containsExactly(4, 5);
  }

  @Test
  void unknownKeyIsNamedWithItsPath() throws IOException {
    Path file = surveyWith("  min_responses: 200", "  min_responses: 200\n  min_respones: 200");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown key 'sample.min_respones'")
        .hasMessageContaining("min_responses");
  }

  @Test
  void missingKeyIsNamedWithItsPath() throws IOException {
    Path file = surveyWith("    n_max: 2000\n", "");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("missing key 'sample.size.n_max'");
  }

  @Test
  void wrongTypeSaysWhatIsExpected() throws IOException {
    Path file = surveyWith("    n_min: 1000", "    n_min: tusind");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'sample.size.n_min'")
        .hasMessageContaining("expected a whole number, got 'tusind'");
  }

  @Test
  void wrongTypeOfDateIsReported() throws IOException {
    Path file = surveyWith("  duration: 2023-06-30", "  duration: 30-06-2023");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'reference_dates.duration'")
        .hasMessageContaining("a date like 2023-06-30");
  }

  @Test
  void outOfRangeValueNamesTheKeyAndTheRange() throws IOException {
    Path file = surveyWith("    expected_response_rate: 0.12", "    expected_response_rate: 1.2");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'groups[3].expected_response_rate'")
        .hasMessageContaining("a rate in (0, 1], got 1.2");
  }

  @Test
  void inconsistentValuesAreOutOfRange() throws IOException {
    Path file = surveyWith("    n_max: 2000", "    n_max: 500");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .hasMessageContaining("key 'sample.size.n_max'")
        .hasMessageContaining("at least n_min (1000), got 500");
  }

  @Test
  void malformedDurationIsOutOfRange() throws IOException {
    Path file = surveyWith("min_duration: 12 months", "min_duration: 12 moons");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .hasMessageContaining("key 'groups[0].min_duration'")
        .hasMessageContaining("\"N weeks\" or \"N months\", got '12 moons'");
  }

  @Test
  void unknownDomainVariableInAMarginIsRejected() throws IOException {
    Path file = surveyWith("    - [ydelsesgruppe, koen]", "    - [ydelsesgruppe, kon]");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .hasMessageContaining("key 'weighting.margins'")
        .hasMessageContaining("got 'kon'");
  }

  @Test
  void invalidRoundIsRejected() throws IOException {
    Path file = surveyWith("round: 2023Q2", "round: 2023-2");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .hasMessageContaining("key 'round'")
        .hasMessageContaining("a year and quarter like 2023Q2");
  }

  @Test
  void repeatedKeyIsNamedWithItsPath() throws IOException {
    Path file = surveyWith("  min_respondents: 5", "  min_respondents: 5\n  min_respondents: 2");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("duplicate key 'suppression.min_respondents' at line");
  }

  @Test
  void repeatedTopLevelKeyIsNamed() throws IOException {
    Path file = surveyWith("round: 2023Q2", "round: 2023Q2\nround: 2023Q3");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("duplicate key 'round' at line");
  }

  @Test
  void minRespondentsBelowTheSeedsFloorIsRefused() throws IOException {
    Path file = surveyWith("  min_respondents: 5", "  min_respondents: 4");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'suppression.min_respondents'")
        .hasMessageContaining("5 or more, got 4")
        .hasMessageContaining("the seed's rule is a floor of 5");
  }

  @Test
  void notYamlNamesTheLine() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "round: \"2023Q2\nsample:\n");
    assertThatThrownBy(() -> ConfigLoader.survey(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid YAML at line");
  }

  @Test
  void missingAndEmptyFilesAreReported() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.survey(dir.resolve("nope.yaml")))
        .hasMessageContaining("nope.yaml: file not found");
    Path empty = Files.createFile(dir.resolve("empty.yaml"));
    assertThatThrownBy(() -> ConfigLoader.survey(empty)).hasMessageContaining("the file is empty");
  }

  @Test
  void aThemeListingAnItemThatIsNotAskedIsRejected() throws IOException {
    Path file = editedQuestionnaire("items: [q4, q5, q11]}", "items: [q4, q5, q17]}");
    assertThatThrownBy(() -> ConfigLoader.questionnaireVersions(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("versions.pilot-2023.themes.relevans")
        .hasMessageContaining("got 'q17'");
  }

  @Test
  void twoItemsWithTheSameLabelInAVersionAreRejected() throws IOException {
    Path file = editedQuestionnaire("label: Aftalte, hvad der skal ske", "label: formålet med samtalen var klart");
    assertThatThrownBy(() -> ConfigLoader.questionnaireVersions(file))
        .hasMessageContaining("versions.pilot-2023.items.q10.label")
        .hasMessageContaining("appears twice");
  }

  @Test
  void aLabelTooLongForAChartIsRejected() throws IOException {
    Path file = editedQuestionnaire("label: Mødt med tillid", "label: Oplever du at blive mødt med tillid i jobcentret?");
    assertThatThrownBy(() -> ConfigLoader.questionnaireVersions(file))
        .hasMessageContaining("items[0].label")
        .hasMessageContaining("1-40 characters for q1");
  }

  @Test
  void aVersionAskingAnItemAndItsRewordingIsRejected() throws IOException {
    Path file = editedQuestionnaire("items: [q3, q7, q16, q9, q10]}", "items: [q3, q7, q8, q16, q9, q10]}");
    assertThatThrownBy(() -> ConfigLoader.questionnaireVersions(file))
        .hasMessageContaining("versions.national-2024")
        .hasMessageContaining("not both (q16, q8)");
  }

  @Test
  void aRoundBeforeTheFirstVersionIsNamedWithTheFile() {
    assertThatThrownBy(() -> ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2022Q4"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("questionnaire.yaml")
        .hasMessageContaining("round 2022Q4 comes before the first version of the questionnaire ('pilot-2023', from round 2023Q2)");
  }

  private Path editedQuestionnaire(String from, String to) throws IOException {
    String text = Files.readString(TestFiles.questionnaireConfig());
    assertThat(text).as("the shipped questionnaire holds the text the test edits").contains(from);
    return Files.writeString(dir.resolve("questionnaire.yaml"), text.replace(from, to));
  }

  @Test
  void theShippedLabelsAreDistinctAndWhole() {
    Questionnaire questionnaire = ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2023Q2");
    assertThat(questionnaire.items()).extracting(Questionnaire.Item::label).doesNotHaveDuplicates()
        .allSatisfy(label -> assertThat(label).doesNotEndWith("...").hasSizeLessThanOrEqualTo(40));
  }
}
