package dk.jobsurvey.responses;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Removes identifiers from free-text answers before they leave restricted/ (DESIGN.md §6): e-mail
 * addresses become [EMAIL], CPR-like numbers (ten digits, with or without a dash, dots or spaces
 * between day, month, year and serial) become [CPR], and Danish phone numbers (eight digits
 * starting 2-9, in blocks of two or four, with or without +45 / 0045) become [TELEFON]. Ordinary
 * numbers (years, amounts, "8 uger", dates) are left alone.
 */
public final class FreeTextScrubber implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9._%+\\-æøåÆØÅ]+\\s?(?:@|\\(at\\)|\\[at\\])\\s?[A-Za-z0-9.\\-æøåÆØÅ]+\\.[A-Za-z]{2,}");
  /** DDMMYY then the serial: 0101901234, 010190-1234, 010190 1234, 01.01.90-1234, 01 01 90 1234. */
  private static final Pattern CPR = Pattern.compile(
      "(?<![0-9+])[0-9]{2}[. ]?[0-9]{2}[. ]?[0-9]{2}\\s?[-–]?\\s?[0-9]{4}(?![0-9])");
  /** Eight digits: all together, in pairs with one kind of separator, or in two fours. */
  private static final String EIGHT_DIGITS = "[2-9][0-9](?:[0-9]{6}|([ \\-])[0-9]{2}\\1[0-9]{2}\\1[0-9]{2}|[0-9]{2}[ \\-][0-9]{4})";
  /** With +45 or 0045 first: taken before CPR numbers, or "+4522334455" would look like one. */
  private static final Pattern PHONE_WITH_COUNTRY = Pattern.compile(
      "(?<![0-9])(?:\\+|00)\\s?45[ \\-]?" + EIGHT_DIGITS + "(?![0-9])");
  private static final Pattern PHONE = Pattern.compile("(?<![0-9+])" + EIGHT_DIGITS + "(?![0-9])");

  /** The text with identifiers replaced; null stays null. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = EMAIL.matcher(text).replaceAll("[EMAIL]");
    scrubbed = PHONE_WITH_COUNTRY.matcher(scrubbed).replaceAll("[TELEFON]");
    scrubbed = CPR.matcher(scrubbed).replaceAll("[CPR]");
    return PHONE.matcher(scrubbed).replaceAll("[TELEFON]");
  }
}
