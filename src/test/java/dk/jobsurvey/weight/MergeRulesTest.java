package dk.jobsurvey.weight;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergeRulesTest {
  static final MergeRules RULES = MergeRules.of(ConfigLoader.survey(TestFiles.surveyConfig()));

  @Test
  void bandsMergeWithTheBandBelowFirstThenAbove() {
    assertThat(RULES.neighbours("aldersgruppe", Set.of("40-49"))).containsExactly("30-39", "50-59");
    assertThat(RULES.neighbours("aldersgruppe", Set.of("18-29"))).containsExactly("30-39");
    assertThat(RULES.neighbours("aldersgruppe", Set.of("18-29", "30-39"))).containsExactly("40-49");
    assertThat(RULES.neighbours("varighedsgruppe", Set.of("Over 2 år"))).containsExactly("1-2 år");
  }

  @Test
  void groupsMergeWithTheirCollapsePartnerThenTheOthersInConfigOrder() {
    assertThat(RULES.neighbours("ydelsesgruppe", Set.of("jobparate"))).containsExactly("aktivitetsparate", "dagpenge", "sygedagpenge");
    assertThat(RULES.neighbours("ydelsesgruppe", Set.of("dagpenge", "sygedagpenge"))).containsExactly("jobparate", "aktivitetsparate");
    assertThat(RULES.neighbours("koen", Set.of("K"))).containsExactly("M");
  }

  @Test
  void municipalitiesAndUnknownValuesAreNeverMergedAlong() {
    assertThat(RULES.neighbours("kommunekode", Set.of("101"))).isEmpty();
    assertThat(RULES.neighbours("aldersgruppe", Set.of("30-49"))).isEmpty();
    assertThat(RULES.neighbours("ydelsesgruppe", Set.of("aktivitetsparat"))).isEmpty();
  }
}
