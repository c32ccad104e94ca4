package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The domains of a {@link CellSystem} for the audit's repair: a cell's coordinates are the
 * "variable=value" words of its key after "table measure: "; a domain is a coordinate at a level (how
 * many coordinates a cell has), holding every cell of that level with it, in every table:
 * "kommunekode=563" at level 2 is municipality 563's groups in every table.
 */
final class Domains {
  private final CellSystem system;
  private final List<Set<String>> coordinates = new ArrayList<>();
  /** "level coordinate" → its cells, in cell order. */
  private final Map<String, List<Integer>> cells = new HashMap<>();

  Domains(CellSystem system) {
    this.system = system;
    for (int cell = 0; cell < system.size(); cell++) {
      String key = system.keys().get(cell);
      Set<String> words = Set.of(key.substring(key.lastIndexOf(": ") + 2).split(" "));
      coordinates.add(words);
      for (String word : words) {
        cells.computeIfAbsent(words.size() + " " + word, k -> new ArrayList<>()).add(cell);
      }
    }
  }

  /**
   * Of the domains in which a candidate differs from {@code cell} by one coordinate at the cell's
   * level, the {@code limit} with the fewest published cells, then the fewest respondents in them
   * (ties: the order of the candidates); each as its published cells.
   */
  List<List<Integer>> smallestOf(int cell, List<Integer> candidates, DisclosureControl.Reason[] reasons, int limit) {
    Set<String> own = coordinates.get(cell);
    Map<String, List<Integer>> found = new LinkedHashMap<>();
    for (int candidate : candidates) {
      Set<String> theirs = coordinates.get(candidate);
      List<String> differing = theirs.stream().filter(w -> !own.contains(w)).toList();
      if (theirs.size() == own.size() && differing.size() == 1) {
        found.computeIfAbsent(theirs.size() + " " + differing.get(0), domain -> cells.get(domain).stream()
            .filter(c -> reasons[c] == null).toList());
      }
    }
    return found.values().stream()
        .sorted(Comparator.<List<Integer>>comparingInt(List::size)
            .thenComparingLong(domain -> domain.stream().mapToLong(c -> system.n()[c]).sum()))
        .limit(limit).toList();
  }
}
