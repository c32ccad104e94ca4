package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.warehouse.IdentifierPatterns.Kind;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

  /**
   * The gate's one-call check against its definition (a pattern of the kind found, as Spark's rlike finds it, and not a
   * digest or UUID), on 200,000 random texts made to come close: runs of digits around the eight and ten the patterns
   * need, every separator, +45 and 0045, hex and UUID shapes, letters and line breaks.
   */
  @Test
  void theGatesCheckFindsWhatItsPatternsFind() {
    String[] pieces = {"0", "1", "2", "3", "5", "6", "9", "12", "45", "61", "91", "2023", "0801", "1234", "123456", "22334455",
        " ", "\u00A0", "\u2007", "\u202F", "-", "\u2011", "\u2013", "\u2212", ".", "/", "+", "+45", "0045", "\n", "a", "f",
        "abcdef", "kl. ", "x", "-1234-", "12345678-1234-1234-1234-123456789012", "0123456789abcdef"};
    Random random = new Random(20261206);
    int found = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(8); n > 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String value = text.toString();
      int expected = -1;
      if (!Pattern.compile(IdentifierValues.DIGEST_OR_UUID).matcher(value).find()) {
        for (Kind kind : Kind.values()) {
          if (expected < 0 && IdentifierPatterns.regexes(kind).stream().anyMatch(r -> Pattern.compile(r).matcher(value).find())) {
            expected = kind.ordinal();
          }
        }
      }
      assertThat(IdentifierValues.gateKind(value)).as(value).isEqualTo(expected);
      found += expected >= 0 ? 1 : 0;
    }
    assertThat(found).as("texts the patterns find").isGreaterThan(10_000).isLessThan(190_000);
  }
}
