package dk.jobsurvey.warehouse;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a CPR number and a Danish phone number look like when a person types them, as Java regular
 * expressions: one source for the free-text scrubber (which replaces them) and the value gate
 * (which refuses to write them outside restricted/, in a Spark function of {@link IdentifierValues}), and the
 * file scan ({@link IdentifierScan}).
 *
 * <p>Separators are the ones people and word processors put in: spaces, no-break and narrow
 * spaces, dots, slashes, and every dash (hyphen, non-breaking hyphen U+2011, en and em dash, minus).
 */
public final class IdentifierPatterns {
  /** The spaces: ASCII white space, no-break, figure and narrow no-break space. */
  private static final String SPACES = "\\s\\u00A0\\u2007\\u202F";
  /** The dashes: hyphen-minus, hyphen, non-breaking hyphen U+2011, figure, en and em dash, bar, minus. */
  private static final String DASHES = "\\-\\u2010-\\u2015\\u2212";
  private static final String SPACE = "[" + SPACES + "]";

  /** One separator character. */
  public static final String SEPARATOR = "[" + SPACES + DASHES + "./]";

  /** Between the date and the serial of a CPR number: one separator at most, with spaces around it. */
  private static final String SERIAL_GAP = SPACE + "?" + SEPARATOR + "?" + SPACE + "?";

  /**
   * A CPR number as a gate sees it: day (01-31, or 61-91 for a substitute number), month, year,
   * then the four-digit serial, with at most one separator (and spaces around it) between the
   * parts; not part of a longer run of digits. A valid-looking date is required, so that ordinary
   * ten-digit numbers (amounts, case numbers) pass.
   */
  public static final String CPR_LIKE = cpr("(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])", "(?:0[1-9]|1[0-2])");

  /**
   * Any ten digits laid out as a CPR number, whatever the date: free text is scrubbed the safe way,
   * and a mistyped CPR number still identifies its writer.
   */
  public static final String CPR_LAYOUT = cpr("[0-9]{2}", "[0-9]{2}");

  /**
   * Eight digits starting 2-9: together, as two fours, or in pairs with one kind of separator
   * (spaces, dashes, dots or slashes), so that a time span like 20.30-22.45 is no phone number.
   */
  private static final String EIGHT_DIGITS = "[2-9][0-9](?:" + String.join("|", "[0-9]{6}", "[0-9]{2}" + SEPARATOR + "[0-9]{4}",
      pairs(SPACE), pairs("[" + DASHES + "]"), pairs("\\."), pairs("/")) + ")";

  /** A bare yyyymmdd date (20230801) is eight digits too, and not a phone number in a table column. */
  private static final String NOT_A_DATE = "(?!(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9]))";

  /** A Danish phone number with +45 or 0045 in front. */
  public static final String PHONE_WITH_COUNTRY = "(?<![0-9])(?:\\+|00)" + SPACE + "?45" + SEPARATOR + "?" + EIGHT_DIGITS
      + "(?![0-9])";

  /** A Danish phone number without the country code as a gate sees it: not a bare yyyymmdd date. */
  public static final String PHONE_LIKE = "(?<![0-9+])" + NOT_A_DATE + EIGHT_DIGITS + "(?![0-9])";

  /** A Danish phone number without a country code, dates included (free text is scrubbed the safe way). */
  public static final String NATIONAL_PHONE = "(?<![0-9+])" + EIGHT_DIGITS + "(?![0-9])";

  private static final Pattern CPR = Pattern.compile(CPR_LIKE);
  private static final Pattern PHONE = Pattern.compile(PHONE_LIKE);
  private static final Pattern PHONE_COUNTRY = Pattern.compile(PHONE_WITH_COUNTRY);

  /** The kinds of identifier a gate looks for. */
  public enum Kind {
    CPR_NUMBER("a CPR number"),
    PHONE_NUMBER("a phone number");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** "a CPR number", for messages that name what was found but never the value. */
    public String description() {
      return description;
    }
  }

  private IdentifierPatterns() {}

  /** The kind of identifier the text holds, if any. */
  public static Optional<Kind> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (CPR.matcher(text).find()) {
      return Optional.of(Kind.CPR_NUMBER);
    }
    boolean phone = PHONE.matcher(text).find() || PHONE_COUNTRY.matcher(text).find();
    return phone ? Optional.of(Kind.PHONE_NUMBER) : Optional.empty();
  }

  /**
   * The text with every CPR-like number replaced by [CPR] and every phone-like number by
   * [TELEFON]: for names and messages that come from an input (a file name, a header) before they
   * are printed or stored outside restricted/.
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = PHONE_COUNTRY.matcher(text).replaceAll("[TELEFON]");
    masked = CPR.matcher(masked).replaceAll("[CPR]");
    return PHONE.matcher(masked).replaceAll("[TELEFON]");
  }

  /**
   * The regular expressions of a kind, for Spark's {@code rlike} (a text holds the kind when one of
   * them is found).
   */
  public static List<String> regexes(Kind kind) {
    return kind == Kind.CPR_NUMBER ? List.of(CPR_LIKE) : List.of(PHONE_LIKE, PHONE_WITH_COUNTRY);
  }

  /** Day, month, two-digit year and serial, each part after at most one separator; no digit either side. */
  private static String cpr(String day, String month) {
    return "(?<![0-9])" + day + SEPARATOR + "?" + month + SEPARATOR + "?[0-9]{2}" + SERIAL_GAP + "[0-9]{4}(?![0-9])";
  }

  /** The last six of eight digits as three more pairs, each after a separator of one kind. */
  private static String pairs(String separator) {
    return "(?:" + separator + "[0-9]{2}){3}";
  }
}
