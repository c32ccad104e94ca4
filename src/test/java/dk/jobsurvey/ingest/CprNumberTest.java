package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DESIGN.md §3 worked by hand. Fixtures are substitute numbers (day + 60) or built from their parts
 * here, never real-looking numbers typed in.
 */
class CprNumberTest {

  /** DDMMYY + four serial digits, built from parts. */
  private static String cpr(int day, int month, int yy, String serial) {
    return String.format("%02d%02d%02d%s", day, month, yy, serial);
  }

  @ParameterizedTest(name = "7th digit {1}, YY {0} → {2}")
  @CsvSource({
      // digit 0-3: 1900s whatever YY
      "37, 0, 1937", "37, 3, 1937", "05, 1, 1905", "99, 2, 1999",
      // digit 4 or 9: 2000s if YY <= 36, else 1900s
      "36, 4, 2036", "37, 4, 1937", "05, 9, 2005", "37, 9, 1937", "00, 4, 2000",
      // digit 5-8: 2000s if YY <= 57, else 1800s
      "57, 5, 2057", "58, 5, 1858", "10, 8, 2010", "99, 6, 1899", "00, 7, 2000"})
  void centuryFollowsTheSeventhDigitAndYear(int yy, int seventh, int year) {
    CprNumber.Parsed parsed = CprNumber.parse(cpr(61, 1, yy, seventh + "123"));
    assertThat(parsed.isValid()).isTrue();
    assertThat(parsed.number().birthDate()).isEqualTo(LocalDate.of(year, 1, 1));
    assertThat(parsed.number().substitute()).isTrue();
  }

  @Test
  void twentyNinthOfFebruaryExistsOnlyInLeapYears() {
    assertThat(CprNumber.parse(cpr(89, 2, 0, "4123")).number().birthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
    assertThat(CprNumber.parse(cpr(89, 2, 96, "1123")).number().birthDate()).isEqualTo(LocalDate.of(1996, 2, 29));
    assertThat(CprNumber.parse(cpr(89, 2, 0, "0123")).problem().english()).contains("not a date"); // 1900 is no leap year
    assertThat(CprNumber.parse(cpr(89, 2, 1, "4123")).problem().english()).contains("not a date");
    assertThat(CprNumber.parse(cpr(29, 2, 0, "4122")).number().birthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
  }

  @Test
  void genderFollowsTheParityOfTheLastDigit() {
    for (int last = 0; last <= 9; last++) {
      CprNumber number = CprNumber.parse(cpr(75, 6, 80, "212" + last)).number();
      assertThat(number.gender()).isEqualTo(last % 2 == 1 ? "M" : "K");
    }
  }

  @Test
  void nineDigitsAreACprThatLostItsLeadingZero() {
    String full = cpr(3, 4, 85, "1236");
    CprNumber.Parsed parsed = CprNumber.parse(full.substring(1));
    assertThat(parsed.isValid()).isTrue();
    assertThat(parsed.number().repaired()).isTrue();
    assertThat(parsed.number().digits()).isEqualTo(full);
    assertThat(parsed.number().birthDate()).isEqualTo(LocalDate.of(1985, 4, 3));
    assertThat(parsed.number().gender()).isEqualTo("K");
    assertThat(CprNumber.parse(full).number().repaired()).isFalse();
  }

  @Test
  void spreadsheetNumberFormsAreRead() {
    String full = cpr(3, 4, 85, "1237");
    long value = Long.parseLong(full);
    assertThat(CprNumber.parse(value + ".0").number().digits()).isEqualTo(full);
    assertThat(CprNumber.parse(String.format("%.8E", (double) value)).number().digits()).isEqualTo(full);
    assertThat(CprNumber.parse(" " + full.substring(0, 6) + "-" + full.substring(6) + " ").number().digits()).isEqualTo(full);
    assertThat(CprNumber.parse(full.substring(0, 6) + " " + full.substring(6)).number().digits()).isEqualTo(full);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3213801234|not a date", "0013801234|not a date", "1513801234|not a date", "12345|not 10 digits",
      "ukendt|not 10 digits", "123456789012|not 10 digits", "1201801a34|not 10 digits", "''|empty"})
  void impossibleValuesAreInvalidWithAReasonThatDoesNotRepeatThem(String raw, String problem) {
    CprNumber.Parsed parsed = CprNumber.parse(raw);
    assertThat(parsed.isValid()).isFalse();
    assertThat(parsed.problem().english()).contains(problem);
    if (!raw.isEmpty()) {
      assertThat(parsed.problem().english()).doesNotContain(raw);
      assertThat(parsed.problem().dansk()).doesNotContain(raw);
    }
  }

  @Test
  void toStringShowsOnlyTheLastTwoDigits() {
    CprNumber number = CprNumber.parse(cpr(75, 6, 80, "2134")).number();
    assertThat(number.toString()).isEqualTo("******-**34");
  }

  @Test
  void ageIsInWholeYearsAtTheReferenceDate() {
    CprNumber number = CprNumber.parse(cpr(90, 6, 80, "2134")).number(); // born 1980-06-30
    assertThat(number.ageOn(LocalDate.of(2023, 6, 30))).isEqualTo(43);
    assertThat(number.ageOn(LocalDate.of(2023, 6, 29))).isEqualTo(42);
  }
}
