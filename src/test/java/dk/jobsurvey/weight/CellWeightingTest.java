package dk.jobsurvey.weight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dk.jobsurvey.config.WeightingSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raking on cells against cases solved by hand and published ones. */
class CellWeightingTest {
  static final WeightingSettings.Trimming NO_TRIMMING = new WeightingSettings.Trimming(false, 0.3, 3.0);
  static final MergeRules RULES = new MergeRules(
      Map.of("aldersgruppe", List.of("18-29", "30-39", "40-49", "50-59", "60+")),
      Map.of("ydelsesgruppe", List.of("dagpenge", "sygedagpenge", "jobparate", "aktivitetsparate"), "koen", List.of("K", "M")),
      Map.of("dagpenge", "sygedagpenge", "sygedagpenge", "dagpenge", "jobparate", "aktivitetsparate",
          "aktivitetsparate", "jobparate"));

  static CellWeighting weighting(WeightingSettings.Trimming trimming) {
    return new CellWeighting(new WeightingSettings(List.of(List.of("unused")), Map.of(), 1e-10, 1000, trimming), RULES);
  }

  static WeightingResult rake(WeightingProblem problem) {
    return weighting(NO_TRIMMING).weigh(problem);
  }

  static WeightingProblem.Margin margin(String variables, Object... categoryTotals) {
    Map<List<String>, Double> totals = new LinkedHashMap<>();
    for (int i = 0; i < categoryTotals.length; i += 2) {
      totals.put(List.of(((String) categoryTotals[i]).split("\\|")), ((Number) categoryTotals[i + 1]).doubleValue());
    }
    return new WeightingProblem.Margin(List.of(variables.split("\\*")), totals);
  }

  /** Cells as "value|value|..." → respondents. */
  static Map<List<String>, Long> cells(Object... cellCounts) {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    for (int i = 0; i < cellCounts.length; i += 2) {
      cells.put(List.of(((String) cellCounts[i]).split("\\|")), ((Number) cellCounts[i + 1]).longValue());
    }
    return cells;
  }

  static double weightOf(WeightingResult result, String cell) {
    return result.cells().stream().filter(c -> c.values().equals(List.of(cell.split("\\|")))).findFirst().orElseThrow()
        .finalWeight();
  }

  /**
   * Issue [L]'s case in small: Læsø's (787) dagpenge stratum has persons but no respondent. The
   * stratum merges with 787|sygedagpenge, and so must the margins' categories that separate the two:
   * 787|dagpenge with 787|sygedagpenge in kommunekode × ydelsesgruppe, and dagpenge|k with
   * sygedagpenge|k in ydelsesgruppe × koen. Otherwise dagpenge|k counts Læsø's 12 persons while only
   * 101's dagpenge respondents could carry them, and 101|dagpenge's own total forbids it.
   */
  @Test
  void anEmptyStratumMergesTheMarginCategoriesThatSeparateItAndTheRakingConverges() {
    List<WeightingProblem.PopulationCell> cells = List.of(
        cell("787|dagpenge|M", 5, 0), cell("787|dagpenge|K", 7, 0),
        cell("787|sygedagpenge|M", 12, 3), cell("787|sygedagpenge|K", 8, 2),
        cell("101|dagpenge|M", 14, 4), cell("101|dagpenge|K", 16, 3),
        cell("101|sygedagpenge|M", 20, 5), cell("101|sygedagpenge|K", 20, 5));
    WeightingProblem problem = WeightingProblem.fromPopulationCells(List.of("kommunekode", "ydelsesgruppe", "koen"),
        List.of("kommunekode", "ydelsesgruppe"), List.of(List.of("kommunekode", "ydelsesgruppe"), List.of("ydelsesgruppe", "koen")),
        cells);
    WeightingResult result = rake(problem);
    assertThat(result.converged()).isTrue();
    Map<String, Double> targets = new LinkedHashMap<>();
    Map<String, Double> reached = new LinkedHashMap<>();
    for (WeightingResult.MarginClass margin : result.marginClasses()) {
      targets.put(margin.margin() + ": " + margin.category(), margin.populationTotal());
      reached.put(margin.margin() + ": " + margin.category(), margin.weightedTotal());
    }
    assertThat(targets).containsExactlyInAnyOrderEntriesOf(Map.of(
        "kommunekode*ydelsesgruppe: 787|dagpenge + 787|sygedagpenge", 32.0,
        "kommunekode*ydelsesgruppe: 101|dagpenge", 30.0, "kommunekode*ydelsesgruppe: 101|sygedagpenge", 40.0,
        "ydelsesgruppe*koen: dagpenge|K + sygedagpenge|K", 51.0, "ydelsesgruppe*koen: dagpenge|M + sygedagpenge|M", 51.0));
    targets.forEach((category, target) -> assertThat(reached.get(category)).as(category).isCloseTo(target, within(1e-8)));
    // Every person is carried: the weights add up to the population.
    assertThat(result.cells().stream().mapToDouble(c -> c.finalWeight() * c.respondents()).sum()).isCloseTo(102.0, within(1e-8));
    // Each merge says why: the stratum for its missing respondents, the margin classes for the stratum they separate.
    assertThat(result.strata()).extracting(WeightingResult.Stratum::stratum, WeightingResult.Stratum::mergeReason)
        .contains(org.assertj.core.groups.Tuple.tuple("787|dagpenge + 787|sygedagpenge", "no respondents in 787|dagpenge"));
    assertThat(result.marginClasses().stream().filter(WeightingResult.MarginClass::merged)
        .map(c -> c.category() + ": " + c.mergeReason())).containsExactlyInAnyOrder(
        "787|dagpenge + 787|sygedagpenge: separates the merged stratum 787|dagpenge + 787|sygedagpenge",
        "dagpenge|K + sygedagpenge|K: separates the merged stratum 787|dagpenge + 787|sygedagpenge",
        "dagpenge|M + sygedagpenge|M: separates the merged stratum 787|dagpenge + 787|sygedagpenge");
  }

  private static WeightingProblem.PopulationCell cell(String values, long population, long respondents) {
    return new WeightingProblem.PopulationCell(List.of(values.split("\\|")), population, respondents);
  }

  @Test
  void twoByTwoSolvedByHandKeepsTheOddsRatioOfTheBaseWeights() {
    // One stratum, N = 100, 5 respondents: b = 20, base totals 40 20 / 20 20 (odds ratio 2). Raking keeps
    // the odds ratio, so with rows 60/40 and columns 50/50 the (1,1) total a solves
    // a(a − 10) = 2(60 − a)(50 − a), i.e. a² − 210a + 6000 = 0.
    WeightingResult result = rake(new WeightingProblem(List.of("s", "r", "c"), List.of("s"), Map.of(List.of("s"), 100.0),
        cells("s|1|1", 2, "s|1|2", 1, "s|2|1", 1, "s|2|2", 1),
        List.of(margin("r", "1", 60, "2", 40), margin("c", "1", 50, "2", 50))));
    double a = (210 - Math.sqrt(210 * 210 - 4 * 6000)) / 2;
    assertThat(weightOf(result, "s|1|1")).isCloseTo(a / 2, within(1e-9));
    assertThat(weightOf(result, "s|1|2")).isCloseTo(60 - a, within(1e-9));
    assertThat(weightOf(result, "s|2|1")).isCloseTo(50 - a, within(1e-9));
    assertThat(weightOf(result, "s|2|2")).isCloseTo(a - 10, within(1e-9));
    assertThat(result.cells()).allSatisfy(c -> assertThat(c.baseWeight()).isEqualTo(20.0));
    assertThat(result.converged()).isTrue();
  }

  @Test
  void handSizedCaseOfTheTestdataReadme() {
    // ../shared/testdata/README.md §2: strata A (N 100) and B (N 50); margins sex F 80 / M 70, age O 60 / Y 90.
    Map<List<String>, Long> respondents = cells("A|M|Y", 2, "A|M|O", 1, "A|F|Y", 1, "A|F|O", 2, "B|F|O", 2,
        "B|M|Y", 1, "B|F|Y", 1);
    WeightingResult result = rake(new WeightingProblem(List.of("stratum", "sex", "age"), List.of("stratum"),
        Map.of(List.of("A"), 100.0, List.of("B"), 50.0), respondents,
        List.of(margin("sex", "F", 80, "M", 70), margin("age", "O", 60, "Y", 90))));
    Map<String, Double> expected = Map.of("A|M|Y", 20.4054241690, "A|M|O", 13.8850835353, "A|F|Y", 19.3629048773,
        "A|F|O", 13.1756904185, "B|F|O", 9.8817678139, "B|M|Y", 15.3040681267, "B|F|Y", 14.5221786580);
    expected.forEach((cell, weight) -> assertThat(weightOf(result, cell)).as(cell).isCloseTo(weight, within(5e-11)));
  }

  @Test
  void kaltonAndFloresCervantesRakingFactors() {
    // survey's tests/kalton.R: a = 1..4 by b = 1..3, sample counts a-fastest, every unit weight 1.
    long[] counts = {20, 50, 100, 30, 40, 140, 50, 100, 40, 310, 50, 70};
    Map<List<String>, Long> respondents = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      respondents.put(List.of("all", "a" + (i % 4 + 1), "b" + (i / 4 + 1)), counts[i]);
    }
    WeightingResult result = rake(new WeightingProblem(List.of("s", "a", "b"), List.of("s"), Map.of(List.of("all"), 1000.0),
        respondents, List.of(margin("a", "a1", 175, "a2", 550, "a3", 430, "a4", 345), margin("b", "b1", 365, "b2", 415, "b3", 720))));
    double[][] factors = {{1.810805, 1.452822, 2.016776}, {1.083564, 0.869352, 1.206815},
        {2.196089, 1.761938, 2.445884}, {1.833226, 1.470810, 2.041746}};
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 3; b++) {
        assertThat(weightOf(result, "all|a" + (a + 1) + "|b" + (b + 1))).as("a%d b%d", a + 1, b + 1)
            .isCloseTo(factors[a][b], within(5e-7));
      }
    }
  }

  @Test
  void aStratumWithoutRespondentsIsMergedWithItsCollapsePartner() {
    // 101|dagpenge has 30 persons and no respondents: merged with sygedagpenge (N 20, r 2), b = 50 / 2.
    WeightingResult result = rake(new WeightingProblem(List.of("kommunekode", "ydelsesgruppe"),
        List.of("kommunekode", "ydelsesgruppe"),
        Map.of(List.of("101", "dagpenge"), 30.0, List.of("101", "sygedagpenge"), 20.0, List.of("101", "jobparate"), 50.0),
        cells("101|sygedagpenge", 2, "101|jobparate", 5),
        List.of(margin("kommunekode*ydelsesgruppe", "101|dagpenge", 30, "101|sygedagpenge", 20, "101|jobparate", 50))));
    assertThat(result.strata()).extracting(WeightingResult.Stratum::stratum, WeightingResult.Stratum::baseWeight)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("101|dagpenge + 101|sygedagpenge", 25.0),
            org.assertj.core.groups.Tuple.tuple("101|jobparate", 10.0));
    assertThat(weightOf(result, "101|sygedagpenge")).isCloseTo(25.0, within(1e-9));
    assertThat(result.marginClasses()).extracting(WeightingResult.MarginClass::category, WeightingResult.MarginClass::merged)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("101|dagpenge + 101|sygedagpenge", true),
            org.assertj.core.groups.Tuple.tuple("101|jobparate", false));
  }

  @Test
  void anEmptyBandIsMergedWithTheBandBelowOrForTheFirstBandAbove() {
    // Bands 18-29 (10 persons) and 40-49 (15) have no respondents. 18-29 has no band below: merged with
    // 30-39 (pop 20, 2 respondents); 40-49 goes to the band below, 30-39, too. 50-59: 25 persons, 3 respondents.
    WeightingResult result = rake(new WeightingProblem(List.of("s", "aldersgruppe"), List.of("s"), Map.of(List.of("s"), 70.0),
        cells("s|30-39", 2, "s|50-59", 3),
        List.of(margin("aldersgruppe", "18-29", 10, "30-39", 20, "40-49", 15, "50-59", 25))));
    assertThat(result.marginClasses()).extracting(WeightingResult.MarginClass::category)
        .containsExactly("18-29 + 30-39 + 40-49", "50-59");
    assertThat(weightOf(result, "s|30-39")).isCloseTo(45.0 / 2, within(1e-9));
    assertThat(weightOf(result, "s|50-59")).isCloseTo(25.0 / 3, within(1e-9));
  }

  @Test
  void trimmingKeepsEveryGWithinItsBoundsAndReportsTheResidualMarginError() {
    // Untrimmed, the one old respondent gets g = 50 / 10 = 5 > 3: trimmed to 3, the old margin is left short.
    WeightingProblem problem = new WeightingProblem(List.of("s", "aldersgruppe"), List.of("s"), Map.of(List.of("s"), 100.0),
        cells("s|18-29", 9, "s|60+", 1), List.of(margin("aldersgruppe", "18-29", 50, "60+", 50)));
    assertThat(weightOf(rake(problem), "s|60+")).isCloseTo(50.0, within(1e-9));
    WeightingResult trimmed = weighting(new WeightingSettings.Trimming(true, 0.3, 3.0)).weigh(problem);
    assertThat(trimmed.cells()).allSatisfy(c -> assertThat(c.g()).isBetween(0.3, 3.0));
    assertThat(trimmed.converged()).isFalse();
    assertThat(trimmed.maxRelativeError()).isCloseTo((50.0 - 30.0) / 50.0, within(1e-9));
    assertThat(trimmed.worstCategory()).isEqualTo("aldersgruppe category 60+");
    assertThat(trimmed.trimmedRespondents()).isEqualTo(1);
  }

  @Test
  void trimmingWithRoomToReRakeMeetsBothTheBoundsAndTheMargins() {
    // Sex × age leave one degree of freedom: with x the (M, Y) total, the margins give g(M, Y) = x / 10 and
    // g(K, O) = (x − 20) / 10. Raking keeps the odds ratio 1/16 of the base totals: x = 23 1/3, g = 2.33.
    // Bounds [0.2, 2.25] allow x in [22, 22.5]: re-raking finds such a solution.
    WeightingProblem problem = new WeightingProblem(List.of("s", "koen", "aldersgruppe"), List.of("s"),
        Map.of(List.of("s"), 100.0), cells("s|M|18-29", 1, "s|M|60+", 4, "s|K|18-29", 4, "s|K|60+", 1),
        List.of(margin("koen", "K", 50, "M", 50), margin("aldersgruppe", "18-29", 70, "60+", 30)));
    double untrimmedHighest = rake(problem).cells().stream().mapToDouble(WeightingResult.Cell::g).max().orElseThrow();
    assertThat(untrimmedHighest).isCloseTo(70.0 / 30, within(1e-9));
    WeightingResult trimmed = weighting(new WeightingSettings.Trimming(true, 0.2, 2.25)).weigh(problem);
    assertThat(trimmed.cells()).allSatisfy(c -> assertThat(c.g()).isBetween(0.2, 2.25));
    assertThat(trimmed.converged()).isTrue();
    assertThat(trimmed.marginClasses()).allSatisfy(c -> assertThat(c.relativeError()).isLessThan(1e-10));
    assertThat(trimmed.trimmedRespondents()).isPositive();
  }

  @Test
  void marginsThatCannotAllBeMetAreANamedNonConvergence() {
    // Respondents only on the diagonal: a1 is reached only through (a1, b1), which b1 needs at 20, a1 at 10.
    WeightingProblem problem = new WeightingProblem(List.of("s", "a", "b"), List.of("s"), Map.of(List.of("s"), 30.0),
        cells("s|a1|b1", 1, "s|a2|b2", 1), List.of(margin("a", "a1", 10, "a2", 20), margin("b", "b1", 20, "b2", 10)));
    assertThatThrownBy(() -> rake(problem)).isInstanceOf(WeightingException.class)
        .hasMessageContaining("did not converge in 1000 sweeps").hasMessageContaining("margin a category a")
        .hasMessageContaining("weighting.margins");
  }

  @Test
  void inconsistentInputIsNamed() {
    Map<List<String>, Double> strata = Map.of(List.of("s"), 30.0);
    assertThatThrownBy(() -> rake(new WeightingProblem(List.of("s", "a"), List.of("s"), strata, cells("s|a1", 1, "s|a2", 1),
        List.of(margin("a", "a1", 10, "a2", 20), margin("s", "s", 31)))))
        .hasMessage("margin s totals 31 but margin a totals 30; every margin must count the same population");
    assertThatThrownBy(() -> rake(new WeightingProblem(List.of("s", "a"), List.of("s"), strata, cells("s|a1", 1, "s|a3", 1),
        List.of(margin("a", "a1", 10, "a2", 20)))))
        .hasMessageStartingWith("margin a: category a3 has 1 respondents but no population");
    assertThatThrownBy(() -> rake(new WeightingProblem(List.of("kommunekode", "ydelsesgruppe"), List.of("kommunekode", "ydelsesgruppe"),
        Map.of(List.of("101", "dagpenge"), 30.0, List.of("147", "dagpenge"), 20.0), cells("101|dagpenge", 3),
        List.of(margin("kommunekode", "101", 30, "147", 20)))))
        .hasMessageStartingWith("strata: category 147|dagpenge has population 20 but no respondents, and no neighbouring category");
  }
}
