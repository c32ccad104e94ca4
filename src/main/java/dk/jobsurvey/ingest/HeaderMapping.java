package dk.jobsurvey.ingest;

import dk.jobsurvey.config.HeaderAliases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which header of one extract holds which canonical column, matched through the configured aliases
 * on folded labels. A file whose headers cannot be mapped gets a {@link #problem()} that names the
 * column and the aliases tried; headers that map to nothing are kept as extra columns.
 *
 * @param columns canonical column → the header that holds it
 * @param extraHeaders headers that are no known column (kept in raw_extract, otherwise ignored)
 * @param problem why the file cannot be ingested, if it cannot
 */
public record HeaderMapping(Map<String, String> columns, List<String> extraHeaders, Optional<ProblemText> problem) {

  public static HeaderMapping of(List<String> headers, HeaderAliases aliases, List<String> requiredColumns) {
    Map<String, String> columns = new LinkedHashMap<>();
    List<String> extra = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String header : headers) {
      String folded = Labels.fold(header);
      if (folded.isEmpty()) {
        continue;
      }
      String earlier = seen.putIfAbsent(folded, header);
      if (earlier != null) {
        return failure("the header '" + header + "' appears twice (columns '" + earlier + "' and '" + header + "')",
            "Overskriften '" + header + "' optræder to gange (kolonnerne '" + earlier + "' og '" + header + "')");
      }
      String column = columnOf(folded, aliases);
      if (column == null) {
        extra.add(header);
      } else if (columns.containsKey(column)) {
        return failure("both '" + columns.get(column) + "' and '" + header + "' are headers for " + column,
            "Både '" + columns.get(column) + "' og '" + header + "' er overskrifter for " + column);
      } else {
        columns.put(column, header);
      }
    }
    for (String required : requiredColumns) {
      if (!columns.containsKey(required)) {
        String tried = String.join(", ", aliases.byColumn().get(required));
        return failure("no column for " + required + " (headers tried: " + tried + "; the file has: "
            + shown(headers, "and", "value(s) with digits, not shown (is the header row missing?)") + ")",
            "Ingen kolonne for " + required + " (overskrifter, der blev prøvet: " + tried + "; filen har: "
            + shown(headers, "og", "værdi(er) med cifre, ikke vist (mangler overskriftsrækken?)") + ")");
      }
    }
    return new HeaderMapping(Map.copyOf(columns), List.copyOf(extra), Optional.empty());
  }

  /**
   * The headers for a message: a header with a run of digits in it may be a data value (a file
   * without a header row), so such headers are counted, not shown, in the message's language.
   */
  private static String shown(List<String> headers, String and, String hiddenValues) {
    List<String> words = headers.stream().filter(h -> !h.matches(".*[0-9]{3}.*")).toList();
    int hidden = headers.size() - words.size();
    return String.join(", ", words) + (hidden == 0 ? "" : (words.isEmpty() ? "" : ", " + and + " ") + hidden
        + " " + hiddenValues);
  }

  private static String columnOf(String folded, HeaderAliases aliases) {
    for (Map.Entry<String, List<String>> entry : aliases.byColumn().entrySet()) {
      for (String alias : entry.getValue()) {
        if (Labels.fold(alias).equals(folded)) {
          return entry.getKey();
        }
      }
    }
    return null;
  }

  private static HeaderMapping failure(String english, String dansk) {
    return new HeaderMapping(Map.of(), List.of(), Optional.of(new ProblemText(english, dansk)));
  }
}
