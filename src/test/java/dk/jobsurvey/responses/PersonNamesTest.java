package dk.jobsurvey.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonNamesTest {
  private static String masked(String text, String... population) {
    Set<String> keys = new HashSet<>();
    for (String name : population) {
      keys.addAll(PersonNames.keysOf(name));
    }
    // As in Spark: only the candidates that are keys of the population reach mask().
    Set<String> found = new HashSet<>(PersonNames.candidates(text));
    found.retainAll(keys);
    return PersonNames.mask(text, found);
  }

  @Test
  void aWholeNameOrFirstAndLastNameIsMaskedInAnyCase() {
    assertThat(masked("Venlig hilsen Karen Margrethe Vestergaard.", "Karen Margrethe Vestergaard"))
        .isEqualTo("Venlig hilsen [NAVN].");
    assertThat(masked("Min sagsbehandler karen vestergaard var god", "Karen Margrethe Vestergaard"))
        .isEqualTo("Min sagsbehandler [NAVN] var god");
    assertThat(masked("Spørg HANS-ERIK JENSEN om det", "Hans-Erik Jensen")).isEqualTo("Spørg [NAVN] om det");
    assertThat(masked("Jeg hedder Søren\u00A0Ulrik Thygesen og bor i Aalborg", "Søren Ulrik Thygesen"))
        .isEqualTo("Jeg hedder [NAVN] og bor i Aalborg");
  }

  @Test
  void everyOccurrenceIsMaskedAndTheRestOfTheTextIsKept() {
    assertThat(masked("Birthe Kjær og Ole Bach; igen Birthe Kjær.", "Birthe Kjær", "Ole Bach", "Anna Holm"))
        .isEqualTo("[NAVN] og [NAVN]; igen [NAVN].");
  }

  @Test
  void aFirstNameAloneWordsAcrossPunctuationAndNamesOutsideThePopulationStay() {
    assertThat(masked("Karen hjalp mig meget", "Karen Vestergaard")).isEqualTo("Karen hjalp mig meget");
    assertThat(masked("Det var Karen. Vestergaard kommune?", "Karen Vestergaard")).isEqualTo("Det var Karen. Vestergaard kommune?");
    assertThat(masked("Hilsen Peter Nielsen", "Karen Vestergaard")).isEqualTo("Hilsen Peter Nielsen");
    assertThat(PersonNames.keysOf("Madonna")).isEmpty();
    assertThat(PersonNames.mask(null, List.of("a b"))).isNull();
  }

  @Test
  void keysAreTheWholeNameAndTheFirstAndLastWord() {
    assertThat(PersonNames.keysOf("Karen Margrethe Vestergaard")).containsExactly("karen margrethe vestergaard", "karen vestergaard");
    assertThat(PersonNames.keysOf("Ole Bach")).containsExactly("ole bach");
    assertThat(PersonNames.candidates("a b c d e")).contains("a b", "a b c d", "b c d e", "d e").doesNotContain("a b c d e");
  }
}
