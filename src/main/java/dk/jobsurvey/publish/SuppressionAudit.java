package dk.jobsurvey.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    return intervals(new SystemIndex(system), reasons, Double.NaN);
  }

  /**
   * The attacker's bounds for every primary cell. With {@code enough} a number (the gate's
   * threshold), only whether each upper bound reaches it: a checked whole point at which a cell
   * reaches it proves that the attacker cannot rule that out, and one program maximising the sum of
   * the primary cells often gives such a point for many at once; the rest get their own program, and
   * the lower bounds are NaN. With NaN, exact lower and upper bounds.
   */
  static Map<Integer, Interval> intervals(SystemIndex index, DisclosureControl.Reason[] reasons, double enough) {
    boolean gate = !Double.isNaN(enough);
    CellSystem system = index.system();
    Map<Integer, Interval> intervals = new LinkedHashMap<>();
    int[] component = new int[system.size()];
    Arrays.fill(component, -1);
    for (int start = 0; start < system.size(); start++) {
      if (reasons[start] == null || component[start] >= 0) {
        continue;
      }
      List<Integer> cells = connected(start, reasons, index, component);
      List<Integer> primaries = cells.stream().filter(c -> reasons[c] == DisclosureControl.Reason.PRIMARY).toList();
      if (primaries.isEmpty()) {
        continue;
      }
      AuditProgram program = new AuditProgram(index, cells);
      if (gate) {
        // Points where cells reach the threshold, which the attacker then cannot rule out.
        program.settleAtOnce(primaries, true, c -> program.bestChecked(c, true) >= enough);
      } else {
        program.settleAtOnce(primaries, false, c -> program.atBound(c, false));
        program.settleAtOnce(primaries, true, c -> program.atBound(c, true));
      }
      // Each cell's programs are its own (a new model each, the shared points only read): two cores, two at a time.
      List<Interval> found = primaries.parallelStream().map(cell -> {
        double reached = program.bestChecked(cell, true);
        double hi = gate && reached >= enough ? reached : program.optimum(cell, true);
        double lo = gate ? Double.NaN : program.optimum(cell, false);
        return new Interval(lo, hi);
      }).toList();
      for (int i = 0; i < primaries.size(); i++) {
        intervals.put(primaries.get(i), found.get(i));
      }
    }
    return intervals;
  }

  /** The attacker's program for the connected group of suppressed cells that holds {@code cell}. */
  static AuditProgram program(SystemIndex index, DisclosureControl.Reason[] reasons, int cell) {
    return new AuditProgram(index, component(index, reasons, cell));
  }

  /** The suppressed cells linked to a suppressed cell through relations and bounds, itself included. */
  static List<Integer> component(SystemIndex index, DisclosureControl.Reason[] reasons, int cell) {
    int[] component = new int[index.system().size()];
    Arrays.fill(component, -1);
    return connected(cell, reasons, index, component);
  }

  /** The suppressed cells linked to {@code start} through relations and bounds, each marked with the component. */
  private static List<Integer> connected(int start, DisclosureControl.Reason[] reasons, SystemIndex index, int[] component) {
    List<Integer> cells = new ArrayList<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    component[start] = start;
    while (!queue.isEmpty()) {
      int cell = queue.poll();
      cells.add(cell);
      for (int other : index.neighbours(cell)) {
        if (reasons[other] != null && component[other] < 0) {
          component[other] = start;
          queue.add(other);
        }
      }
    }
    return cells;
  }
}
