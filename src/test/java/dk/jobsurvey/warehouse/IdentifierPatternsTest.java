package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.warehouse.IdentifierPatterns.Kind;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the gate counts as a CPR or phone number, and what it lets pass. CPR numbers are substitute
 * numbers (day + 60); phone numbers are made up.
 */
class IdentifierPatternsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "6703641234|CPR_NUMBER",
      "841091\u00A04515|CPR_NUMBER",
      "880397\u20119581|CPR_NUMBER",
      "61 01\u00A090 \u2013 1234|CPR_NUMBER",
      "79.57.36.44|PHONE_NUMBER",
      "79\u00A057\u00A036\u00A044|PHONE_NUMBER",
      "22 33\u00A044\u202F55|PHONE_NUMBER",
      "+4522334455|PHONE_NUMBER",
      "+45\u00A022\u201133\u201144\u201155|PHONE_NUMBER",
      "22 33 44 55|PHONE_NUMBER"})
  void findsTheKind(String text, Kind kind) {
    assertThat(IdentifierPatterns.find(text)).contains(kind);
    assertThat(IdentifierPatterns.regexes(kind)).anyMatch(regex -> Pattern.compile(regex).matcher(text).find());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"20230801", "2023-08-01", "28-02-2023", "datakvalitet_101_2023Q2.xlsx", "1234567890",
      "kl. 20.30-22.45"})
  void ordinaryValuesPass(String text) {
    assertThat(IdentifierPatterns.find(text)).isEmpty();
  }
}
