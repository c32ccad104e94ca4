package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;

/**
 * The attacker's program for one group of unknown counts: rows Σ a·x = b (a relation, published
 * cells moved to the right-hand side) or Σ a·x ≤ b (a bound), and lower ≤ x ≤ upper. It keeps every
 * whole point it has checked; the published table itself is the first.
 */
final class AuditProgram {
  static {
    // ojAlgo prints a banner about unknown hardware to stdout when its classes load; a job's output is not the place.
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }

  private final Map<Integer, Integer> variable = new HashMap<>();
  /** The published cells in the rows: what the attacker uses about this group. */
  private final TreeSet<Integer> published = new TreeSet<>();
  /** Row r is Σ coefficients[r][i] · x[variables[r][i]] = limit (or ≤ limit). */
  private final List<int[]> rowVariables = new ArrayList<>();
  private final List<long[]> rowCoefficients = new ArrayList<>();
  private final List<Boolean> equalities = new ArrayList<>();
  private final List<Long> limits = new ArrayList<>();
  /** Passes over the rows to tighten the bounds: each pass costs little, and a few settle them. */
  private static final int TIGHTENING_PASSES = 10;
  private final long[] lower;
  private final long[] upper;
  /** The inequality rows so far by their left-hand side: the same row twice keeps the tighter limit. */
  private final Map<String, Integer> inequalityRows = new HashMap<>();
  private final long unbounded;
  private final List<long[]> checked = new ArrayList<>();

  /** The program of a group of suppressed cells of a system: the rows that hold one of them. */
  AuditProgram(SystemIndex index, List<Integer> cells) {
    CellSystem system = index.system();
    cells.forEach(c -> variable.put(c, variable.size()));
    // No count of a bounded cell exceeds the largest published one, so reaching four times it means unbounded.
    unbounded = 4 * (Arrays.stream(system.n()).max().orElse(0) + 1000);
    lower = new long[cells.size()];
    upper = new long[cells.size()];
    Arrays.fill(upper, unbounded);
    TreeSet<Integer> rows = new TreeSet<>();
    cells.forEach(c -> Arrays.stream(index.rowsOf(c)).forEach(rows::add));
    long[] scratch = new long[cells.size()];
    for (int r : rows) {
      row(index.row(r), index.isRelation(r), system, scratch);
    }
    tightenBounds();
    checked.add(cells.stream().mapToLong(c -> system.n()[c]).toArray());
  }

  /** A program over variables 0..k−1 given as rows, each variable between 0 and its upper bound. */
  AuditProgram(long[][] rows, boolean[] equalities, long[] limits, long[] upper) {
    for (int v = 0; v < upper.length; v++) {
      variable.put(v, v);
    }
    this.lower = new long[upper.length];
    this.upper = upper.clone();
    unbounded = Long.MAX_VALUE;
    for (int r = 0; r < rows.length; r++) {
      long[] row = rows[r];
      int[] involved = java.util.stream.IntStream.range(0, row.length).filter(v -> row[v] != 0).toArray();
      add(involved, Arrays.stream(involved).mapToLong(v -> row[v]).toArray(), equalities[r], limits[r]);
    }
    tightenBounds();
  }

  /**
   * The bounds each row implies for its variables, to a fixpoint: from Σ a·x ≤ b, a_j·x_j ≤ b − Σ
   * of the other terms' least values, rounded to whole numbers (counts). Implied, so the program
   * is the same; with tight bounds a checked point at a cell's bound settles it without a program.
   */
  private void tightenBounds() {
    boolean changed = true;
    for (int pass = 0; pass < TIGHTENING_PASSES && changed; pass++) {
      changed = false;
      for (int r = 0; r < rowVariables.size(); r++) {
        long[] coefficients = rowCoefficients.get(r);
        changed |= tighten(rowVariables.get(r), coefficients, limits.get(r));
        if (equalities.get(r)) {
          changed |= tighten(rowVariables.get(r), Arrays.stream(coefficients).map(a -> -a).toArray(), -limits.get(r));
        }
      }
    }
  }

  /** Tightens the bounds from Σ a·x ≤ b; whether any changed. */
  private boolean tighten(int[] variables, long[] coefficients, long limit) {
    long[] least = new long[variables.length];
    long sum = 0;
    int unboundedTerm = -1;
    for (int i = 0; i < variables.length; i++) {
      long a = coefficients[i];
      int v = variables[i];
      if (a < 0 && upper[v] >= unbounded / 2) {
        if (unboundedTerm >= 0) {
          return false;
        }
        unboundedTerm = i;
        continue;
      }
      least[i] = a > 0 ? a * lower[v] : a * upper[v];
      sum += least[i];
    }
    boolean changed = false;
    for (int j = 0; j < variables.length; j++) {
      if (unboundedTerm >= 0 && j != unboundedTerm) {
        continue;
      }
      long room = limit - (sum - least[j]);
      long a = coefficients[j];
      int v = variables[j];
      if (a > 0 && Math.floorDiv(room, a) < upper[v]) {
        upper[v] = Math.floorDiv(room, a);
        changed = true;
      } else if (a < 0 && -Math.floorDiv(room, -a) > lower[v]) {
        lower[v] = -Math.floorDiv(room, -a);
        changed = true;
      }
    }
    return changed;
  }

  int variables() {
    return variable.size();
  }

  SortedSet<Integer> published() {
    return published;
  }

  /**
   * The largest (or smallest) whole value of a cell consistent with every row: the most extreme
   * value at the points checked before and in this call. The relaxation's optimum is tried first:
   * when a checked point reaches it, rounded to a whole number, nothing can go further. Otherwise
   * the integer program's optimum, when its point checks; else a value the attacker can reach, so a
   * maximum is never too high and a minimum never too low. Infinite when the rows do not bound the
   * cell. Leaves the program as it was, so that cells can be solved side by side.
   */
  double optimum(int cell, boolean maximise) {
    int v = variable.get(cell);
    if (extreme(checked, cell, maximise) == (maximise ? upper[v] : lower[v])) {
      // A checked point at the cell's own bound: no program goes further.
      return finite(maximise ? upper[v] : lower[v]);
    }
    List<long[]> points = new ArrayList<>(checked);
    long[] objective = unit(cell);
    Optimisation.Result relaxed = solve(objective, maximise, false, points);
    if (relaxed.getState().isOptimal()) {
      // A generous rounding: a solver a little short of the true optimum must not settle the cell early.
      double value = relaxed.getValue();
      long whole = (long) (maximise ? Math.floor(value + 1e-3) : Math.ceil(value - 1e-3));
      if (extreme(points, cell, maximise) == whole) {
        return finite(whole);
      }
    }
    solve(objective, maximise, true, points);
    return finite(extreme(points, cell, maximise));
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
    solve(sum, maximise, true, checked);
  }

  /**
   * Points that settle many cells at once: the largest (smallest) sum of the cells not yet
   * settled, again while that settles more of them.
   */
  void settleAtOnce(List<Integer> cells, boolean maximise, java.util.function.Predicate<Integer> settled) {
    List<Integer> open = cells;
    while (!open.isEmpty()) {
      solve(open, maximise);
      List<Integer> left = open.stream().filter(settled.negate()).toList();
      if (left.size() == open.size()) {
        return;
      }
      open = left;
    }
  }

  /** Whether a checked point has the cell at its upper (lower) bound: its maximum (minimum), with no program of its own. */
  boolean atBound(int cell, boolean maximise) {
    int v = variable.get(cell);
    return extreme(checked, cell, maximise) == (maximise ? upper[v] : lower[v]);
  }

  /** The most extreme value of a cell at the whole points checked so far (∞ at the unbounded ceiling). */
  double bestChecked(int cell, boolean maximise) {
    return finite(extreme(checked, cell, maximise));
  }

  private long extreme(List<long[]> points, int cell, boolean maximise) {
    int v = variable.get(cell);
    long best = maximise ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (long[] point : points) {
      best = maximise ? Math.max(best, point[v]) : Math.min(best, point[v]);
    }
    return best;
  }

  private double finite(long value) {
    return value >= unbounded / 2 ? Double.POSITIVE_INFINITY : value;
  }

  /** Solves, whole or relaxed, and adds the optimal point to {@code points} when it is whole and checks. */
  private Optimisation.Result solve(long[] objective, boolean maximise, boolean whole, List<long[]> points) {
    ExpressionsBasedModel model = model(objective, whole);
    Optimisation.Result result = maximise ? model.maximise() : model.minimise();
    if (result.getState().isFeasible()) {
      long[] point = new long[variables()];
      boolean integral = true;
      for (int v = 0; v < point.length; v++) {
        double value = result.doubleValue(v);
        point[v] = Math.round(value);
        integral &= Math.abs(value - point[v]) <= 1e-6;
      }
      if (integral && holds(point)) {
        points.add(point);
      }
    }
    return result;
  }

  /** Whether a whole point satisfies every row and bound, in exact arithmetic. */
  boolean holds(long[] point) {
    for (int v = 0; v < point.length; v++) {
      if (point[v] < lower[v] || point[v] > upper[v]) {
        return false;
      }
    }
    for (int r = 0; r < rowVariables.size(); r++) {
      int[] variables = rowVariables.get(r);
      long[] coefficients = rowCoefficients.get(r);
      long total = 0;
      for (int i = 0; i < variables.length; i++) {
        total = Math.addExact(total, Math.multiplyExact(coefficients[i], point[variables[i]]));
      }
      if (equalities.get(r) ? total != limits.get(r) : total > limits.get(r)) {
        return false;
      }
    }
    return true;
  }

  /** A new model per program: ojAlgo's model keeps state from one solve to the next (a maximum after a minimum came out wrong). */
  private ExpressionsBasedModel model(long[] objectiveCoefficients, boolean whole) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    for (int v = 0; v < variables(); v++) {
      model.addVariable("x" + v).lower(lower[v]).upper(upper[v]).integer(whole);
    }
    for (int r = 0; r < rowVariables.size(); r++) {
      Expression expression = model.addExpression("r" + r);
      int[] variables = rowVariables.get(r);
      long[] coefficients = rowCoefficients.get(r);
      for (int i = 0; i < variables.length; i++) {
        expression.set(model.getVariable(variables[i]), coefficients[i]);
      }
      if (equalities.get(r)) {
        expression.level(limits.get(r));
      } else {
        expression.upper(limits.get(r));
      }
    }
    Expression objective = model.addExpression("objective").weight(1);
    for (int v = 0; v < objectiveCoefficients.length; v++) {
      if (objectiveCoefficients[v] != 0) {
        objective.set(model.getVariable(v), objectiveCoefficients[v]);
      }
    }
    return model;
  }

  /** One relation or bound, its published cells moved to the right-hand side ({@code scratch} is all 0, and left so). */
  private void row(int[] cells, boolean equality, CellSystem system, long[] scratch) {
    long constant = 0;
    TreeSet<Integer> touched = new TreeSet<>();
    for (int i = 0; i < cells.length; i++) {
      long sign = i == 0 ? 1 : -1;
      Integer v = variable.get(cells[i]);
      if (v != null) {
        scratch[v] += sign;
        touched.add(v);
      } else {
        constant -= sign * system.n()[cells[i]];
        published.add(cells[i]);
      }
    }
    int[] involved = touched.stream().mapToInt(Integer::intValue).filter(v -> scratch[v] != 0).toArray();
    long[] coefficients = Arrays.stream(involved).mapToLong(v -> scratch[v]).toArray();
    touched.forEach(v -> scratch[v] = 0);
    add(involved, coefficients, equality, constant);
  }

  /**
   * Adds a row. a·x ≤ b alone is a bound of x, not a row (rounded to a whole number: x counts
   * people); an inequality already there keeps the tighter limit. Both make the model smaller, not
   * different: a bound from n(published) ≤ Σ n(hidden) is most of the rows on the national data.
   */
  private void add(int[] variables, long[] coefficients, boolean equality, long limit) {
    if (variables.length == 1 && !equality) {
      int v = variables[0];
      long a = coefficients[0];
      if (a > 0) {
        upper[v] = Math.min(upper[v], Math.floorDiv(limit, a));
      } else {
        lower[v] = Math.max(lower[v], -Math.floorDiv(limit, -a));
      }
      return;
    }
    if (!equality) {
      String side = Arrays.toString(variables) + Arrays.toString(coefficients);
      Integer known = inequalityRows.get(side);
      if (known != null) {
        limits.set(known, Math.min(limits.get(known), limit));
        return;
      }
      inequalityRows.put(side, rowVariables.size());
    }
    rowVariables.add(variables);
    rowCoefficients.add(coefficients);
    equalities.add(equality);
    limits.add(limit);
  }
}
