package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.IntToLongFunction;

/**
 * Everything a round publishes as one {@link CellSystem} (DESIGN.md §9): the respondents of
 * published/response_rates, every measure's n of published/estimates, the texts and term counts of
 * published/free_text_terms, with the relations inside each table and the bounds between them (an
 * n in a municipality × group is at most its respondents; a term's count at most the cell's
 * texts). One {@link DisclosureControl} decision over it protects every count behind what a
 * municipality receives, whatever it combines.
 */
public final class PublishedCells {
  /** The respondent counts' table and measure, the start of their keys. */
  public static final String RESPONDENTS = "response_rates respondents";
  private static final String MUNICIPALITY = "kommunekode";
  private static final String GROUP = "ydelsesgruppe";

  private final CellSystem.Builder builder = new CellSystem.Builder();
  /** "kommunekode" or "kommunekode|ydelsesgruppe" → the respondent cell. */
  private final Map<String, Integer> respondentCells = new HashMap<>();
  /** ydelsesgruppe → its respondent cells, one per municipality. */
  private final Map<String, List<Integer>> respondentsByGroup = new HashMap<>();
  private final List<Integer> municipalityCells = new ArrayList<>();

  /**
   * The respondents per municipality and group (as published/response_rates has them), each
   * municipality's total the sum of its groups. Returns the cells, keyed as
   * {@link #respondentKey}.
   */
  public Map<String, Integer> respondents(SortedMap<String, SortedMap<String, Long>> byMunicipalityAndGroup) {
    byMunicipalityAndGroup.forEach((municipality, groups) -> {
      int total = builder.cell(RESPONDENTS + ": " + MUNICIPALITY + "=" + municipality,
          groups.values().stream().mapToLong(Long::longValue).sum());
      respondentCells.put(respondentKey(municipality, null), total);
      municipalityCells.add(total);
      int[] children = new int[groups.size()];
      int i = 0;
      for (var group : groups.entrySet()) {
        children[i] = builder.cell(RESPONDENTS + ": " + MUNICIPALITY + "=" + municipality + " " + GROUP + "=" + group.getKey(),
            group.getValue());
        respondentCells.put(respondentKey(municipality, group.getKey()), children[i]);
        respondentsByGroup.computeIfAbsent(group.getKey(), g -> new ArrayList<>()).add(children[i]);
        i++;
      }
      // Every item's n in a group is a lower bound on its respondents, so a hidden group's siblings
      // (their respondents ≈ their largest item n) would hide nothing: the municipality's total goes instead.
      builder.envelope(total, children);
    });
    return Map.copyOf(respondentCells);
  }

  public static String respondentKey(String municipality, String group) {
    return group == null ? municipality : municipality + "|" + group;
  }

  /**
   * A published table's figures of one measure (its cells and relations, keyed "table measure:
   * cell"), each cell bounded by the respondents of
   * the same municipality and group, or of the group or nation summed over municipalities, where
   * the cell's variables are only those. Returns each table cell's index in the system.
   */
  public int[] measure(String table, TableCells cells, String measure, IntToLongFunction n) {
    int[] index = cells.addTo(builder, table + " " + measure, n);
    for (int c = 0; c < index.length; c++) {
      int[] respondents = respondentsOf(cells.cells().get(c));
      if (respondents != null) {
        long most = java.util.Arrays.stream(respondents).mapToLong(builder::count).sum();
        if (builder.count(index[c]) > most) {
          // The attacker's programs would have no solution, and the audit would fail every cell.
          throw new IllegalStateException(table + " " + measure + ": " + cells.cells().get(c).key() + " counts "
              + builder.count(index[c]) + " but the response rates have " + most + " respondents there: "
              + "the weights and the sample disagree (rerun weight after responses)");
        }
        builder.atMost(index[c], respondents);
      }
    }
    return index;
  }

  /** n(cell) ≤ Σ n(atMost), as another relation between published figures. */
  public void atMost(int cell, int... atMost) {
    builder.atMost(cell, atMost);
  }

  public CellSystem build() {
    return builder.build();
  }

  /** The respondent cells whose sum bounds this cell, or null when its variables are not a subset of municipality and group. */
  private int[] respondentsOf(TableCells.Cell cell) {
    if (respondentCells.isEmpty() || !List.of(MUNICIPALITY, GROUP).containsAll(cell.variables())) {
      return null;
    }
    String municipality = cell.values().get(MUNICIPALITY);
    String group = cell.values().get(GROUP);
    List<Integer> cells;
    if (municipality != null) {
      Integer respondents = respondentCells.get(respondentKey(municipality, group));
      cells = respondents == null ? List.of() : List.of(respondents);
    } else {
      cells = group == null ? municipalityCells : respondentsByGroup.getOrDefault(group, List.of());
    }
    return cells.stream().mapToInt(Integer::intValue).toArray();
  }
}
