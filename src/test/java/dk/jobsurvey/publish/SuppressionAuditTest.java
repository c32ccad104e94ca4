package dk.jobsurvey.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.publish.DisclosureControl.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;

/** The audit against brute force: every integer completion of tiny tables, every whole point of tiny programs. */
class SuppressionAuditTest {
  static final int ROWS = 2;
  static final int COLUMNS = 3;

  @Test
  void intervalsEqualTheExtremesOfAllIntegerCompletions() {
    Random random = new Random(7);
    int compared = 0;
    for (int trial = 0; trial < 60; trial++) {
      long[][] counts = new long[ROWS][COLUMNS];
      for (long[] row : counts) {
        for (int j = 0; j < COLUMNS; j++) {
          row[j] = random.nextInt(4);
        }
      }
      DisclosureControlTest.Cube cube = DisclosureControlTest.Cube.twoWay(counts);
      CellSystem system = cube.system();
      Reason[] reasons = new Reason[system.size()];
      for (int i = 0; i < reasons.length; i++) {
        // The grand total stays published (as the national figure always is), so every cell has a bound.
        if (!system.keys().get(i).equals("all") && random.nextInt(100) < 40) {
          reasons[i] = system.n()[i] >= 1 && system.n()[i] < 5 ? Reason.PRIMARY : Reason.SECONDARY;
        }
      }
      Map<Integer, SuppressionAudit.Interval> intervals = SuppressionAudit.intervals(system, reasons);
      for (var entry : intervals.entrySet()) {
        long[] extremes = bruteForce(cube, reasons, entry.getKey());
        assertThat(entry.getValue().lo()).as("lo, trial %d", trial).isCloseTo(extremes[0], within(1e-6));
        assertThat(entry.getValue().hi()).as("hi, trial %d", trial).isCloseTo(extremes[1], within(1e-6));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(50);
  }

  /**
   * Mixed equalities and inequalities with coefficients of either sign, so that the bounds the rows
   * imply, and points sitting at those bounds, decide many optima without a program of their own:
   * every variable's whole-number minimum and maximum must still equal enumeration.
   */
  @Test
  void impliedBoundsAndSharedPointsKeepEveryOptimumExact() {
    Random random = new Random(23);
    int feasiblePrograms = 0;
    for (int trial = 0; trial < 400; trial++) {
      int variables = 4;
      int rowCount = 1 + random.nextInt(3);
      long[][] rows = new long[rowCount][variables];
      boolean[] equalities = new boolean[rowCount];
      long[] limits = new long[rowCount];
      for (int r = 0; r < rowCount; r++) {
        for (int v = 0; v < variables; v++) {
          rows[r][v] = random.nextInt(5) - 2;
        }
        equalities[r] = random.nextBoolean();
        limits[r] = random.nextInt(15) - 4;
      }
      long[] upper = new long[variables];
      for (int v = 0; v < variables; v++) {
        upper[v] = random.nextInt(7);
      }
      long[][] extremes = new long[variables][];
      for (int x = 0; x < 7 * 7 * 7 * 7; x++) {
        long[] point = {x % 7, x / 7 % 7, x / 49 % 7, x / 343};
        boolean feasible = true;
        for (int v = 0; v < variables; v++) {
          feasible &= point[v] <= upper[v];
        }
        for (int r = 0; r < rowCount && feasible; r++) {
          long total = 0;
          for (int v = 0; v < variables; v++) {
            total += rows[r][v] * point[v];
          }
          feasible = equalities[r] ? total == limits[r] : total <= limits[r];
        }
        for (int v = 0; v < variables && feasible; v++) {
          extremes[v] = extremes[v] == null ? new long[] {point[v], point[v]}
              : new long[] {Math.min(extremes[v][0], point[v]), Math.max(extremes[v][1], point[v])};
        }
      }
      if (extremes[0] == null) {
        continue;
      }
      feasiblePrograms++;
      AuditProgram program = new AuditProgram(rows, equalities, limits, upper);
      List<Integer> all = List.of(0, 1, 2, 3);
      program.settleAtOnce(all, false, c -> program.atBound(c, false));
      program.settleAtOnce(all, true, c -> program.atBound(c, true));
      for (int v = 0; v < variables; v++) {
        assertThat(program.optimum(v, false)).as("min of x%d, trial %d", v, trial).isEqualTo((double) extremes[v][0]);
        assertThat(program.optimum(v, true)).as("max of x%d, trial %d", v, trial).isEqualTo((double) extremes[v][1]);
      }
    }
    assertThat(feasiblePrograms).as("feasible programs among the trials").isGreaterThan(100);
  }

  @Test
  void wholeOptimaEqualEnumerationWhereTheLinearRelaxationPromisesMore() {
    Random random = new Random(11);
    int relaxationDiffered = 0;
    for (int trial = 0; trial < 300; trial++) {
      int variables = 3;
      List<LinearConstraint> constraints = new ArrayList<>();
      int[][] rows = new int[2][variables];
      int[] limits = new int[2];
      for (int c = 0; c < 2; c++) {
        double[] coefficients = new double[variables];
        for (int v = 0; v < variables; v++) {
          rows[c][v] = random.nextInt(4) - 1;
          coefficients[v] = rows[c][v];
        }
        limits[c] = random.nextInt(13);
        constraints.add(new LinearConstraint(coefficients, Relationship.LEQ, limits[c]));
      }
      for (int v = 0; v < variables; v++) {
        double[] unit = new double[variables];
        unit[v] = 1;
        constraints.add(new LinearConstraint(unit, Relationship.LEQ, 6));
      }
      long[] extremes = {Long.MAX_VALUE, Long.MIN_VALUE};
      for (int x = 0; x < 343; x++) {
        int[] point = {x % 7, x / 7 % 7, x / 49};
        boolean feasible = true;
        for (int c = 0; c < 2; c++) {
          feasible &= rows[c][0] * point[0] + rows[c][1] * point[1] + rows[c][2] * point[2] <= limits[c];
        }
        if (feasible) {
          extremes[0] = Math.min(extremes[0], point[0]);
          extremes[1] = Math.max(extremes[1], point[0]);
        }
      }
      long[][] longRows = {java.util.Arrays.stream(rows[0]).asLongStream().toArray(),
          java.util.Arrays.stream(rows[1]).asLongStream().toArray()};
      AuditProgram program = new AuditProgram(longRows, new boolean[2],
          new long[] {limits[0], limits[1]}, new long[] {6, 6, 6});
      double max = program.optimum(0, true);
      assertThat(max).as("max, trial %d", trial).isEqualTo((double) extremes[1]);
      assertThat(program.optimum(0, false)).as("min, trial %d", trial).isEqualTo((double) extremes[0]);
      double relaxation = new SimplexSolver().optimize(new MaxIter(1000), new LinearObjectiveFunction(new double[] {1, 0, 0}, 0),
          new LinearConstraintSet(constraints), GoalType.MAXIMIZE, new NonNegativeConstraint(true)).getValue();
      if (relaxation > max + 1e-6) {
        relaxationDiffered++;
      }
    }
    // 2·x0 − x1 ≤ 9 and the like: the relaxation's x0 = 4.5 is no table's. The gate must not count on it.
    assertThat(relaxationDiffered).as("programs whose relaxation exceeds the whole optimum").isGreaterThan(10);
  }

  /** The smallest and largest value of {@code target} over all interior tables consistent with what is published. */
  static long[] bruteForce(DisclosureControlTest.Cube cube, Reason[] reasons, int target) {
    CellSystem system = cube.system();
    long[] bounds = new long[system.size()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = smallestPublishedAncestor(system, reasons, i);
    }
    List<int[]> hidden = new ArrayList<>();
    for (int r = 1; r <= ROWS; r++) {
      for (int c = 1; c <= COLUMNS; c++) {
        if (reasons[cube.cell(r, c)] != null) {
          hidden.add(new int[] {r, c});
        }
      }
    }
    long[] extremes = {Long.MAX_VALUE, Long.MIN_VALUE};
    long[][] interior = new long[ROWS + 1][COLUMNS + 1];
    for (int r = 1; r <= ROWS; r++) {
      for (int c = 1; c <= COLUMNS; c++) {
        interior[r][c] = system.n()[cube.cell(r, c)];
      }
    }
    enumerate(cube, reasons, bounds, hidden, 0, interior, target, extremes);
    return extremes;
  }

  static void enumerate(DisclosureControlTest.Cube cube, Reason[] reasons, long[] bounds, List<int[]> hidden, int next,
      long[][] interior, int target, long[] extremes) {
    if (next == hidden.size()) {
      long[] completion = completion(cube, interior);
      for (int i = 0; i < completion.length; i++) {
        boolean consistent = reasons[i] == null ? completion[i] == cube.system().n()[i] : completion[i] <= bounds[i];
        if (!consistent) {
          return;
        }
      }
      extremes[0] = Math.min(extremes[0], completion[target]);
      extremes[1] = Math.max(extremes[1], completion[target]);
      return;
    }
    int[] cell = hidden.get(next);
    for (long value = 0; value <= bounds[cube.cell(cell[0], cell[1])]; value++) {
      interior[cell[0]][cell[1]] = value;
      enumerate(cube, reasons, bounds, hidden, next + 1, interior, target, extremes);
    }
  }

  /** Every cell's value when the interior is {@code interior}. */
  static long[] completion(DisclosureControlTest.Cube cube, long[][] interior) {
    long[] values = new long[cube.system().size()];
    for (int i = 0; i < values.length; i++) {
      TableCells.Cell cell = cube.tables().cells().get(i);
      for (int r = 1; r <= ROWS; r++) {
        for (int c = 1; c <= COLUMNS; c++) {
          String row = cell.values().get("r");
          String column = cell.values().get("c");
          if ((row == null || row.equals("r" + r)) && (column == null || column.equals("c" + c))) {
            values[i] += interior[r][c];
          }
        }
      }
    }
    return values;
  }

  static long smallestPublishedAncestor(CellSystem system, Reason[] reasons, int cell) {
    long bound = Long.MAX_VALUE;
    for (CellSystem.Relation relation : system.relations()) {
      for (int child : relation.children()) {
        if (child == cell) {
          bound = Math.min(bound, reasons[relation.parent()] == null ? system.n()[relation.parent()]
              : smallestPublishedAncestor(system, reasons, relation.parent()));
        }
      }
    }
    return bound;
  }
}
