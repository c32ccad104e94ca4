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
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The release gate of DESIGN.md §9: what an attacker who knows every published n and every
 * relation can deduce about each primary-suppressed cell. Per connected group of suppressed cells,
 * two linear programs per primary cell (commons-math3's simplex) give the smallest and largest n
 * consistent with everything published, each suppressed cell lying between 0 and the n of its
 * smallest published ancestor.
 */
public final class SuppressionAudit {
  /** The values of a suppressed cell the published figures leave possible. */
  public record Interval(double lo, double hi) {}

  private SuppressionAudit() {}

  /** The attacker's interval for every primary cell. */
  public static Map<Integer, Interval> intervals(CellSystem system, DisclosureControl.Reason[] reasons) {
    List<List<CellSystem.Relation>> byCell = system.relationsByCell();
    double[] upperBounds = upperBounds(system, reasons);
    Map<Integer, Interval> intervals = new LinkedHashMap<>();
    int[] component = new int[system.size()];
    Arrays.fill(component, -1);
    for (int start = 0; start < system.size(); start++) {
      if (reasons[start] == null || component[start] >= 0) {
        continue;
      }
      List<Integer> cells = connected(start, reasons, byCell, component);
      if (cells.stream().noneMatch(c -> reasons[c] == DisclosureControl.Reason.PRIMARY)) {
        continue;
      }
      Map<Integer, Integer> variable = new HashMap<>();
      cells.forEach(c -> variable.put(c, variable.size()));
      List<LinearConstraint> constraints = new ArrayList<>();
      for (CellSystem.Relation relation : system.relations()) {
        if (!variable.containsKey(relation.parent()) && Arrays.stream(relation.children()).noneMatch(variable::containsKey)) {
          continue;
        }
        double[] coefficients = new double[cells.size()];
        double constant = 0;
        for (int cell : relation.cells()) {
          double sign = cell == relation.parent() ? 1 : -1;
          if (variable.containsKey(cell)) {
            coefficients[variable.get(cell)] += sign;
          } else {
            constant -= sign * system.n()[cell];
          }
        }
        constraints.add(new LinearConstraint(coefficients, Relationship.EQ, constant));
      }
      for (int cell : cells) {
        if (Double.isFinite(upperBounds[cell])) {
          double[] unit = new double[cells.size()];
          unit[variable.get(cell)] = 1;
          constraints.add(new LinearConstraint(unit, Relationship.LEQ, upperBounds[cell]));
        }
      }
      for (int cell : cells) {
        if (reasons[cell] == DisclosureControl.Reason.PRIMARY) {
          intervals.put(cell, new Interval(optimum(cells.size(), variable.get(cell), constraints, GoalType.MINIMIZE),
              optimum(cells.size(), variable.get(cell), constraints, GoalType.MAXIMIZE)));
        }
      }
    }
    return intervals;
  }

  private static double optimum(int variables, int target, List<LinearConstraint> constraints, GoalType goal) {
    double[] objective = new double[variables];
    objective[target] = 1;
    try {
      return new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(objective, 0),
          new LinearConstraintSet(constraints), goal, new NonNegativeConstraint(true)).getValue();
    } catch (UnboundedSolutionException e) {
      return Double.POSITIVE_INFINITY;
    }
  }

  /** The suppressed cells linked to {@code start} through relations, each marked with the component. */
  private static List<Integer> connected(int start, DisclosureControl.Reason[] reasons,
      List<List<CellSystem.Relation>> byCell, int[] component) {
    List<Integer> cells = new ArrayList<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    component[start] = start;
    while (!queue.isEmpty()) {
      int cell = queue.poll();
      cells.add(cell);
      for (CellSystem.Relation relation : byCell.get(cell)) {
        for (int other : relation.cells()) {
          if (reasons[other] != null && component[other] < 0) {
            component[other] = start;
            queue.add(other);
          }
        }
      }
    }
    return cells;
  }

  /**
   * Each suppressed cell's smallest published ancestor's n (infinite when none is published). The
   * search stops at published ancestors: counts only grow upwards, so theirs bound the rest.
   */
  private static double[] upperBounds(CellSystem system, DisclosureControl.Reason[] reasons) {
    List<List<Integer>> parents = new ArrayList<>();
    for (int i = 0; i < system.size(); i++) {
      parents.add(new ArrayList<>());
    }
    for (CellSystem.Relation relation : system.relations()) {
      for (int child : relation.children()) {
        parents.get(child).add(relation.parent());
      }
    }
    double[] bounds = new double[system.size()];
    for (int cell = 0; cell < system.size(); cell++) {
      double bound = Double.POSITIVE_INFINITY;
      if (reasons[cell] == null) {
        continue;
      }
      Deque<Integer> queue = new ArrayDeque<>(parents.get(cell));
      boolean[] seen = new boolean[system.size()];
      while (!queue.isEmpty()) {
        int ancestor = queue.poll();
        if (seen[ancestor]) {
          continue;
        }
        seen[ancestor] = true;
        if (reasons[ancestor] == null) {
          bound = Math.min(bound, system.n()[ancestor]);
        } else {
          queue.addAll(parents.get(ancestor));
        }
      }
      bounds[cell] = bound;
    }
    return bounds;
  }
}
