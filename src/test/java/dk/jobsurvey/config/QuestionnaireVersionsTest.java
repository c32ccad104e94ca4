package dk.jobsurvey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which round asks which questions, and what of a later round compares with an earlier one. */
class QuestionnaireVersionsTest {
  static final QuestionnaireVersions SHIPPED = ConfigLoader.questionnaireVersions(TestFiles.questionnaireConfig());

  @Test
  void eachRoundUsesTheLastVersionNotAfterIt() {
    assertThat(SHIPPED.forRound("2023Q2").version()).isEqualTo("pilot-2023");
    assertThat(SHIPPED.forRound("2023Q4").version()).isEqualTo("pilot-2023");
    assertThat(SHIPPED.forRound("2024Q1").version()).isEqualTo("national-2024");
    assertThat(SHIPPED.forRound("2026Q3").version()).isEqualTo("national-2024");
  }

  @Test
  void theRoundsAskTheirOwnItemsInTheirOwnThemes() {
    Questionnaire pilot = SHIPPED.forRound("2023Q2");
    Questionnaire national = SHIPPED.forRound("2024Q1");
    assertThat(pilot.items()).extracting(Questionnaire.Item::id)
        .containsExactly("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13");
    assertThat(national.items()).extracting(Questionnaire.Item::id)
        .contains("q16").doesNotContain("q8").hasSize(13);
    assertThat(pilot.themes()).hasSize(4);
    assertThat(national.themes()).extracting(Questionnaire.Theme::id)
        .containsExactly("vaerdighed", "kompetence", "relevans", "jobfokus", "progression");
    assertThat(national.itemsOf("jobfokus")).extracting(Questionnaire.Item::id).containsExactly("q11", "q12");
    assertThat(pilot.itemsOf("relevans")).extracting(Questionnaire.Item::id).containsExactly("q4", "q5", "q11");
  }

  @Test
  void aRoundBeforeTheFirstVersionIsRefusedNamingTheRound() {
    assertThatThrownBy(() -> SHIPPED.forRound("2023Q1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("round 2023Q1").hasMessageContaining("pilot-2023");
  }

  @Test
  void aRewordedItemAndARegroupedThemeAreNotCompared() {
    QuestionnaireVersions.Comparison comparison = SHIPPED.comparison("2023Q2", "2024Q1");
    assertThat(comparison.notCompared()).containsExactly("q16");
    assertThat(comparison.items()).doesNotContainKey("q16").containsEntry("q11", "q11").hasSize(12);
    // Only Værdighed keeps its items; Kompetence holds the reworded item, Relevans and
    // Progression lost items to the new theme, and the new theme has no past.
    assertThat(comparison.themes()).containsExactly("vaerdighed");
  }

  @Test
  void withinAVersionEverythingCompares() {
    QuestionnaireVersions.Comparison comparison = SHIPPED.comparison("2024Q1", "2025Q1");
    assertThat(comparison.notCompared()).isEmpty();
    assertThat(comparison.items()).hasSize(13).allSatisfy((now, before) -> assertThat(now).isEqualTo(before));
    assertThat(comparison.themes()).containsExactlyInAnyOrder("vaerdighed", "kompetence", "relevans", "jobfokus", "progression");
  }

  @Test
  void aComparableRewordingComparesWithTheItemItReplaces() {
    QuestionnaireVersions declared = new QuestionnaireVersions(SHIPPED.scale(), SHIPPED.positiveValues(),
        SHIPPED.dontKnowValues(), SHIPPED.items(), SHIPPED.freeText(),
        List.of(new QuestionnaireVersions.Rewording("q16", "q8", true)), SHIPPED.versions(), SHIPPED.localItems());
    QuestionnaireVersions.Comparison comparison = declared.comparison("2023Q2", "2024Q1");
    assertThat(comparison.items()).containsEntry("q16", "q8");
    assertThat(comparison.notCompared()).isEmpty();
    assertThat(comparison.themes()).containsExactlyInAnyOrder("vaerdighed", "kompetence");
  }

  @Test
  void aVersionThatDoesNotFollowThePreviousOneIsRefused() {
    List<QuestionnaireVersions.Version> swapped = List.of(SHIPPED.versions().get(1), SHIPPED.versions().get(0));
    assertThatThrownBy(() -> new QuestionnaireVersions(SHIPPED.scale(), SHIPPED.positiveValues(),
        SHIPPED.dontKnowValues(), SHIPPED.items(), SHIPPED.freeText(), SHIPPED.rewordings(), swapped, SHIPPED.localItems()))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("after the previous version's (2024Q1), got 2023Q2");
  }

  @Test
  void aMunicipalitysOwnQuestionsAreAskedFromTheirRoundOn() {
    assertThat(SHIPPED.forRound("2023Q2").localItems()).isEmpty();
    Questionnaire national = SHIPPED.forRound("2024Q1");
    assertThat(national.localItems()).extracting(Questionnaire.LocalItem::id).containsExactly("q101", "q102");
    assertThat(national.ratedIds()).endsWith("q101").doesNotContain("q102");
    assertThat(national.freeTextIds()).containsExactly("q14", "q15", "q102");
    assertThat(national.localRated("461")).extracting(Questionnaire.LocalItem::id).containsExactly("q101");
    assertThat(national.localRated("825")).isEmpty();
    assertThat(national.items()).extracting(Questionnaire.Item::id).doesNotContain("q101");
  }

  @Test
  void aLocalQuestionUnderAnIdInUseOrForAnUnknownMunicipalityIsRefused() {
    Questionnaire.LocalItem clash = new Questionnaire.LocalItem("q13", "461", "2024Q1", Questionnaire.LocalItem.RATED, "Igen", "?");
    assertThatThrownBy(() -> new QuestionnaireVersions(SHIPPED.scale(), SHIPPED.positiveValues(), SHIPPED.dontKnowValues(),
        SHIPPED.items(), SHIPPED.freeText(), SHIPPED.rewordings(), SHIPPED.versions(), List.of(clash)))
        .isInstanceOf(ConfigValueException.class).hasMessageContaining("'q13' appears twice");
    Questionnaire.LocalItem sameLabel = new Questionnaire.LocalItem("q103", "461", "2024Q1", Questionnaire.LocalItem.RATED,
        "mødt med tillid", "?");
    assertThatThrownBy(() -> new QuestionnaireVersions(SHIPPED.scale(), SHIPPED.positiveValues(), SHIPPED.dontKnowValues(),
        SHIPPED.items(), SHIPPED.freeText(), SHIPPED.rewordings(), SHIPPED.versions(), List.of(sameLabel)))
        .isInstanceOf(ConfigValueException.class).hasMessageContaining("'mødt med tillid' appears twice")
        .satisfies(e -> assertThat(((ConfigValueException) e).key()).isEqualTo("local_items.q103.label"));
    assertThatThrownBy(() -> new Questionnaire.LocalItem("q103", "999", "2024Q1", Questionnaire.LocalItem.RATED, "Egen", "?"))
        .isInstanceOf(ConfigValueException.class).hasMessageContaining("one of the 98 municipality codes, got '999'");
    assertThatThrownBy(() -> new Questionnaire.LocalItem("q103", "461", "2024Q1", "yes/no", "Egen", "?"))
        .isInstanceOf(ConfigValueException.class).hasMessageContaining("rated or free_text");
  }
}
