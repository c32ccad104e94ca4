package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of all published tables of one item as one system (DESIGN.md §9): each cell's key and
 * respondent count n, and the relations parent = Σ children that the published totals give.
 */
public record CellSystem(List<String> keys, long[] n, List<Relation> relations) {
  /** A published total and the cells it adds up. */
  public record Relation(int parent, int[] children) {
    boolean involves(int cell) {
      if (parent == cell) {
        return true;
      }
      for (int child : children) {
        if (child == cell) {
          return true;
        }
      }
      return false;
    }

    /** The parent and the children. */
    int[] cells() {
      int[] cells = new int[children.length + 1];
      cells[0] = parent;
      System.arraycopy(children, 0, cells, 1, children.length);
      return cells;
    }
  }

  public CellSystem {
    keys = List.copyOf(keys);
    relations = List.copyOf(relations);
    if (n.length != keys.size()) {
      throw new IllegalArgumentException(n.length + " counts for " + keys.size() + " cells");
    }
  }

  public int size() {
    return keys.size();
  }

  /** For each cell, the relations in which it is the parent or a child. */
  List<List<Relation>> relationsByCell() {
    List<List<Relation>> byCell = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      byCell.add(new ArrayList<>());
    }
    for (Relation relation : relations) {
      for (int cell : relation.cells()) {
        byCell.get(cell).add(relation);
      }
    }
    return byCell;
  }
}
