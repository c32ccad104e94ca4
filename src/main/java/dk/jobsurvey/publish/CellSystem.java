package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of all tables released together as one system (DESIGN.md §9): each cell's key and
 * respondent count n, the relations parent = Σ children that the published totals give, and the
 * bounds n(cell) ≤ Σ n(others) that hold across tables (an item's n in a cell is at most the cell's
 * respondents; a term's texts at most the cell's texts).
 */
public record CellSystem(List<String> keys, long[] n, List<Relation> relations, List<Bound> bounds) {
  /**
   * A published total and the cells it adds up. An {@code envelope} total is hidden whenever one of
   * its cells is small (primary): its cells are also bounded from below by figures of other tables,
   * so hiding siblings would not hide how many the small cell holds.
   */
  public record Relation(int parent, int[] children, boolean envelope) {
    public Relation(int parent, int[] children) {
      this(parent, children, false);
    }

    /** The parent and the children. */
    int[] cells() {
      int[] cells = new int[children.length + 1];
      cells[0] = parent;
      System.arraycopy(children, 0, cells, 1, children.length);
      return cells;
    }
  }

  /** n(cell) ≤ Σ n(atMost): what one table's figure says about another's. */
  public record Bound(int cell, int[] atMost) {
    int[] cells() {
      int[] cells = new int[atMost.length + 1];
      cells[0] = cell;
      System.arraycopy(atMost, 0, cells, 1, atMost.length);
      return cells;
    }
  }

  public CellSystem {
    keys = List.copyOf(keys);
    relations = List.copyOf(relations);
    bounds = List.copyOf(bounds);
    if (n.length != keys.size()) {
      throw new IllegalArgumentException(n.length + " counts for " + keys.size() + " cells");
    }
  }

  public CellSystem(List<String> keys, long[] n, List<Relation> relations) {
    this(keys, n, relations, List.of());
  }

  public int size() {
    return keys.size();
  }

  /** Collects the cells, relations and bounds of several tables into one system. */
  public static final class Builder {
    private final List<String> keys = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();
    private final List<Bound> bounds = new ArrayList<>();

    /** Adds a cell; returns its index. */
    public int cell(String key, long n) {
      keys.add(key);
      counts.add(n);
      return keys.size() - 1;
    }

    /** The count of a cell added so far. */
    public long count(int cell) {
      return counts.get(cell);
    }

    public Builder relation(int parent, int... children) {
      relations.add(new Relation(parent, children));
      return this;
    }

    /** A total hidden with any small cell of it ({@link Relation#envelope}). */
    public Builder envelope(int parent, int... children) {
      relations.add(new Relation(parent, children, true));
      return this;
    }

    public Builder atMost(int cell, int... atMost) {
      bounds.add(new Bound(cell, atMost));
      return this;
    }

    public CellSystem build() {
      return new CellSystem(keys, counts.stream().mapToLong(Long::longValue).toArray(), relations, bounds);
    }
  }
}
