package dk.jobsurvey.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.publish.DisclosureControl.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Primary, secondary and audited suppression on hand-made and random linked tables. */
class DisclosureControlTest {
  static final DisclosureControl CONTROL = new DisclosureControl(5, 50);

  /** Tables over every subset of the variables, n summed from the finest table's counts. */
  record Cube(TableCells tables, CellSystem system) {
    static Cube of(List<String> variables, Map<String, List<String>> values, Map<Map<String, String>, Long> finest) {
      List<List<String>> subsets = new ArrayList<>();
      for (int mask = 0; mask < 1 << variables.size(); mask++) {
        List<String> subset = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
          if ((mask & 1 << v) != 0) {
            subset.add(variables.get(v));
          }
        }
        subsets.add(subset);
      }
      TableCells tables = new TableCells(subsets, variables, values);
      return new Cube(tables, tables.system(i -> finest.entrySet().stream()
          .filter(e -> tables.cells().get(i).values().entrySet().stream()
              .allMatch(v -> e.getKey().get(v.getKey()).equals(v.getValue())))
          .mapToLong(Map.Entry::getValue).sum()));
    }

    /** A rows × columns table with row, column and grand totals. */
    static Cube twoWay(long[][] counts) {
      Map<String, List<String>> values = Map.of("r", names("r", counts.length), "c", names("c", counts[0].length));
      Map<Map<String, String>, Long> finest = new HashMap<>();
      for (int i = 0; i < counts.length; i++) {
        for (int j = 0; j < counts[i].length; j++) {
          finest.put(Map.of("r", "r" + (i + 1), "c", "c" + (j + 1)), counts[i][j]);
        }
      }
      return of(List.of("r", "c"), values, finest);
    }

    int cell(int row, int column) {
      return tables.indexOf(List.of("r", "c"), Map.of("r", "r" + row, "c", "c" + column));
    }
  }

  static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  static List<String> suppressed(CellSystem system, Reason[] reasons, Reason reason) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < reasons.length; i++) {
      if (reasons[i] == reason) {
        keys.add(system.keys().get(i));
      }
    }
    return keys;
  }

  @Test
  void aLoneSmallChildTakesItsSmallestSiblingWithIt() {
    Cube cube = Cube.of(List.of("g"), Map.of("g", List.of("a", "b", "c")), Map.of(Map.of("g", "a"), 3L,
        Map.of("g", "b"), 17L, Map.of("g", "c"), 10L));
    DisclosureControl.Pattern pattern = CONTROL.suppress(cube.system());
    assertThat(suppressed(cube.system(), pattern.reasons(), Reason.PRIMARY)).containsExactly("g=a");
    assertThat(suppressed(cube.system(), pattern.reasons(), Reason.SECONDARY)).containsExactly("g=c");
  }

  @Test
  void twoSmallChildrenHoldingFewerThanFiveTakeAThird() {
    Cube cube = Cube.of(List.of("g"), Map.of("g", List.of("a", "b", "c", "d")), Map.of(Map.of("g", "a"), 2L,
        Map.of("g", "b"), 2L, Map.of("g", "c"), 20L, Map.of("g", "d"), 10L));
    DisclosureControl.Pattern pattern = CONTROL.suppress(cube.system());
    assertThat(suppressed(cube.system(), pattern.reasons(), Reason.PRIMARY)).containsExactlyInAnyOrder("g=a", "g=b");
    assertThat(suppressed(cube.system(), pattern.reasons(), Reason.SECONDARY)).containsExactly("g=d");
  }

  @Test
  void aCellInTwoHierarchiesIsProtectedInBoth() {
    // (r1, c1) = 3 is a child of row r1 and of column c1: each needs a second suppressed cell.
    Cube cube = Cube.twoWay(new long[][] {{3, 9, 30}, {8, 40, 50}, {20, 25, 60}});
    DisclosureControl.Pattern pattern = CONTROL.suppress(cube.system());
    Reason[] reasons = pattern.reasons();
    assertThat(reasons[cube.cell(1, 1)]).isEqualTo(Reason.PRIMARY);
    assertThat(reasons[cube.cell(1, 2)]).as("smallest published in row r1").isEqualTo(Reason.SECONDARY);
    assertThat(reasons[cube.cell(2, 1)]).as("smallest published in column c1").isEqualTo(Reason.SECONDARY);
    assertThat(reasons[cube.cell(2, 2)]).as("closes the rectangle for row r2 and column c2").isEqualTo(Reason.SECONDARY);
    assertInvariants(cube.system(), pattern);
  }

  @Test
  void twoSuppressedBlocksJoinedByOneCellAreCaughtByTheAuditAndRepaired() {
    // Blocks (r1-r2, c1-c2) and (r3-r4, c3-c4), joined by (r2, c3): every row and column has two or more
    // suppressed cells holding 5 or more, yet (r2, c3) = row r2 − (column c1 + column c2 − row r1).
    long[][] counts = {{3, 3, 20, 21}, {3, 3, 2, 22}, {23, 24, 3, 3}, {25, 26, 3, 3}};
    Cube cube = Cube.twoWay(counts);
    Reason[] primaryOnly = new Reason[cube.system().size()];
    for (int i = 0; i < primaryOnly.length; i++) {
      long n = cube.system().n()[i];
      primaryOnly[i] = n >= 1 && n < 5 ? Reason.PRIMARY : null;
    }
    SuppressionAudit.Interval bridge = SuppressionAudit.intervals(cube.system(), primaryOnly).get(cube.cell(2, 3));
    assertThat(bridge.lo()).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(bridge.hi()).as("exactly derivable before the audit").isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));

    DisclosureControl.Pattern pattern = CONTROL.suppress(cube.system());
    assertThat(pattern.auditRounds()).as("the audit had to repair").isPositive();
    assertThat(pattern.intervals().get(cube.cell(2, 3)).hi()).isGreaterThanOrEqualTo(5);
    assertInvariants(cube.system(), pattern);
  }

  @Test
  void aPatternThatCannotBeRepairedInTheRoundsAllowedPublishesNothing() {
    long[][] counts = {{3, 3, 20, 21}, {3, 3, 2, 22}, {23, 24, 3, 3}, {25, 26, 3, 3}};
    Cube cube = Cube.twoWay(counts);
    assertThatThrownBy(() -> new DisclosureControl(5, 0).suppress(cube.system())).isInstanceOf(DisclosureException.class)
        .hasMessageContaining("nothing is published").hasMessageContaining("c=c3 r=r2".replace("c=c3 r=r2", "r=r2 c=c3"));
  }

  @Test
  void randomLinkedTablesAlwaysPassTheAuditAndTheRules() {
    Random random = new Random(20231);
    for (int trial = 0; trial < 150; trial++) {
      List<String> variables = trial % 3 == 0 ? List.of("a", "b", "c") : List.of("a", "b");
      Map<String, List<String>> values = new HashMap<>();
      for (String variable : variables) {
        values.put(variable, names(variable, 2 + random.nextInt(variables.size() == 3 ? 2 : 4)));
      }
      Map<Map<String, String>, Long> finest = new HashMap<>();
      List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
      for (String variable : variables) {
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> c : combinations) {
          for (String value : values.get(variable)) {
            Map<String, String> extended = new HashMap<>(c);
            extended.put(variable, value);
            next.add(extended);
          }
        }
        combinations = next;
      }
      for (Map<String, String> combination : combinations) {
        finest.put(combination, random.nextInt(4) == 0 ? random.nextInt(5) : (long) random.nextInt(30));
      }
      Cube cube = Cube.of(variables, values, finest);
      assertInvariants(cube.system(), CONTROL.suppress(cube.system()));
    }
  }

  /** No published 1 ≤ n ≤ 4; no published parent with one suppressed child or suppressed children under 5; audit holds. */
  static void assertInvariants(CellSystem system, DisclosureControl.Pattern pattern) {
    Reason[] reasons = pattern.reasons();
    for (int i = 0; i < system.size(); i++) {
      if (reasons[i] == null) {
        assertThat(system.n()[i]).as(system.keys().get(i)).satisfiesAnyOf(n -> assertThat(n).isZero(),
            n -> assertThat(n).isGreaterThanOrEqualTo(5));
      }
    }
    for (CellSystem.Relation relation : system.relations()) {
      if (reasons[relation.parent()] != null) {
        continue;
      }
      long suppressed = java.util.Arrays.stream(relation.children()).filter(c -> reasons[c] != null).count();
      long hidden = java.util.Arrays.stream(relation.children()).filter(c -> reasons[c] != null).mapToLong(c -> system.n()[c]).sum();
      assertThat(suppressed == 0 || (suppressed >= 2 && hidden >= 5)).as("children of " + system.keys().get(relation.parent()))
          .isTrue();
    }
    SuppressionAudit.intervals(system, reasons).forEach((cell, interval) ->
        assertThat(interval.hi()).as("attacker's upper bound for " + system.keys().get(cell)).isGreaterThanOrEqualTo(5 - 1e-6));
  }
}
