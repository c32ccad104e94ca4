package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the audit and the repair look up in a {@link CellSystem} for every program they build,
 * computed once: the rows (each relation, then each bound, in the system's order), the rows each
 * cell is in, and each cell's neighbours. A program then visits only the rows of its own cells.
 */
final class SystemIndex {
  private final CellSystem system;
  private final List<int[]> rows = new ArrayList<>();
  private final int relations;
  private final int[][] rowsOf;
  private final int[][] neighbours;

  SystemIndex(CellSystem system) {
    this.system = system;
    system.relations().forEach(r -> rows.add(r.cells()));
    relations = rows.size();
    system.bounds().forEach(b -> rows.add(b.cells()));
    int[] counts = new int[system.size()];
    for (int[] row : rows) {
      for (int cell : row) {
        counts[cell]++;
      }
    }
    rowsOf = new int[system.size()][];
    for (int cell = 0; cell < rowsOf.length; cell++) {
      rowsOf[cell] = new int[counts[cell]];
    }
    Arrays.fill(counts, 0);
    for (int r = 0; r < rows.size(); r++) {
      for (int cell : rows.get(r)) {
        // A cell named twice in one row is in it once.
        if (counts[cell] == 0 || rowsOf[cell][counts[cell] - 1] != r) {
          rowsOf[cell][counts[cell]++] = r;
        }
      }
    }
    neighbours = new int[system.size()][];
    for (int cell = 0; cell < rowsOf.length; cell++) {
      rowsOf[cell] = Arrays.copyOf(rowsOf[cell], counts[cell]);
      // In the order first met, row by row: the order of every search through the system.
      Set<Integer> linked = new LinkedHashSet<>();
      for (int r : rowsOf[cell]) {
        for (int other : rows.get(r)) {
          if (other != cell) {
            linked.add(other);
          }
        }
      }
      neighbours[cell] = linked.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  CellSystem system() {
    return system;
  }

  /** The cells sharing a relation or a bound with {@code cell}, each once. */
  int[] neighbours(int cell) {
    return neighbours[cell];
  }

  /** The rows holding {@code cell}, in increasing order. */
  int[] rowsOf(int cell) {
    return rowsOf[cell];
  }

  /** A row's cells: the parent then its children, or the bounded cell then those bounding it. */
  int[] row(int r) {
    return rows.get(r);
  }

  /** Whether a row is a relation (=), not a bound (≤). */
  boolean isRelation(int r) {
    return r < relations;
  }
}
