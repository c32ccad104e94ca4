package dk.jobsurvey.ingest;

import java.util.regex.Pattern;

/** Danish phone numbers to E.164: eight digits starting 2-9, with or without +45 / 0045 and spaces. */
public final class PhoneNumbers {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()]");
  private static final Pattern NATIONAL = Pattern.compile("[2-9][0-9]{7}");
  private static final Pattern WITH_COUNTRY = Pattern.compile("45[2-9][0-9]{7}");

  private PhoneNumbers() {}

  /** {@code +45XXXXXXXX}, or null when the value is blank or no Danish number. */
  public static String toE164(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = SEPARATORS.matcher(raw.strip()).replaceAll("");
    if (digits.startsWith("+45")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0045")) {
      digits = digits.substring(4);
    } else if (WITH_COUNTRY.matcher(digits).matches()) {
      digits = digits.substring(2);
    }
    return NATIONAL.matcher(digits).matches() ? "+45" + digits : null;
  }
}
