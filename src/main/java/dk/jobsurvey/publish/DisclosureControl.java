package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Primary and secondary cell suppression with the audit (DESIGN.md §9), for everything a round
 * publishes as one {@link CellSystem}. Deterministic: relations are visited in their given order,
 * and ties between candidate cells go to the smaller key.
 *
 * <ul>
 *   <li>Primary: 1 ≤ n < min respondents.
 *   <li>Secondary, to a fixpoint over all relations at once: under a published parent, the
 *       suppressed children are none, or two or more holding min respondents together; otherwise the
 *       published child with the smallest n is suppressed. Children with n = 0 are taken only when no
 *       other is left: they hide no respondents, so suppressing them protects nothing. An envelope
 *       total ({@link CellSystem.Relation#envelope}) is suppressed with any primary child instead.
 *   <li>Audit: every primary cell's whole-number bound ({@link SuppressionAudit}) must reach min
 *       respondents. Each failing cell, in cell order, that still fails after the repairs before it gets
 *       one more published figure suppressed ({@link #repair}), and secondary and audit run again, for
 *       at most {@code maxAuditRounds} rounds.
 * </ul>
 */
public final class DisclosureControl {
  /** Why a cell is suppressed. */
  public enum Reason {
    PRIMARY,
    SECONDARY;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The decision for every cell (null = published), the audit round in which each suppressed cell
   * was decided (0 = before the first audit), the audit rounds it took and each primary cell's
   * interval in the final pattern.
   */
  public record Pattern(Reason[] reasons, int[] decidedInRound, int auditRounds,
      Map<Integer, SuppressionAudit.Interval> intervals) {
    public long count(Reason reason) {
      return java.util.Arrays.stream(reasons).filter(r -> r == reason).count();
    }
  }

  /**
   * The one reason published/ gives for any hidden figure: telling primary from secondary would tell
   * a reader that the primary cells hold 1-4 respondents (the reasons are in analysis/suppression_log).
   */
  public static final String HIDDEN = "hidden";

  /** How far from a failing cell the repair ranks candidates by distance (beyond, by n alone). */
  static final int REPAIR_STEPS = 3;
  /** Audits a cell fails with single figures repaired before its repair tries whole domains too. */
  static final int DOMAIN_AFTER_FAILED_AUDITS = 8;
  /** Published cells tried per failing cell in a repair. */
  static final int REPAIR_CANDIDATES = 2;
  /** Larger groups of suppressed cells skip the trials (a program each would cost too long) for the nearest published cell. */
  static final int REPAIR_TRIAL_VARIABLES = 1000;

  private final int minRespondents;
  private final int maxAuditRounds;

  public DisclosureControl(int minRespondents, int maxAuditRounds) {
    this.minRespondents = minRespondents;
    this.maxAuditRounds = maxAuditRounds;
  }

  /** The suppression pattern; throws {@link DisclosureException} if the audit still fails after the last round. */
  public Pattern suppress(CellSystem system) {
    Reason[] reasons = new Reason[system.size()];
    for (int cell = 0; cell < system.size(); cell++) {
      if (system.n()[cell] >= 1 && system.n()[cell] < minRespondents) {
        reasons[cell] = Reason.PRIMARY;
      }
    }
    SystemIndex index = new SystemIndex(system);
    Domains domains = new Domains(system);
    int[] failedAudits = new int[system.size()];
    int[] decidedIn = new int[system.size()];
    java.util.Arrays.fill(decidedIn, -1);
    for (int round = 0; ; round++) {
      secondary(system, reasons);
      for (int cell = 0; cell < reasons.length; cell++) {
        if (reasons[cell] != null && decidedIn[cell] < 0) {
          decidedIn[cell] = round;
        }
      }
      Map<Integer, SuppressionAudit.Interval> highest = SuppressionAudit.intervals(index, reasons, minRespondents);
      List<Integer> failing = highest.entrySet().stream()
          .filter(e -> e.getValue().hi() < minRespondents - 1e-6).map(Map.Entry::getKey).sorted().toList();
      if (failing.isEmpty()) {
        return new Pattern(reasons, decidedIn, round, SuppressionAudit.intervals(index, reasons, Double.NaN));
      }
      if (round == maxAuditRounds) {
        Map<Integer, SuppressionAudit.Interval> intervals = SuppressionAudit.intervals(index, reasons, Double.NaN);
        throw new DisclosureException(failing.stream().map(c -> system.keys().get(c) + " (n could be deduced to lie in ["
            + bound(intervals.get(c).lo()) + ", " + bound(intervals.get(c).hi()) + "])").toList(), round);
      }
      // In cell order, each failing cell still failing after the repairs before it gets one.
      boolean repaired = false;
      for (int cell : failing) {
        // Whole domains only for a cell that single figures have not freed: they hide more.
        Reason[] chosen = repair(index, ++failedAudits[cell] > DOMAIN_AFTER_FAILED_AUDITS ? domains : null, reasons, cell);
        if (chosen != null) {
          System.arraycopy(chosen, 0, reasons, 0, reasons.length);
          repaired = true;
        }
      }
      // A repair's own program may settle a cell the audit's did not (a solver's miss): the round still changes something.
      Reason[] fallback = repaired ? null : nearest(index, reasons, failing.get(0));
      if (fallback != null) {
        System.arraycopy(fallback, 0, reasons, 0, reasons.length);
      }
    }
  }

  private void secondary(CellSystem system, Reason[] reasons) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (CellSystem.Relation relation : system.relations()) {
        if (reasons[relation.parent()] != null) {
          continue;
        }
        if (relation.envelope() && Arrays.stream(relation.children()).anyMatch(c -> reasons[c] == Reason.PRIMARY)) {
          reasons[relation.parent()] = Reason.SECONDARY;
          changed = true;
          continue;
        }
        int suppressed = 0;
        long hidden = 0;
        List<Integer> published = new ArrayList<>();
        for (int child : relation.children()) {
          if (reasons[child] != null) {
            suppressed++;
            hidden += system.n()[child];
          } else {
            published.add(child);
          }
        }
        if (suppressed == 0 || (suppressed >= 2 && hidden >= minRespondents)) {
          continue;
        }
        Integer chosen = smallest(system, reasons, published);
        // With every child suppressed and fewer than min between them, the parent holds that few: hide it too.
        reasons[chosen != null ? chosen : relation.parent()] = Reason.SECONDARY;
        changed = true;
      }
    }
  }

  /**
   * The pattern that repairs a failing cell, or null when the cell no longer fails. Trials, each on
   * its own copy with the secondary rule applied: the first {@link #REPAIR_CANDIDATES} published
   * figures the attacker's program uses, nearest to the cell first (steps through shared relations
   * and bounds), then smallest n, zeros first (a published 0 beside hidden cells pins what they can
   * hold); then, with {@code domains} (a cell that has failed more than
   * {@link #DOMAIN_AFTER_FAILED_AUDITS} audits), the {@link #REPAIR_CANDIDATES} domains of those
   * figures that hide the fewest figures, then respondents. A domain is every figure of the same level that shares the one coordinate by which
   * a candidate differs from the cell (a neighbouring municipality's groups in every table): where
   * items are answered by nearly everyone, each figure of it is pinned by the others and by the
   * response rates, so only all of them together leave the attacker room. The first trial that lifts
   * the cell's whole-number bound to min respondents wins, single figures before domains; else the
   * single figure that lifts it most (a domain only when it is enough); if none lifts it, the nearest
   * published cell. In a group of more than
   * {@link #REPAIR_TRIAL_VARIABLES} suppressed cells the nearest published cell is taken at once.
   */
  private Reason[] repair(SystemIndex index, Domains domains, Reason[] reasons, int cell) {
    CellSystem system = index.system();
    AuditProgram program = SuppressionAudit.program(index, reasons, cell);
    if (program.variables() > REPAIR_TRIAL_VARIABLES) {
      return nearest(index, reasons, cell);
    }
    Map<Integer, Integer> steps = steps(index, cell);
    List<Integer> ranked = program.published().stream()
        .sorted(Comparator.<Integer>comparingInt(c -> steps.getOrDefault(c, Integer.MAX_VALUE))
            .thenComparingLong(c -> system.n()[c]).thenComparing(c -> system.keys().get(c)))
        .toList();
    List<List<Integer>> trials = new ArrayList<>();
    ranked.stream().limit(REPAIR_CANDIDATES).forEach(c -> trials.add(List.of(c)));
    int singles = trials.size();
    if (domains != null) {
      trials.addAll(domains.smallestOf(cell, ranked, reasons, REPAIR_CANDIDATES));
    }
    // The cell's bound as it stands, then with each trial hidden, side by side (each on its own copy).
    List<Reason[]> patterns = trials.stream().map(hidden -> withSecondary(system, reasons, hidden)).toList();
    double now = program.optimum(cell, true);
    if (now >= minRespondents) {
      return null;
    }
    double[] bounds = patterns.parallelStream()
        .mapToDouble(trial -> SuppressionAudit.program(index, trial, cell).optimum(cell, true)).toArray();
    int best = -1;
    for (int t = 0; t < patterns.size(); t++) {
      if (bounds[t] >= minRespondents) {
        return patterns.get(t);
      }
      if (t < singles && bounds[t] > (best < 0 ? now : bounds[best])) {
        best = t;
      }
    }
    return best >= 0 ? patterns.get(best) : nearest(index, reasons, cell);
  }

  /** The pattern with the nearest published cell to {@code cell} hidden as well, or null when there is none. */
  private Reason[] nearest(SystemIndex index, Reason[] reasons, int cell) {
    Integer chosen = nearestPublished(index, reasons, cell);
    return chosen == null ? null : withSecondary(index.system(), reasons, List.of(chosen));
  }

  /** A copy of the pattern with {@code hidden} suppressed as well, and the secondary rule applied. */
  private Reason[] withSecondary(CellSystem system, Reason[] reasons, List<Integer> hidden) {
    Reason[] trial = reasons.clone();
    hidden.forEach(cell -> trial[cell] = Reason.SECONDARY);
    secondary(system, trial);
    return trial;
  }

  /** Steps from {@code cell} through shared relations and bounds, up to {@link #REPAIR_STEPS} (farther cells are absent). */
  private static Map<Integer, Integer> steps(SystemIndex index, int cell) {
    Map<Integer, Integer> steps = new java.util.HashMap<>(Map.of(cell, 0));
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(cell));
    while (!queue.isEmpty()) {
      int from = queue.poll();
      if (steps.get(from) == REPAIR_STEPS) {
        continue;
      }
      for (int other : index.neighbours(from)) {
        if (steps.putIfAbsent(other, steps.get(from) + 1) == null) {
          queue.add(other);
        }
      }
    }
    return steps;
  }

  /**
   * The published cell with the smallest n among those sharing a relation or bound with
   * {@code cell}; when all of those are suppressed already, among those one step further out, and so on.
   */
  private static Integer nearestPublished(SystemIndex index, Reason[] reasons, int cell) {
    Set<Integer> reached = new HashSet<>(List.of(cell));
    List<Integer> frontier = List.of(cell);
    while (!frontier.isEmpty()) {
      TreeSet<Integer> next = new TreeSet<>();
      for (int from : frontier) {
        for (int other : index.neighbours(from)) {
          if (reached.add(other)) {
            next.add(other);
          }
        }
      }
      Integer chosen = smallest(index.system(), reasons, next);
      if (chosen != null) {
        return chosen;
      }
      frontier = List.copyOf(next);
    }
    return null;
  }

  private static String bound(double value) {
    return Math.abs(value - Math.rint(value)) < 1e-6 ? String.valueOf(Math.round(value))
        : String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  /** Smallest n ≥ 1 first, then n = 0; ties: the smaller key. */
  private static Comparator<Integer> order(CellSystem system) {
    return Comparator.<Integer>comparingInt(c -> system.n()[c] == 0 ? 1 : 0)
        .thenComparingLong(c -> system.n()[c]).thenComparing(c -> system.keys().get(c));
  }

  /** The published cell with the smallest n ≥ 1 (else n = 0) among {@code cells}; ties: the smaller key. */
  private static Integer smallest(CellSystem system, Reason[] reasons, Iterable<Integer> cells) {
    Comparator<Integer> order = order(system);
    Integer best = null;
    for (int cell : cells) {
      if (reasons[cell] == null && (best == null || order.compare(cell, best) < 0)) {
        best = cell;
      }
    }
    return best;
  }
}
