package dk.jobsurvey.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.MinDuration;
import dk.jobsurvey.config.SampleSettings;
import dk.jobsurvey.config.Survey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §4 worked by hand at the defaults: n_min 1000, n_max 2000, N_low 3000, N_high 15000,
 * rr = 0.30, 0.25, 0.20, 0.12, so k = 100, 120, 150, 250; floor 200 expected responses.
 */
class AllocationRuleTest {
  private static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  private static final AllocationRule RULE = new AllocationRule(SURVEY.sample(), SURVEY.groups());

  private static long[] sizes(MunicipalityAllocation allocation) {
    return allocation.strata().stream().mapToLong(StratumAllocation::sampleSize).toArray();
  }

  @Test
  void smallMunicipalityIsACensus() {
    MunicipalityAllocation allocation = RULE.allocate("825", new long[] {100, 200, 150, 300});
    assertThat(allocation.census()).isTrue();
    assertThat(sizes(allocation)).containsExactly(100, 200, 150, 300);
    assertThat(allocation.strata()).allMatch(StratumAllocation::takeAll);
  }

  @Test
  void largeMunicipalityGetsNMaxSplitInProportionToPopulationOverResponseRate() {
    // n_m = 2000; λ = 2000 / (3000/.3 + 5000/.25 + 4000/.2 + 8000/.12) = 0.0171429
    // real 171.43, 342.86, 342.86, 1142.86; floors 1997; the three .857 remainders get one each.
    MunicipalityAllocation allocation = RULE.allocate("101", new long[] {3000, 5000, 4000, 8000});
    assertThat(allocation.census()).isFalse();
    assertThat(allocation.sizeRuleTarget()).isEqualTo(2000);
    assertThat(sizes(allocation)).containsExactly(171, 343, 343, 1143);
    assertThat(allocation.expectedResponses()).isCloseTo(171 * .3 + 343 * .25 + 343 * .2 + 1143 * .12, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void middleMunicipalityLiesOnTheInterpolationLine() {
    assertThat(RULE.sizeRule(9000)).isEqualTo(1500);
    assertThat(RULE.sizeRule(3000)).isEqualTo(1000);
    assertThat(RULE.sizeRule(2000)).isEqualTo(1000);
    assertThat(RULE.sizeRule(15000)).isEqualTo(2000);
    assertThat(RULE.sizeRule(9050)).isEqualTo(1505); // 1504.17 rounded up
    assertThat(RULE.allocate("461", new long[] {2000, 2500, 2000, 2500}).sampleSize()).isEqualTo(1500);
  }

  @Test
  void strataBelowTheirMinimumAreTakenWholeAndTheRestSplitAmongTheOthers() {
    // N_m = 9050 → n_m = 1505; dagpenge (50 < k = 100) is taken whole; 1455 over the others:
    // λ = 1455 / (4000/.25 + 3000/.2 + 2000/.12) → 488.39, 457.87, 508.74 → 488, 458, 509.
    MunicipalityAllocation allocation = RULE.allocate("157", new long[] {50, 4000, 3000, 2000});
    assertThat(sizes(allocation)).containsExactly(50, 488, 458, 509);
    assertThat(allocation.strata().get(0).takeAll()).isTrue();
    assertThat(allocation.strata().get(1).takeAll()).isFalse();
  }

  @Test
  void cappedStratumSurplusIsRedistributed() {
    // N = 300 each, n_m = 1000: λ·300/.12 would exceed 300, so aktivitetsparate is capped at 300 and
    // 700 is split over the rest: 189.19, 227.03, 283.78 → 189, 227, 284.
    MunicipalityAllocation allocation = RULE.allocate("563", new long[] {300, 300, 300, 300});
    assertThat(sizes(allocation)).containsExactly(189, 227, 284, 300);
    assertThat(allocation.strata().get(3).takeAll()).isTrue();
  }

  @Test
  void roundingTiesGoToTheEarlierGroup() {
    List<BenefitGroup> twins = List.of(
        new BenefitGroup("a", "A", MinDuration.parse("8 weeks"), 0.25, List.of("a")),
        new BenefitGroup("b", "B", MinDuration.parse("8 weeks"), 0.25, List.of("b")));
    AllocationRule rule = new AllocationRule(SURVEY.sample(), twins);
    assertThat(rule.split(new long[] {1001, 1001}, 1001)).containsExactly(501, 500);
    assertThat(rule.split(new long[] {1001, 1001}, 1003)).containsExactly(502, 501);
  }

  @Test
  void responseFloorRaisesTheSample() {
    // Only activity-ready persons (rr .12): n_m = 1167 gives 140 expected; 1667 · .12 = 200.04.
    MunicipalityAllocation allocation = RULE.allocate("420", new long[] {0, 0, 0, 5000});
    assertThat(allocation.sizeRuleTarget()).isEqualTo(1167);
    assertThat(sizes(allocation)).containsExactly(0, 0, 0, 1667);
    assertThat(allocation.expectedResponses()).isGreaterThanOrEqualTo(200);
    assertThat(allocation.strata().get(0).takeAll()).isFalse(); // N_h = 0: no allocation, not take-all
  }

  @Test
  void floorOutOfReachEndsInACensusThatIsReported() {
    MunicipalityAllocation allocation = RULE.allocate("482", new long[] {0, 0, 0, 1500});
    assertThat(allocation.census()).isTrue();
    assertThat(allocation.sampleSize()).isEqualTo(1500);
    assertThat(allocation.shortOfFloor()).isTrue();
  }

  @Test
  void minimumsAboveTheTargetAreKeptAndTheSampleIsLarger() {
    SampleSettings generous = new SampleSettings(1, SURVEY.sample().size(), 200, 0, SURVEY.sample().coordination());
    AllocationRule rule = new AllocationRule(generous, SURVEY.groups());
    MunicipalityAllocation allocation = rule.allocate("101", new long[] {5000, 5000, 5000, 5000});
    assertThat(sizes(allocation)).containsExactly(667, 800, 1000, 1667);
    assertThat(allocation.sampleSize()).isGreaterThan(allocation.sizeRuleTarget());
  }

  @Test
  void propertiesHoldOverThousandsOfRandomMunicipalities() {
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 5000; trial++) {
      int groupCount = 1 + random.nextInt(5);
      List<BenefitGroup> groups = new ArrayList<>();
      long[] populations = new long[groupCount];
      for (int g = 0; g < groupCount; g++) {
        double rate = 0.05 + random.nextDouble() * 0.6;
        groups.add(new BenefitGroup("g" + "abcde".charAt(g), "G", MinDuration.parse("8 weeks"), rate, List.of("x" + g)));
        populations[g] = random.nextInt(4) == 0 ? random.nextInt(30) : random.nextInt(random.nextBoolean() ? 800 : 12000);
      }
      int nMin = 100 + random.nextInt(1500);
      var size = new SampleSettings.SampleSize(nMin, nMin + random.nextInt(2000), random.nextInt(5000), 5000 + 1 + random.nextInt(20000));
      SampleSettings settings = new SampleSettings(1, size, random.nextInt(40), random.nextInt(400), SURVEY.sample().coordination());
      AllocationRule rule = new AllocationRule(settings, groups);
      MunicipalityAllocation allocation = rule.allocate("101", populations);
      long total = 0;
      for (long n : populations) {
        total += n;
      }
      long[] sample = sizes(allocation);
      String context = "trial " + trial + " N=" + java.util.Arrays.toString(populations) + " n=" + java.util.Arrays.toString(sample);
      for (int g = 0; g < groupCount; g++) {
        assertThat(sample[g]).as(context).isBetween(0L, populations[g]);
      }
      if (allocation.census()) {
        assertThat(allocation.sampleSize()).as(context).isEqualTo(total);
        continue;
      }
      assertThat(allocation.expectedResponses()).as(context).isGreaterThanOrEqualTo(settings.minResponses());
      long minimums = 0;
      for (int g = 0; g < groupCount; g++) {
        minimums += Math.min(populations[g], (long) Math.ceil(settings.minGroupResponses() / groups.get(g).expectedResponseRate() - 1e-9));
      }
      if (minimums <= rule.sizeRule(total)) {
        // Σ n_g = n_m: the size rule's, or the least size that meets the response floor.
        long n = allocation.sampleSize();
        assertThat(n).as(context).isGreaterThanOrEqualTo(rule.sizeRule(total));
        if (n > rule.sizeRule(total)) {
          long[] smaller = rule.split(populations, n - 1);
          double expected = 0;
          for (int g = 0; g < groupCount; g++) {
            expected += smaller[g] * groups.get(g).expectedResponseRate();
          }
          assertThat(expected).as(context).isLessThan(settings.minResponses());
        }
      }
      // Lower response rate → higher sampling fraction, for strata above their minimum (±1 for rounding).
      for (int a = 0; a < groupCount; a++) {
        for (int b = 0; b < groupCount; b++) {
          double minA = Math.ceil(settings.minGroupResponses() / groups.get(a).expectedResponseRate() - 1e-9);
          double minB = Math.ceil(settings.minGroupResponses() / groups.get(b).expectedResponseRate() - 1e-9);
          if (groups.get(a).expectedResponseRate() < groups.get(b).expectedResponseRate() && populations[a] > 0
              && populations[b] > 0 && sample[a] > minA + 1 && sample[b] > minB + 1) {
            double fractionA = (sample[a] + 1.0) / populations[a];
            double fractionB = (sample[b] - 1.0) / populations[b];
            assertThat(fractionA).as(context + " groups " + a + "," + b).isGreaterThanOrEqualTo(fractionB);
          }
        }
      }
    }
  }
}
