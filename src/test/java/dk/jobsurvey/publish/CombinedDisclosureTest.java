package dk.jobsurvey.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything a round publishes, protected as one system and attacked as one: the attacker
 * ({@link RoundAttacker}) is an integer program built from the published figures alone, not the
 * production audit.
 */
class CombinedDisclosureTest {
  static final DisclosureControl CONTROL = new DisclosureControl(5, 50);
  static final String LAESOE_ACTIVE = "response_rates respondents: kommunekode=825 ydelsesgruppe=aktivitetsparate";

  /**
   * The audit's case (issue [M]): Læsø's 28 respondents, jobparate 9 and sygedagpenge 11 published, so the
   * two hidden groups hold 8; an item (q9 there, q1 here) shows n = 5 for dagpenge, so aktivitetsparate had at most 3.
   */
  static SmallRound laesoe() {
    List<String> groups = List.of("dagpenge", "aktivitetsparate", "jobparate", "sygedagpenge");
    long[][] respondents = {{6, 2, 9, 11}};
    long[][][] answered = {{{5, 0, 9, 10}}};
    return new SmallRound(List.of("825"), groups, respondents, answered, new long[4], new long[0][4]);
  }

  @Test
  void eachTableProtectedOnItsOwnLetsTheTwoTogetherBoundAHiddenGroupBelowFive() {
    SmallRound round = laesoe();
    Map<String, Long> separately = new HashMap<>();
    separately.putAll(publishedFigures(round.respondentsAsBefore(), CONTROL.suppress(round.respondentsAsBefore())));
    separately.putAll(publishedFigures(round.estimatesAlone(), CONTROL.suppress(round.estimatesAlone())));
    assertThat(separately).doesNotContainKey(LAESOE_ACTIVE).containsEntry("estimates q1: kommunekode=825 ydelsesgruppe=dagpenge", 5L);

    assertThat(new RoundAttacker(round, separately::get).highest(LAESOE_ACTIVE)).isEqualTo(3.0);
    // The production audit over the combined system finds the same bound for the separately made pattern.
    CellSystem combined = round.release();
    DisclosureControl.Reason[] reasons = new DisclosureControl.Reason[combined.size()];
    for (int cell = 0; cell < combined.size(); cell++) {
      if (!separately.containsKey(combined.keys().get(cell))) {
        long n = combined.n()[cell];
        reasons[cell] = n >= 1 && n <= 4 ? DisclosureControl.Reason.PRIMARY : DisclosureControl.Reason.SECONDARY;
      }
    }
    assertThat(SuppressionAudit.intervals(combined, reasons).get(combined.keys().indexOf(LAESOE_ACTIVE)).hi()).isEqualTo(3.0);
  }

  @Test
  void decidedTogetherTheGateHoldsAndThePatternIsPublished() {
    SmallRound round = laesoe();
    CellSystem system = round.release();
    DisclosureControl.Pattern pattern = CONTROL.suppress(system);
    Map<String, Long> figures = publishedFigures(system, pattern);
    RoundAttacker attacker = new RoundAttacker(round, figures::get);
    assertThat(figures).doesNotContainKey(LAESOE_ACTIVE)
        .as("the municipality's respondents go with the small group: its siblings' items bound theirs from below")
        .doesNotContainKey("response_rates respondents: kommunekode=825");
    assertThat(attacker.highest(LAESOE_ACTIVE)).isGreaterThanOrEqualTo(5.0);
    assertThat(pattern.intervals().get(system.keys().indexOf(LAESOE_ACTIVE)).hi()).isGreaterThanOrEqualTo(5.0);
    assertGateHolds(round, figures, attacker);
  }

  @Test
  void twoHundredRandomRoundsOfEstimatesResponseRatesAndTextTermsHoldAgainstAnIndependentAttacker() {
    int primaries = 0;
    int refused = 0;
    int secondaryAcrossTables = 0;
    List<String> disagreements = new ArrayList<>();
    for (long seed = 0; seed < 200; seed++) {
      SmallRound round = SmallRound.random(seed);
      CellSystem system = round.release();
      DisclosureControl.Pattern pattern;
      try {
        pattern = CONTROL.suppress(system);
      } catch (DisclosureException e) {
        refused++;  // nothing is published: nothing to attack
        continue;
      }
      Map<String, Long> figures = publishedFigures(system, pattern);
      RoundAttacker attacker = new RoundAttacker(round, figures::get);
      primaries += assertGateHolds(round, figures, attacker);
      for (var interval : pattern.intervals().entrySet()) {
        double independent = attacker.highest(system.keys().get(interval.getKey()));
        if (Math.abs(independent - interval.getValue().hi()) > 1e-6) {
          disagreements.add("seed " + seed + " " + system.keys().get(interval.getKey()) + ": audit " + interval.getValue().hi()
              + ", attacker " + independent);
        }
      }
      if (pattern.auditRounds() > 0) {
        secondaryAcrossTables++;
      }
    }
    // The production audit's integer bounds are the attacker's exactly: the same knowledge, two solvers.
    assertThat(disagreements).isEmpty();
    assertThat(primaries).as("primary cells attacked").isGreaterThan(400);
    assertThat(refused).as("rounds that publish nothing").isLessThan(10);
    assertThat(secondaryAcrossTables).as("rounds the audit had to repair").isPositive();
  }

  /**
   * The national shape that once took 99 repair rounds and hid a fifth of everything: items answered
   * by every respondent, so each figure of a municipality is pinned by its response rates and its
   * other items, and one small municipality with 1-4 respondents in a group. Hiding figures one at a
   * time never frees the small group; a neighbouring municipality's groups hidden in every table do.
   */
  @Test
  void aSmallMunicipalityWhoseItemsEveryoneAnsweredIsProtectedInAFewRoundsWithoutHidingTheCountry() {
    for (long seed = 0; seed < 12; seed++) {
      java.util.Random random = new java.util.Random(seed);
      int municipalities = 6 + random.nextInt(4);
      int groups = 4;
      int items = 2 + random.nextInt(3);
      long[][] respondents = new long[municipalities][groups];
      for (int k = 0; k < municipalities; k++) {
        for (int g = 0; g < groups; g++) {
          respondents[k][g] = k == 0 ? (g == 0 ? 1 + random.nextInt(4) : 5 + random.nextInt(6)) : 8 + random.nextInt(60);
        }
      }
      long[][][] answered = new long[items][][];
      long[] texts = new long[groups];
      for (int i = 0; i < items; i++) {
        answered[i] = java.util.Arrays.stream(respondents).map(long[]::clone).toArray(long[][]::new);
      }
      List<String> codes = new ArrayList<>();
      for (int k = 0; k < municipalities; k++) {
        codes.add(String.valueOf(825 + k));
      }
      SmallRound round = new SmallRound(codes, List.of("dagpenge", "jobparate", "aktivitetsparate", "sygedagpenge"),
          respondents, answered, texts, new long[0][groups]);
      CellSystem system = round.release();
      DisclosureControl.Pattern pattern = CONTROL.suppress(system);
      Map<String, Long> figures = publishedFigures(system, pattern);
      assertThat(assertGateHolds(round, figures, new RoundAttacker(round, figures::get))).as("seed %d: primary cells attacked", seed)
          .isPositive();
      assertThat(pattern.auditRounds()).as("seed %d: repair rounds", seed).isLessThanOrEqualTo(DisclosureControl.DOMAIN_AFTER_FAILED_AUDITS + 2);
      assertThat(pattern.count(DisclosureControl.Reason.SECONDARY)).as("seed %d: secondary cells of %d", seed, system.size())
          .isLessThan(system.size() / 3);
    }
  }

  /** Asserts no published cell holds 1-4 and every hidden cell of 1-4 can hold 5 for the attacker; returns how many were attacked. */
  static int assertGateHolds(SmallRound round, Map<String, Long> figures, RoundAttacker attacker) {
    int attacked = 0;
    for (SmallRound.Cell cell : round.cells()) {
      Long published = figures.get(cell.key());
      if (published != null) {
        assertThat(published).as("%s: %s", round, cell.key()).isEqualTo(cell.truth());
        assertThat(published >= 1 && published <= 4).as("%s: %s = %d published", round, cell.key(), published).isFalse();
      } else if (cell.truth() >= 1 && cell.truth() <= 4) {
        assertThat(attacker.highest(cell.key())).as("%s: the largest value of %s", round, cell.key())
            .isGreaterThanOrEqualTo(5.0);
        attacked++;
      }
    }
    return attacked;
  }

  static Map<String, Long> publishedFigures(CellSystem system, DisclosureControl.Pattern pattern) {
    Map<String, Long> figures = new HashMap<>();
    for (int cell = 0; cell < system.size(); cell++) {
      if (pattern.reasons()[cell] == null) {
        figures.put(system.keys().get(cell), system.n()[cell]);
      }
    }
    return figures;
  }

}
