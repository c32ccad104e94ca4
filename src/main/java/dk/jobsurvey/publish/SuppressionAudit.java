package dk.jobsurvey.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;

/**
 * The release gate of DESIGN.md §9: what an attacker who knows every published n, every relation
 * and every bound between tables, and that counts are whole numbers ≥ 0, can deduce about each
 * primary-suppressed cell. Per connected group of suppressed cells, the smallest and largest whole
 * n consistent with everything published, as integer programs solved by ojAlgo's MIP solver (the
 * linear relaxation alone can promise a value no whole-number table reaches).
 *
 * <p>The gate does not take the solver's word for it: a cell passes only on a whole point that
 * this class has checked, in exact integer arithmetic, against every relation and bound, and at
 * which the cell reaches the threshold. A solver that finds no point or a wrong one can only
 * cause more suppression, never a release an attacker could narrow (an exception from the solver
 * stops the step, with nothing published).
 */
public final class SuppressionAudit {
  /** The values of a suppressed cell the published figures leave possible. */
  public record Interval(double lo, double hi) {}

  private SuppressionAudit() {}

  /** The attacker's exact interval for every primary cell. */
  public static Map<Integer, Interval> intervals(CellSystem system, DisclosureControl.Reason[] reasons) {
    return intervals(system, reasons, Double.NaN);
  }

  /**
   * The attacker's bounds for every primary cell. With {@code enough} a number (the gate's
   * threshold), only whether each upper bound reaches it: a checked whole point at which a cell
   * reaches it proves that the attacker cannot rule that out, and one program maximising the sum of
   * the primary cells often gives such a point for many at once; the rest get their own program, and
   * the lower bounds are NaN. With NaN, exact lower and upper bounds.
   */
  static Map<Integer, Interval> intervals(CellSystem system, DisclosureControl.Reason[] reasons, double enough) {
    boolean gate = !Double.isNaN(enough);
    List<List<Integer>> neighbours = system.neighbours();
    Map<Integer, Interval> intervals = new LinkedHashMap<>();
    int[] component = new int[system.size()];
    Arrays.fill(component, -1);
    for (int start = 0; start < system.size(); start++) {
      if (reasons[start] == null || component[start] >= 0) {
        continue;
      }
      List<Integer> cells = connected(start, reasons, neighbours, component);
      List<Integer> primaries = cells.stream().filter(c -> reasons[c] == DisclosureControl.Reason.PRIMARY).toList();
      if (primaries.isEmpty()) {
        continue;
      }
      Program program = new Program(system, cells);
      // Largest sum for the gate (points where cells reach the threshold), smallest for exact bounds (points at 0).
      program.solve(primaries, gate);
      for (int cell : primaries) {
        double reached = program.bestChecked(cell, true);
        double hi = gate && reached >= enough ? reached : program.optimum(cell, true);
        double lo = gate ? Double.NaN : program.bestChecked(cell, false) == 0 ? 0 : program.optimum(cell, false);
        intervals.put(cell, new Interval(lo, hi));
      }
    }
    return intervals;
  }

  /** The attacker's program for the connected group of suppressed cells that holds {@code cell}. */
  static Program program(CellSystem system, DisclosureControl.Reason[] reasons, List<List<Integer>> neighbours, int cell) {
    return new Program(system, component(system, reasons, neighbours, cell));
  }

  /** The suppressed cells linked to a suppressed cell through relations and bounds, itself included. */
  static List<Integer> component(CellSystem system, DisclosureControl.Reason[] reasons, List<List<Integer>> neighbours,
      int cell) {
    int[] component = new int[system.size()];
    Arrays.fill(component, -1);
    return connected(cell, reasons, neighbours, component);
  }

  /**
   * The attacker's program for one group of unknown counts: rows Σ a·x = b (a relation, published
   * cells moved to the right-hand side) or Σ a·x ≤ b (a bound), and 0 ≤ x ≤ upper. It keeps every
   * whole point it has checked; the published table itself is the first.
   */
  static final class Program {
    static {
      // ojAlgo prints a banner about unknown hardware to stdout when its classes load; a job's output is not the place.
      if (System.getProperty("shut.up.ojAlgo") == null) {
        System.setProperty("shut.up.ojAlgo", "true");
      }
    }

    private final Map<Integer, Integer> variable = new HashMap<>();
    /** Per cell of the system, whether it is a variable here (a row is visited only if it holds one). */
    private final boolean[] unknown;
    /** The published cells in the rows: what the attacker uses about this group. */
    private final TreeSet<Integer> published = new TreeSet<>();
    private final List<long[]> rows = new ArrayList<>();
    private final List<Boolean> equalities = new ArrayList<>();
    private final List<Long> limits = new ArrayList<>();
    private final long[] upper;
    private final long unbounded;
    private final List<long[]> checked = new ArrayList<>();

    /** The program of a group of suppressed cells of a system. */
    Program(CellSystem system, List<Integer> cells) {
      cells.forEach(c -> variable.put(c, variable.size()));
      unknown = new boolean[system.size()];
      cells.forEach(c -> unknown[c] = true);
      // No count of a bounded cell exceeds the largest published one, so reaching four times it means unbounded.
      unbounded = 4 * (Arrays.stream(system.n()).max().orElse(0) + 1000);
      upper = new long[cells.size()];
      Arrays.fill(upper, unbounded);
      for (CellSystem.Relation relation : system.relations()) {
        row(relation.cells(), true, system);
      }
      for (CellSystem.Bound bound : system.bounds()) {
        row(bound.cells(), false, system);
      }
      checked.add(cells.stream().mapToLong(c -> system.n()[c]).toArray());
    }

    /** A program over variables 0..k−1 given as rows, each variable between 0 and its upper bound. */
    Program(long[][] rows, boolean[] equalities, long[] limits, long[] upper) {
      for (int v = 0; v < upper.length; v++) {
        variable.put(v, v);
      }
      unknown = null;
      this.upper = upper.clone();
      unbounded = Long.MAX_VALUE;
      for (int r = 0; r < rows.length; r++) {
        this.rows.add(rows[r].clone());
        this.equalities.add(equalities[r]);
        this.limits.add(limits[r]);
      }
    }

    int variables() {
      return variable.size();
    }

    SortedSet<Integer> published() {
      return published;
    }

    /**
     * The largest (or smallest) whole value of a cell consistent with every row: the most extreme
     * value at the points checked so far, after the solver's optimum for this cell was checked too.
     * That is the solver's optimum when its point checks; otherwise a value the attacker can reach,
     * so a maximum is never too high and a minimum never too low. Infinite when the rows do not
     * bound the cell.
     */
    double optimum(int cell, boolean maximise) {
      solve(unit(cell), maximise);
      return bestChecked(cell, maximise);
    }

    /** The linear relaxation's maximum of a cell: a cheap guide for the repair, never a bound the gate uses. */
    double relaxedMaximum(int cell) {
      Optimisation.Result result = model(unit(cell), false).maximise();
      return result.getState().isFeasible() ? result.getValue() : Double.NEGATIVE_INFINITY;
    }

    /** The objective of one cell's count. */
    private long[] unit(int cell) {
      long[] unit = new long[variables()];
      unit[variable.get(cell)] = 1;
      return unit;
    }

    /** Solves for the sum of these cells (largest or smallest), keeping the point when it checks. */
    void solve(List<Integer> cells, boolean maximise) {
      long[] sum = new long[variables()];
      cells.forEach(c -> sum[variable.get(c)] = 1);
      solve(sum, maximise);
    }

    /** The most extreme value of a cell at the whole points checked so far (∞ at the unbounded ceiling). */
    double bestChecked(int cell, boolean maximise) {
      int v = variable.get(cell);
      long best = maximise ? Long.MIN_VALUE : Long.MAX_VALUE;
      for (long[] point : checked) {
        best = maximise ? Math.max(best, point[v]) : Math.min(best, point[v]);
      }
      return maximise && best >= unbounded / 2 ? Double.POSITIVE_INFINITY : best;
    }

    private void solve(long[] objective, boolean maximise) {
      ExpressionsBasedModel model = model(objective, true);
      Optimisation.Result result = maximise ? model.maximise() : model.minimise();
      if (result.getState().isFeasible()) {
        long[] point = new long[variables()];
        boolean whole = true;
        for (int v = 0; v < point.length; v++) {
          double value = result.doubleValue(v);
          point[v] = Math.round(value);
          whole &= Math.abs(value - point[v]) <= 1e-6;
        }
        if (whole && holds(point)) {
          checked.add(point);
        }
      }
    }

    /** Whether a whole point satisfies every row and bound, in exact arithmetic. */
    boolean holds(long[] point) {
      for (int v = 0; v < point.length; v++) {
        if (point[v] < 0 || point[v] > upper[v]) {
          return false;
        }
      }
      for (int r = 0; r < rows.size(); r++) {
        long[] row = rows.get(r);
        long total = 0;
        for (int v = 0; v < row.length; v++) {
          total = Math.addExact(total, Math.multiplyExact(row[v], point[v]));
        }
        if (equalities.get(r) ? total != limits.get(r) : total > limits.get(r)) {
          return false;
        }
      }
      return true;
    }

    /** A new model per program: ojAlgo's model keeps state from one solve to the next (a maximum after a minimum came out wrong). */
    private ExpressionsBasedModel model(long[] coefficients, boolean whole) {
      ExpressionsBasedModel model = new ExpressionsBasedModel();
      for (int v = 0; v < variables(); v++) {
        model.addVariable("x" + v).lower(0).upper(upper[v]).integer(whole);
      }
      for (int r = 0; r < rows.size(); r++) {
        Expression expression = model.addExpression("r" + r);
        long[] row = rows.get(r);
        for (int v = 0; v < row.length; v++) {
          if (row[v] != 0) {
            expression.set(model.getVariable(v), row[v]);
          }
        }
        if (equalities.get(r)) {
          expression.level(limits.get(r));
        } else {
          expression.upper(limits.get(r));
        }
      }
      Expression objective = model.addExpression("objective").weight(1);
      for (int v = 0; v < coefficients.length; v++) {
        if (coefficients[v] != 0) {
          objective.set(model.getVariable(v), coefficients[v]);
        }
      }
      return model;
    }

    private void row(int[] cells, boolean equality, CellSystem system) {
      if (Arrays.stream(cells).noneMatch(c -> unknown[c])) {
        return;
      }
      long[] coefficients = new long[variables()];
      long constant = 0;
      for (int i = 0; i < cells.length; i++) {
        long sign = i == 0 ? 1 : -1;
        Integer v = variable.get(cells[i]);
        if (v != null) {
          coefficients[v] += sign;
        } else {
          constant -= sign * system.n()[cells[i]];
          published.add(cells[i]);
        }
      }
      int[] involved = java.util.stream.IntStream.range(0, coefficients.length).filter(v -> coefficients[v] != 0).toArray();
      if (involved.length == 1 && !equality && coefficients[involved[0]] == 1) {
        // x ≤ b alone is the variable's bound, not a row.
        upper[involved[0]] = Math.min(upper[involved[0]], constant);
        return;
      }
      rows.add(coefficients);
      equalities.add(equality);
      limits.add(constant);
    }
  }

  /** The suppressed cells linked to {@code start} through relations and bounds, each marked with the component. */
  private static List<Integer> connected(int start, DisclosureControl.Reason[] reasons, List<List<Integer>> neighbours,
      int[] component) {
    List<Integer> cells = new ArrayList<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    component[start] = start;
    while (!queue.isEmpty()) {
      int cell = queue.poll();
      cells.add(cell);
      for (int other : neighbours.get(cell)) {
        if (reasons[other] != null && component[other] < 0) {
          component[other] = start;
          queue.add(other);
        }
      }
    }
    return cells;
  }
}
