package dk.jobsurvey.responses;

import dk.jobsurvey.warehouse.IdentifierPatterns;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Removes identifiers from free-text answers before they leave restricted/ (DESIGN.md §6): e-mail
 * addresses become [EMAIL], CPR numbers become [CPR] and Danish phone numbers [TELEFON], written
 * with any of the separators of {@link IdentifierPatterns}. Free text is scrubbed the safe way: any
 * ten digits in the layout of a CPR number count, whatever the date (a mistyped CPR number still
 * identifies its writer), and so does any eight-digit number starting 2-9, even one that reads as
 * a yyyymmdd date. Ordinary numbers (years, amounts, "8 uger", dates, times) are left alone.
 */
public final class FreeTextScrubber implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9._%+\\-æøåÆØÅ]+\\s?(?:@|\\(at\\)|\\[at\\])\\s?[A-Za-z0-9.\\-æøåÆØÅ]+\\.[A-Za-z]{2,}");
  /** Taken before CPR numbers, or "+4522334455" would look like one. */
  private static final Pattern PHONE_WITH_COUNTRY = Pattern.compile(IdentifierPatterns.PHONE_WITH_COUNTRY);
  private static final Pattern CPR = Pattern.compile(IdentifierPatterns.CPR_LAYOUT);
  private static final Pattern PHONE = Pattern.compile(IdentifierPatterns.NATIONAL_PHONE);

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
