package dk.jobsurvey.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The release gate of DESIGN.md §9: what an attacker who knows every published n, every relation
 * and every bound between tables, and that counts are whole numbers ≥ 0, can deduce about each
 * primary-suppressed cell. Per connected group of suppressed cells, the smallest and largest whole
 * n consistent with everything published: linear programs (commons-math3's simplex), with branch
 * and bound where a program's optimum is not whole. The linear relaxation alone can promise a
 * value no whole-number table reaches, which would let a cell pass that the attacker can bound
 * below the threshold.
 */
public final class SuppressionAudit {
  /** The values of a suppressed cell the published figures leave possible. */
  public record Interval(double lo, double hi) {}

  /**
   * Linear programs per bound; past it, the largest whole value found so far stands (never too high),
   * or, if none was found, the relaxation's.
   */
  static final int MAX_BRANCHES = 60;
  private static final double WHOLE = 1e-6;
  /** A count no cell reaches: an optimum at it means the published figures do not bound the cell. */
  private static final double UNBOUNDED = 1e12;

  private SuppressionAudit() {}

  /** The attacker's interval for every primary cell. */
  public static Map<Integer, Interval> intervals(CellSystem system, DisclosureControl.Reason[] reasons) {
    return intervals(system, reasons, Double.NaN);
  }

  /**
   * The attacker's bounds for every primary cell. With {@code enough} a number (the gate's
   * threshold), only whether each upper bound reaches it: a whole point of the program at which a
   * cell reaches it proves that the attacker cannot rule that out, and one program maximising the
   * sum of the open cells finds such points for many at once; the rest get their own program, and
   * the lower bounds are NaN. With NaN, exact lower and upper bounds (the lower ones with the same
   * shortcut for cells that can be 0).
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
      Map<Integer, Double> highest = gate ? program.certified(primaries, GoalType.MAXIMIZE, enough) : new HashMap<>();
      Map<Integer, Double> lowest = gate ? Map.of() : program.certified(primaries, GoalType.MINIMIZE, 0);
      for (int cell : primaries) {
        double hi = highest.containsKey(cell) ? highest.get(cell) : program.optimum(cell, GoalType.MAXIMIZE);
        double lo = gate ? Double.NaN : lowest.containsKey(cell) ? lowest.get(cell) : program.optimum(cell, GoalType.MINIMIZE);
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
   * The attacker's program for one connected group of suppressed cells: parent − Σ children = 0 and
   * cell − Σ atMost ≤ 0 for every relation and bound that involves them, published cells moved to
   * the right-hand side.
   */
  static final class Program {
    private final Map<Integer, Integer> variable = new HashMap<>();
    private final List<LinearConstraint> constraints = new ArrayList<>();
    /** The published cells in the constraints: what the attacker uses about this group. */
    private final java.util.TreeSet<Integer> published = new java.util.TreeSet<>();

    /** Per variable, the tightest bounds of constraints on it alone (one row each instead of many). */
    private final double[] upper;
    private final double[] lower;

    Program(CellSystem system, List<Integer> cells) {
      cells.forEach(c -> variable.put(c, variable.size()));
      upper = new double[cells.size()];
      lower = new double[cells.size()];
      // The loose upper bound is also a workaround: commons-math's simplex can stop short of the optimum of
      // a program with equalities alone (max x2 s.t. x1 + x2 + x3 = 14 gave 0); a bound per variable avoids it.
      Arrays.fill(upper, UNBOUNDED);
      for (CellSystem.Relation relation : system.relations()) {
        constraint(relation.cells(), Relationship.EQ, system);
      }
      for (CellSystem.Bound bound : system.bounds()) {
        constraint(bound.cells(), Relationship.LEQ, system);
      }
      for (int v = 0; v < cells.size(); v++) {
        double[] unit = new double[cells.size()];
        unit[v] = 1;
        constraints.add(new LinearConstraint(unit, Relationship.LEQ, upper[v]));
        if (lower[v] > 0) {
          constraints.add(new LinearConstraint(unit, Relationship.GEQ, lower[v]));
        }
      }
    }

    int variables() {
      return variable.size();
    }

    double optimum(int cell, GoalType goal) {
      return wholeOptimum(variable.size(), variable.get(cell), constraints, goal);
    }

    /** The relaxation's maximum of a cell: a cheap guide for the repair, not a bound the gate uses. */
    double relaxedMaximum(int cell) {
      double[] objective = new double[variable.size()];
      objective[variable.get(cell)] = 1;
      PointValuePair optimum = solve(objective, constraints, GoalType.MAXIMIZE);
      return optimum == null ? Double.NEGATIVE_INFINITY : optimum.getValue();
    }

    /**
     * The cells whose bound in the direction of {@code goal} is settled by whole points of programs
     * that optimise the sum of the open cells: at least {@code threshold} (maximising) or exactly
     * {@code threshold} (minimising towards 0), with the value at the point.
     */
    Map<Integer, Double> certified(List<Integer> cells, GoalType goal, double threshold) {
      Map<Integer, Double> settled = new HashMap<>();
      java.util.Set<Integer> open = new java.util.TreeSet<>(cells);
      while (open.size() > 1) {
        double[] objective = new double[variable.size()];
        open.forEach(c -> objective[variable.get(c)] = 1);
        double[] point = wholePoint(variable.size(), objective, constraints, goal);
        if (point == null) {
          break;
        }
        // Only a whole point is a table; off one, only cells the figures do not bound at all count.
        boolean whole = Arrays.stream(point).allMatch(v -> Math.abs(v - Math.rint(v)) <= WHOLE);
        boolean progress = false;
        for (int cell : List.copyOf(open)) {
          double value = point[variable.get(cell)];
          boolean reached = goal == GoalType.MAXIMIZE ? value >= (whole ? threshold - WHOLE : UNBOUNDED / 2)
              : whole && value <= threshold + WHOLE;
          if (reached) {
            settled.put(cell, value >= UNBOUNDED / 2 ? Double.POSITIVE_INFINITY : Math.rint(value));
            open.remove(cell);
            progress = true;
          }
        }
        if (!progress) {
          break;
        }
      }
      return settled;
    }

    java.util.SortedSet<Integer> published() {
      return published;
    }

    private void constraint(int[] cells, Relationship relationship, CellSystem system) {
      if (Arrays.stream(cells).noneMatch(variable::containsKey)) {
        return;
      }
      double[] coefficients = new double[variable.size()];
      double constant = 0;
      for (int i = 0; i < cells.length; i++) {
        double sign = i == 0 ? 1 : -1;
        if (variable.containsKey(cells[i])) {
          coefficients[variable.get(cells[i])] += sign;
        } else {
          constant -= sign * system.n()[cells[i]];
          published.add(cells[i]);
        }
      }
      int[] involved = java.util.stream.IntStream.range(0, coefficients.length).filter(v -> coefficients[v] != 0).toArray();
      if (involved.length == 1 && relationship == Relationship.LEQ) {
        int v = involved[0];
        double bound = constant / coefficients[v];
        if (coefficients[v] > 0) {
          upper[v] = Math.min(upper[v], bound);
        } else {
          lower[v] = Math.max(lower[v], bound);
        }
        return;
      }
      constraints.add(new LinearConstraint(coefficients, relationship, constant));
    }
  }

  /**
   * The optimum of one variable over whole-number points, by branch and bound on the linear
   * programs. Past {@link #MAX_BRANCHES} programs a maximum is the best whole point found (the
   * attacker might know less, never more, so the gate errs towards suppressing) and a minimum the
   * relaxation's.
   */
  static double wholeOptimum(int variables, int target, List<LinearConstraint> constraints, GoalType goal) {
    double[] objective = new double[variables];
    objective[target] = 1;
    return branchAndBound(variables, objective, constraints, goal).value();
  }

  /** A whole point optimising the objective (a sum of cells), or null when none was found. */
  static double[] wholePoint(int variables, double[] objective, List<LinearConstraint> constraints, GoalType goal) {
    return branchAndBound(variables, objective, constraints, goal).point();
  }

  private record Whole(double value, double[] point) {}

  private static Whole branchAndBound(int variables, double[] objective, List<LinearConstraint> constraints, GoalType goal) {
    boolean max = goal == GoalType.MAXIMIZE;
    double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    double[] bestPoint = null;
    Double relaxation = null;
    Deque<List<LinearConstraint>> open = new ArrayDeque<>(List.of(constraints));
    for (int programs = 0; !open.isEmpty(); programs++) {
      if (programs == MAX_BRANCHES) {
        // Without a whole point the relaxation's bound stands, rounded down (the gate's bound before integers).
        return bestPoint != null || relaxation == null ? new Whole(max ? best : Math.min(best, relaxation), bestPoint)
            : new Whole(max ? Math.floor(relaxation + WHOLE) : Math.ceil(relaxation - WHOLE), null);
      }
      List<LinearConstraint> node = open.pop();
      PointValuePair optimum = solve(objective, node, goal);
      if (optimum == null) {
        continue;
      }
      if (Double.isInfinite(optimum.getValue()) || optimum.getValue() >= UNBOUNDED / 2) {
        // A cell the published figures do not bound: any value, so no whole point is needed to show it.
        return new Whole(max ? Double.POSITIVE_INFINITY : optimum.getValue(), optimum.getPoint());
      }
      if (relaxation == null) {
        relaxation = optimum.getValue();
      }
      // The objective is whole, so a branch whose relaxation cannot beat the best whole value by 1 is done.
      double reachable = max ? Math.floor(optimum.getValue() + WHOLE) : Math.ceil(optimum.getValue() - WHOLE);
      if (max ? reachable <= best : reachable >= best) {
        continue;
      }
      double[] point = optimum.getPoint();
      int fractional = -1;
      for (int v = 0; v < point.length && fractional < 0; v++) {
        if (Math.abs(point[v] - Math.rint(point[v])) > WHOLE) {
          fractional = v;
        }
      }
      if (fractional < 0) {
        best = Math.rint(optimum.getValue());
        bestPoint = point;
        continue;
      }
      double[] unit = new double[variables];
      unit[fractional] = 1;
      List<LinearConstraint> down = new ArrayList<>(node);
      down.add(new LinearConstraint(unit, Relationship.LEQ, Math.floor(point[fractional])));
      List<LinearConstraint> up = new ArrayList<>(node);
      up.add(new LinearConstraint(unit, Relationship.GEQ, Math.ceil(point[fractional])));
      open.push(down);
      open.push(up);
    }
    return new Whole(best, bestPoint);
  }

  /** The relaxation's optimum; null when infeasible, an infinite value when unbounded. */
  private static PointValuePair solve(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
    int variables = objective.length;
    try {
      return new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(objective, 0),
          new LinearConstraintSet(constraints), goal, new NonNegativeConstraint(true));
    } catch (UnboundedSolutionException e) {
      return new PointValuePair(new double[variables],
          goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
    } catch (NoFeasibleSolutionException e) {
      return null;
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
