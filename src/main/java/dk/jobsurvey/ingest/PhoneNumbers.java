package dk.jobsurvey.ingest;

/** Danish phone numbers to E.164: eight digits starting 2-9, with or without +45 / 0045 and spaces. */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /** {@code +45XXXXXXXX}, or null when the value is blank or no Danish number. */
  public static String toE164(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = raw.strip().replaceAll("[\\s.\\-()]", "");
    if (digits.startsWith("+45")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0045")) {
      digits = digits.substring(4);
    } else if (digits.matches("45[2-9][0-9]{7}")) {
      digits = digits.substring(2);
    }
    return digits.matches("[2-9][0-9]{7}") ? "+45" + digits : null;
  }
}
