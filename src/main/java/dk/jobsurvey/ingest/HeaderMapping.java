package dk.jobsurvey.ingest;

import dk.jobsurvey.config.HeaderAliases;
import dk.jobsurvey.files.Labels;
import dk.jobsurvey.files.ProblemText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which header of one extract holds which canonical column. A header is matched, in this order:
 * <ol>
 *   <li><b>override</b>: the municipality's own header for a column in the configuration
 *       ({@code ingest.header_overrides});
 *   <li><b>alias</b>: the header, folded (case, æ/ø/å, punctuation) and without its qualifiers
 *       (anything in brackets, and trailing dates, "pr. 1/8 2023", "ja/nej", "j/n"), equals a
 *       configured alias folded the same way;
 *   <li><b>words</b>: the header's words fit exactly one column's word rule ({@link #WORD_RULES}):
 *       "Telefonnr." and "Mobilnr" are telefon, "Dato for overgang til aktuel ydelse" is
 *       dato_overgang (a date word keeps it from being ydelse).
 * </ol>
 * Two headers for one column, or one header that fits two columns by its words, reject the file
 * with a message naming both. Headers that fit no column are kept as extra columns and reported.
 *
 * @param columns canonical column → the header that holds it
 * @param matchedBy canonical column → how its header was matched
 * @param extraHeaders headers that are no known column (kept in raw_extract, otherwise unused)
 * @param problem why the file cannot be ingested, if it cannot
 */
public record HeaderMapping(Map<String, String> columns, Map<String, Match> matchedBy, List<String> extraHeaders,
    Optional<ProblemText> problem) {

  /** How a header was matched to its column. */
  public enum Match {
    OVERRIDE, ALIAS, WORDS;

    /** The word used in data quality and the console (Danish, as the workbook). */
    public String label() {
      return switch (this) {
        case OVERRIDE -> "opsætning";
        case ALIAS -> "alias";
        case WORDS -> "ord";
      };
    }
  }

  /** A column's word rule: a header fits when one of its words fits and none of its words excludes it. */
  private record WordRule(Predicate<String> fits, Predicate<String> excludes) {
    boolean test(List<String> words) {
      return words.stream().anyMatch(fits) && words.stream().noneMatch(excludes);
    }
  }

  private static final Set<String> DATE_WORDS = Set.of("dato", "date", "start", "startdato", "fra", "overgang", "overgangsdato");
  private static final Set<String> STAFF_WORDS = Set.of("sagsbehandler", "sagsbehandlers", "medarbejder", "kontaktperson",
      "jobkonsulent", "team", "afdeling");
  private static final Predicate<String> NONE = word -> false;

  /** Folded words (see {@link Labels#fold}) by which a header is recognised, per column. */
  static final Map<String, WordRule> WORD_RULES = new LinkedHashMap<>();

  static {
    WORD_RULES.put("cpr", new WordRule(w -> w.startsWith("cpr") || w.equals("personnummer") || w.equals("personnr"), NONE));
    WORD_RULES.put("navn", new WordRule(w -> w.endsWith("navn") && !w.equals("fornavn") && !w.equals("efternavn"),
        w -> STAFF_WORDS.contains(w) || w.startsWith("kommune")));
    WORD_RULES.put("ydelse", new WordRule(w -> w.startsWith("ydelse") || w.endsWith("ydelse"),
        w -> DATE_WORDS.contains(w) || w.startsWith("overgang") || w.contains("dato") || w.equals("kode")));
    WORD_RULES.put("dato_overgang", new WordRule(w -> w.startsWith("overgang") || w.equals("startdato"), NONE));
    WORD_RULES.put("dato_seneste_samtale", new WordRule(w -> w.contains("samtale"), NONE));
    WORD_RULES.put("afsluttet_forloeb", new WordRule(w -> w.startsWith("afslut"), NONE));
    WORD_RULES.put("telefon", new WordRule(w -> w.startsWith("telefon") || w.startsWith("tlf") || w.startsWith("mobil"),
        STAFF_WORDS::contains));
    WORD_RULES.put("passiv", new WordRule(w -> w.startsWith("passiv"), NONE));
    WORD_RULES.put("kommunekode", new WordRule(w -> w.startsWith("kommunekode") || w.startsWith("kommunenr")
        || w.startsWith("kommunenummer"), NONE));
  }

  /** Words a header may end with that qualify it rather than name it: dates, "pr.", yes/no. */
  private static final Set<String> QUALIFIER_WORDS = Set.of("pr", "per", "den", "d", "ja", "nej", "j", "n", "yes", "no",
      "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december");

  public static HeaderMapping of(List<String> headers, HeaderAliases aliases, List<String> requiredColumns) {
    return of(headers, aliases, Map.of(), requiredColumns);
  }

  /**
   * @param overrides column → header, the municipality's own names from the configuration
   */
  public static HeaderMapping of(List<String> headers, HeaderAliases aliases, Map<String, String> overrides,
      List<String> requiredColumns) {
    Map<String, String> columns = new LinkedHashMap<>();
    Map<String, Match> matchedBy = new LinkedHashMap<>();
    List<String> extra = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String header : headers) {
      String folded = Labels.fold(header);
      if (folded.isEmpty()) {
        continue;
      }
      String earlier = seen.putIfAbsent(folded, header);
      if (earlier != null) {
        return failure("the header '" + brief(header) + "' appears twice (columns '" + brief(earlier) + "' and '" + brief(header) + "')",
            "Overskriften '" + brief(header) + "' optræder to gange (kolonnerne '" + brief(earlier) + "' og '" + brief(header) + "')");
      }
      Optional<Map.Entry<String, Match>> match = match(header, aliases, overrides);
      if (match.isPresent() && match.get().getKey().startsWith("?")) {
        String both = match.get().getKey().substring(1);
        return failure("the header '" + brief(header) + "' fits two columns: " + both
            + "; name it in ingest.header_overrides for this municipality",
            "Overskriften '" + brief(header) + "' passer til to kolonner: " + both.replace(" and ", " og ")
            + "; angiv den i ingest.header_overrides for kommunen");
      }
      if (match.isEmpty()) {
        extra.add(header);
        continue;
      }
      String column = match.get().getKey();
      if (columns.containsKey(column)) {
        return failure("both '" + brief(columns.get(column)) + "' and '" + brief(header) + "' fit the column " + column
            + "; name the right one in ingest.header_overrides for this municipality",
            "Både '" + brief(columns.get(column)) + "' og '" + brief(header) + "' passer til kolonnen " + column
            + "; angiv den rigtige i ingest.header_overrides for kommunen");
      }
      columns.put(column, header);
      matchedBy.put(column, match.get().getValue());
    }
    for (String required : requiredColumns) {
      if (!columns.containsKey(required)) {
        String tried = String.join(", ", aliases.byColumn().get(required));
        return failure("no column for " + required + " (headers tried: " + tried + ", or words like them; the file has: "
            + shown(headers, "and", "value(s) with digits, not shown (is the header row missing?)") + ")",
            "Ingen kolonne for " + required + " (overskrifter, der blev prøvet: " + tried + ", eller ord som dem; filen har: "
            + shown(headers, "og", "værdi(er) med cifre, ikke vist (mangler overskriftsrækken?)") + ")");
      }
    }
    return new HeaderMapping(Map.copyOf(columns), Map.copyOf(matchedBy), List.copyOf(extra), Optional.empty());
  }

  /** The column of one header and how it was found; a key starting with '?' names two columns it fits. */
  private static Optional<Map.Entry<String, Match>> match(String header, HeaderAliases aliases, Map<String, String> overrides) {
    String folded = Labels.fold(header);
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      if (Labels.fold(override.getValue()).equals(folded)) {
        return Optional.of(Map.entry(override.getKey(), Match.OVERRIDE));
      }
    }
    String core = withoutQualifiers(header);
    for (Map.Entry<String, List<String>> entry : aliases.byColumn().entrySet()) {
      for (String alias : entry.getValue()) {
        if (withoutQualifiers(alias).equals(core)) {
          return Optional.of(Map.entry(entry.getKey(), Match.ALIAS));
        }
      }
    }
    List<String> words = List.of(core.split(" "));
    List<String> fitting = WORD_RULES.entrySet().stream().filter(rule -> rule.getValue().test(words)).map(Map.Entry::getKey).toList();
    if (fitting.size() > 1) {
      return Optional.of(Map.entry("?" + String.join(" and ", fitting), Match.WORDS));
    }
    return fitting.isEmpty() ? Optional.empty() : Optional.of(Map.entry(fitting.get(0), Match.WORDS));
  }

  /**
   * A header's name without its qualifiers, folded: "Passiv pr. 1/8-2023 (ja/nej)" and "Passiv"
   * both give "passiv"; "Forløb afsluttet j/n" gives "forloeb afsluttet".
   */
  static String withoutQualifiers(String header) {
    String unbracketed = header.replaceAll("\\([^)]*\\)|\\[[^]]*]", " ");
    List<String> words = new ArrayList<>(List.of(Labels.fold(unbracketed).split(" ")));
    while (words.size() > 1 && isQualifier(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    String core = String.join(" ", words).strip();
    return core.isEmpty() ? Labels.fold(header) : core;
  }

  private static boolean isQualifier(String word) {
    return word.isEmpty() || word.chars().allMatch(Character::isDigit) || QUALIFIER_WORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * The headers for a message: a header with a run of digits in it may be a data value (a file
   * without a header row), so such headers are counted, not shown, in the message's language.
   */
  private static String shown(List<String> headers, String and, String hiddenValues) {
    List<String> words = headers.stream().filter(h -> !h.matches(".*[0-9]{3}.*")).map(HeaderMapping::brief).toList();
    int hidden = headers.size() - words.size();
    return String.join(", ", words) + (hidden == 0 ? "" : (words.isEmpty() ? "" : ", " + and + " ") + hidden + " " + hiddenValues);
  }

  /** A header as a message shows it: a header of a pasted document is cut short. */
  private static String brief(String header) {
    return header.length() <= 60 ? header : header.substring(0, 57) + "…";
  }

  private static HeaderMapping failure(String english, String dansk) {
    return new HeaderMapping(Map.of(), Map.of(), List.of(), Optional.of(new ProblemText(english, dansk)));
  }
}
