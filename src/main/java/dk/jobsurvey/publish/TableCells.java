package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Every cell of a set of cross-tables, empty combinations included, and the relations between them
 * (DESIGN.md §9): a cell of a table is the sum of the cells of any table with one variable more
 * that agree with it. Tables over the same variables share their cells.
 */
public final class TableCells {
  /** One cell: the values of its variables (variables absent = all). */
  public record Cell(List<String> variables, Map<String, String> values) {
    /** "kommunekode=825 ydelsesgruppe=dagpenge", or "all" for the total. */
    public String key() {
      if (variables.isEmpty()) {
        return "all";
      }
      return String.join(" ", variables.stream().map(v -> v + "=" + values.get(v)).toList());
    }
  }

  private final List<Cell> cells = new ArrayList<>();
  private final List<CellSystem.Relation> relations = new ArrayList<>();
  private final Map<List<String>, Map<Map<String, String>, Integer>> byVariables = new LinkedHashMap<>();

  /**
   * @param variableSets each table's variables; order within a set does not matter
   * @param order the order of all variables, for keys
   * @param values every value of each variable, in order
   */
  public TableCells(List<List<String>> variableSets, List<String> order, Map<String, List<String>> values) {
    for (List<String> set : variableSets) {
      List<String> variables = order.stream().filter(set::contains).toList();
      if (byVariables.containsKey(variables)) {
        continue;
      }
      Map<Map<String, String>, Integer> index = new HashMap<>();
      byVariables.put(variables, index);
      for (Map<String, String> combination : combinations(variables, values)) {
        index.put(combination, cells.size());
        cells.add(new Cell(variables, combination));
      }
    }
    for (var parent : byVariables.entrySet()) {
      for (var child : byVariables.entrySet()) {
        List<String> extra = child.getKey().stream().filter(v -> !parent.getKey().contains(v)).toList();
        if (extra.size() != 1 || !child.getKey().containsAll(parent.getKey())) {
          continue;
        }
        for (var parentCell : parent.getValue().entrySet()) {
          int[] children = values.get(extra.get(0)).stream().mapToInt(value -> {
            Map<String, String> childValues = new HashMap<>(parentCell.getKey());
            childValues.put(extra.get(0), value);
            return child.getValue().get(childValues);
          }).toArray();
          relations.add(new CellSystem.Relation(parentCell.getValue(), children));
        }
      }
    }
  }

  private static List<Map<String, String>> combinations(List<String> variables, Map<String, List<String>> values) {
    List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
    for (String variable : variables) {
      List<Map<String, String>> extended = new ArrayList<>();
      for (Map<String, String> combination : combinations) {
        for (String value : values.get(variable)) {
          Map<String, String> next = new HashMap<>(combination);
          next.put(variable, value);
          extended.add(Map.copyOf(next));
        }
      }
      combinations = extended;
    }
    return combinations;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** The index of the cell of these variables and values. */
  public int indexOf(List<String> variables, Map<String, String> values) {
    return byVariables.get(variables).get(values);
  }

  /** The index of the cell, or −1 where no table has exactly these variables. */
  public int find(List<String> variables, Map<String, String> values) {
    Map<Map<String, String>, Integer> index = byVariables.get(variables);
    return index == null ? -1 : index.getOrDefault(values, -1);
  }

  /** The system of all cells, with the count {@code n} gives each cell (by its index in {@link #cells()}). */
  public CellSystem system(IntToLongFunction n) {
    CellSystem.Builder builder = new CellSystem.Builder();
    addTo(builder, "", n);
    return builder.build();
  }

  /**
   * Adds every cell, keyed "measure: key", and every relation to a larger system; returns each
   * cell's index there (by its index in {@link #cells()}).
   */
  public int[] addTo(CellSystem.Builder builder, String measure, IntToLongFunction n) {
    int[] index = new int[cells.size()];
    for (int c = 0; c < index.length; c++) {
      String key = cells.get(c).key();
      index[c] = builder.cell(measure.isEmpty() ? key : measure + ": " + key, n.applyAsLong(c));
    }
    for (CellSystem.Relation relation : relations) {
      builder.relation(index[relation.parent()], java.util.Arrays.stream(relation.children()).map(c -> index[c]).toArray());
    }
    return index;
  }
}
