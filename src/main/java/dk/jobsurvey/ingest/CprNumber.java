package dk.jobsurvey.ingest;

import dk.jobsurvey.files.ProblemText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A Danish civil registration number (CPR), read by the rules of DESIGN.md §3: {@code DDMMYYSSSS}
 * or {@code DDMMYY-SSSS}; the birth century from the 7th digit and YY; the date must exist; gender
 * from the parity of the last digit; no modulus-11 check. Substitute numbers (day of month + 60)
 * are valid. A 9-digit number is a CPR whose leading zero a spreadsheet dropped: it is left-padded
 * and marked {@code repaired}.
 *
 * <p>{@link #toString()} masks all but the last two digits, so an accidental log line leaks nothing.
 *
 * @param digits the ten digits
 * @param birthDate the date of birth (for a substitute number: day − 60)
 * @param gender {@code K} (even last digit) or {@code M} (odd)
 * @param substitute an erstatningspersonnummer (day + 60)
 * @param repaired a leading zero was restored
 */
public record CprNumber(String digits, LocalDate birthDate, String gender, boolean substitute, boolean repaired) {
  private static final Pattern SEPARATED = Pattern.compile("[0-9]{6}[- ][0-9]{4}");
  private static final Pattern SPREADSHEET_NUMBER = Pattern.compile("[0-9.,]+[eE][+]?[0-9]+|[0-9]+\\.0+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** The outcome of reading one value: a number, or the problem (which never repeats the value). */
  public record Parsed(CprNumber number, ProblemText problem) {
    public boolean isValid() {
      return number != null;
    }
  }

  /** Reads a CPR value as it appears in an extract (text, dashed, spaced or a spreadsheet number). */
  public static Parsed parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return invalid("CPR is empty", "CPR-nummeret mangler");
    }
    String text = raw.strip();
    if (SEPARATED.matcher(text).matches()) {
      text = text.substring(0, 6) + text.substring(7);
    } else if (SPREADSHEET_NUMBER.matcher(text).matches()) {
      // A number a spreadsheet wrote in scientific or decimal form.
      try {
        BigDecimal number = new BigDecimal(text.replace(',', '.'));
        // Check the size before writing the digits out: 1E+300000000 has 300 million of them.
        if (number.precision() - number.scale() > 10) {
          return invalid("CPR is a number of more than 10 digits", "CPR-nummeret er et tal med mere end 10 cifre");
        }
        text = number.toBigIntegerExact().toString();
      } catch (ArithmeticException | NumberFormatException e) {
        return invalid("CPR is not a whole number", "CPR-nummeret er ikke et helt tal");
      }
    }
    boolean repaired = false;
    if (text.length() == 9 && DIGITS.matcher(text).matches()) {
      text = "0" + text;
      repaired = true;
    }
    if (text.length() != 10 || !DIGITS.matcher(text).matches()) {
      return invalid("CPR is not 10 digits (DDMMYYSSSS or DDMMYY-SSSS)",
          "CPR-nummeret har ikke 10 cifre (DDMMÅÅSSSS eller DDMMÅÅ-SSSS)");
    }
    int day = Integer.parseInt(text.substring(0, 2));
    int month = Integer.parseInt(text.substring(2, 4));
    int yy = Integer.parseInt(text.substring(4, 6));
    int seventh = text.charAt(6) - '0';
    boolean substitute = day > 60;
    if (substitute) {
      day -= 60;
    }
    int year = centuryOf(seventh, yy) + yy;
    LocalDate birth;
    try {
      birth = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return invalid("CPR date part is not a date (day " + day + ", month " + month + ", year " + year + ")",
          "CPR-nummerets datodel er ikke en dato (dag " + day + ", måned " + month + ", år " + year + ")");
    }
    String gender = (text.charAt(9) - '0') % 2 == 1 ? "M" : "K";
    return new Parsed(new CprNumber(text, birth, gender, substitute, repaired), null);
  }

  /** The century of a birth year, from the 7th digit and YY (DESIGN.md §3). */
  public static int centuryOf(int seventhDigit, int yy) {
    if (seventhDigit <= 3) {
      return 1900;
    }
    if (seventhDigit == 4 || seventhDigit == 9) {
      return yy <= 36 ? 2000 : 1900;
    }
    return yy <= 57 ? 2000 : 1800;
  }

  private static Parsed invalid(String english, String dansk) {
    return new Parsed(null, new ProblemText(english, dansk));
  }

  /** Age in whole years on {@code date}. */
  public int ageOn(LocalDate date) {
    return java.time.Period.between(birthDate, date).getYears();
  }

  /** Masked: {@code ******-**34}. */
  @Override
  public String toString() {
    return "******-**" + digits.substring(8);
  }
}
