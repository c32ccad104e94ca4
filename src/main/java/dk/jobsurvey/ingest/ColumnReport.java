package dk.jobsurvey.ingest;

import dk.jobsurvey.config.HeaderAliases;
import dk.jobsurvey.warehouse.IdentifierPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ingest made of one file's columns, so that nothing is ignored silently: how each column was
 * matched (alias, words or the configuration), the columns that were not used, and every optional
 * column that is missing with what it costs ("ingen telefonnumre: ingen SMS-påmindelser for 825").
 * In Danish, as the data-quality workbook the municipality reads. Header texts come from the input,
 * so anything in them that looks like a CPR or phone number is masked.
 *
 * @param matched one entry per column found, e.g. "telefon ← «Mobilnr» (ord)"
 * @param unused the headers no column was taken from
 * @param missing one entry per optional column the file lacks, with its consequence
 */
public record ColumnReport(List<String> matched, List<String> unused, List<String> missing) {
  static final ColumnReport NONE = new ColumnReport(List.of(), List.of(), List.of());

  static ColumnReport of(HeaderMapping mapping, String fileCode) {
    List<String> matched = new ArrayList<>();
    for (String column : HeaderAliases.COLUMNS) {
      String header = mapping.columns().get(column);
      if (header != null) {
        matched.add(column + " ← «" + IdentifierPatterns.mask(header) + "» (" + mapping.matchedBy().get(column).label() + ")");
      }
    }
    List<String> missing = new ArrayList<>();
    String where = fileCode == null ? "kommunen" : fileCode;
    for (Map.Entry<String, String> consequence : consequences(where).entrySet()) {
      if (!mapping.columns().containsKey(consequence.getKey())) {
        missing.add(consequence.getKey() + ": " + consequence.getValue());
      }
    }
    List<String> unused = mapping.extraHeaders().stream().map(IdentifierPatterns::mask).toList();
    return new ColumnReport(List.copyOf(matched), unused, List.copyOf(missing));
  }

  /** What a missing optional column costs, in the order of the data contract. */
  private static Map<String, String> consequences(String where) {
    var map = new java.util.LinkedHashMap<String, String>();
    map.put("navn", "ingen navne: brevene til " + where + " flettes uden navn");
    map.put("dato_seneste_samtale", "ingen dato for seneste samtale: dubletter afgøres uden den");
    map.put("afsluttet_forloeb", "ingen oplysning om afsluttet forløb: ingen i " + where + " regnes som afsluttet");
    map.put("telefon", "ingen telefonnumre: ingen SMS-påmindelser for " + where);
    map.put("kommunekode", "ingen kommunekode: koden tages fra filnavnet");
    return map;
  }

  /** True when the file needs a line of its own: a column found by words or the configuration, an unused or a missing one. */
  public boolean isNoteworthy() {
    return !unused.isEmpty() || !missing.isEmpty() || matched.stream().anyMatch(m -> !m.endsWith("(alias)"));
  }
}
