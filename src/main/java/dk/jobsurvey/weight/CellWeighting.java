package dk.jobsurvey.weight;

import dk.jobsurvey.config.WeightingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Base weights and raking on cells (DESIGN.md §7), in plain Java on the driver: strata without
 * respondents are merged and get b = N_h / r_h of the merged stratum; margin categories with
 * population but no respondents are merged with a neighbour; then {@link Raking} fits the cells to
 * the margins. The cost grows with the number of cells (thousands nationally), not of respondents.
 */
public final class CellWeighting {
  private final WeightingSettings settings;
  private final MergeRules rules;

  public CellWeighting(WeightingSettings settings, MergeRules rules) {
    this.settings = settings;
    this.rules = rules;
  }

  public WeightingResult weigh(WeightingProblem problem) {
    List<String> variables = problem.variables();
    List<List<String>> cellKeys = problem.cellRespondents().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey).sorted(Keys.order(variables, rules)).toList();
    if (cellKeys.isEmpty()) {
      throw new WeightingException("there are no respondents to weight");
    }
    long[] respondents = cellKeys.stream().mapToLong(problem.cellRespondents()::get).toArray();

    Map<List<String>, Long> stratumRespondents = sumBy(cellKeys, respondents, variables, problem.stratumVariables());
    ClassMerging.Result strata = ClassMerging.merge("strata", problem.stratumVariables(), problem.stratumPopulation(),
        stratumRespondents, rules);
    int[] stratumOfCell = new int[cellKeys.size()];
    double[] initial = new double[cellKeys.size()];
    for (int c = 0; c < cellKeys.size(); c++) {
      stratumOfCell[c] = strata.classOf().get(Keys.project(cellKeys.get(c), variables, problem.stratumVariables()));
      ClassMerging.MergedClass stratum = strata.classes().get(stratumOfCell[c]);
      initial[c] = respondents[c] * stratum.population() / stratum.respondents();
    }

    List<WeightingProblem.Margin> margins = problem.margins();
    int[][] classOfCell = new int[margins.size()][];
    double[][] targets = new double[margins.size()][];
    List<ClassMerging.Result> marginClasses = new ArrayList<>();
    for (int m = 0; m < margins.size(); m++) {
      WeightingProblem.Margin margin = margins.get(m);
      ClassMerging.Result classes = ClassMerging.merge("margin " + margin.name(), margin.variables(), margin.totals(),
          sumBy(cellKeys, respondents, variables, margin.variables()), rules,
          separating(strata, problem.stratumVariables(), margin));
      marginClasses.add(classes);
      classOfCell[m] = new int[cellKeys.size()];
      for (int c = 0; c < cellKeys.size(); c++) {
        classOfCell[m][c] = classes.classOf().get(Keys.project(cellKeys.get(c), variables, margin.variables()));
      }
      targets[m] = classes.classes().stream().mapToDouble(ClassMerging.MergedClass::population).toArray();
    }
    requireEqualGrandTotals(margins, targets);

    Raking.Outcome outcome = Raking.fit(initial, classOfCell, targets, settings.tolerance(), settings.maxSweeps(),
        settings.trimming());
    String worst = margins.get(outcome.worstMargin()).name() + " category "
        + marginClasses.get(outcome.worstMargin()).classes().get(outcome.worstClass()).label();
    if (!outcome.converged() && !settings.trimming().enabled()) {
      double target = targets[outcome.worstMargin()][outcome.worstClass()];
      double reached = Raking.classSums(outcome.cellTotals(), classOfCell[outcome.worstMargin()],
          targets[outcome.worstMargin()].length)[outcome.worstClass()];
      throw new WeightingException(String.format(Locale.ROOT,
          "raking did not converge in %d sweeps: margin %s has weighted total %.6f against population %s "
              + "(relative error %.3g, tolerance %.3g). The margins cannot all be met by these respondents; merge "
              + "sparse categories or drop a margin (weighting.margins)",
          outcome.sweeps(), worst, reached, Keys.number(target), outcome.worstRelativeError(), settings.tolerance()));
    }

    List<WeightingResult.Cell> cells = new ArrayList<>();
    for (int c = 0; c < cellKeys.size(); c++) {
      ClassMerging.MergedClass stratum = strata.classes().get(stratumOfCell[c]);
      double base = stratum.population() / stratum.respondents();
      double finalWeight = outcome.cellTotals()[c] / respondents[c];
      double g = finalWeight / base;
      boolean trimmed = settings.trimming().enabled()
          && (g <= settings.trimming().gLow() * (1 + 1e-12) || g >= settings.trimming().gHigh() * (1 - 1e-12));
      cells.add(new WeightingResult.Cell(cellKeys.get(c), stratum.label(), stratum.population(), stratum.respondents(),
          respondents[c], base, g, finalWeight, trimmed));
    }
    List<WeightingResult.Stratum> strataOut = strata.classes().stream().map(s -> new WeightingResult.Stratum(
        s.label(), s.members(), s.population(), s.respondents(), s.population() / s.respondents(), s.reason())).toList();
    return new WeightingResult(variables, List.copyOf(cells), strataOut,
        marginDiagnostics(margins, marginClasses, classOfCell, initial, outcome.cellTotals(), cells),
        outcome.sweeps(), outcome.converged(), outcome.worstRelativeError(), worst);
  }

  private static List<WeightingResult.MarginClass> marginDiagnostics(List<WeightingProblem.Margin> margins,
      List<ClassMerging.Result> marginClasses, int[][] classOfCell, double[] initial, double[] fitted,
      List<WeightingResult.Cell> cells) {
    List<WeightingResult.MarginClass> rows = new ArrayList<>();
    for (int m = 0; m < margins.size(); m++) {
      List<ClassMerging.MergedClass> classes = marginClasses.get(m).classes();
      double[] baseTotals = Raking.classSums(initial, classOfCell[m], classes.size());
      double[] weightedTotals = Raking.classSums(fitted, classOfCell[m], classes.size());
      WeightSummary[] summaries = new WeightSummary[classes.size()];
      Arrays.fill(summaries, WeightSummary.EMPTY);
      for (int c = 0; c < cells.size(); c++) {
        int k = classOfCell[m][c];
        summaries[k] = summaries[k].plus(cells.get(c).respondents(), cells.get(c).finalWeight());
      }
      for (int k = 0; k < classes.size(); k++) {
        ClassMerging.MergedClass mergedClass = classes.get(k);
        rows.add(new WeightingResult.MarginClass(margins.get(m).name(), mergedClass.label(), mergedClass.reason(),
            mergedClass.respondents(), mergedClass.population(), baseTotals[k], weightedTotals[k], summaries[k]));
      }
    }
    return List.copyOf(rows);
  }

  /**
   * The categories of a margin that separate strata which were merged, in groups to merge: for a
   * merged stratum whose members differ in the stratum variables the margin shares, each group holds
   * the margin's categories that agree in the margin's other variables and carry one of those
   * members' values. Strata 787|dagpenge and 787|jobparate merged thus merge 787|dagpenge with
   * 787|jobparate in kommunekode × ydelsesgruppe, and dagpenge|k with jobparate|k for each k in
   * ydelsesgruppe × koen; without that, the persons of the empty stratum would count in a margin
   * category whose respondents cannot carry them, and raking could not converge.
   */
  private static Map<Set<List<String>>, String> separating(ClassMerging.Result strata, List<String> stratumVariables,
      WeightingProblem.Margin margin) {
    List<String> shared = margin.variables().stream().filter(stratumVariables::contains).toList();
    List<String> others = margin.variables().stream().filter(v -> !stratumVariables.contains(v)).toList();
    Map<Set<List<String>>, String> groups = new HashMap<>();
    if (shared.isEmpty()) {
      return groups;
    }
    for (ClassMerging.MergedClass stratum : strata.classes()) {
      Set<List<String>> values = new HashSet<>();
      stratum.members().forEach(member -> values.add(Keys.project(member, stratumVariables, shared)));
      if (values.size() < 2) {
        continue;
      }
      Map<List<String>, Set<List<String>>> byOthers = new HashMap<>();
      for (List<String> category : margin.totals().keySet()) {
        if (values.contains(Keys.project(category, margin.variables(), shared))) {
          byOthers.computeIfAbsent(Keys.project(category, margin.variables(), others), k -> new HashSet<>()).add(category);
        }
      }
      byOthers.values().forEach(group -> groups.merge(group, "separates the merged stratum " + stratum.label(),
          (a, b) -> a + "; " + b));
    }
    return groups;
  }

  /** Margins that count different populations cannot all be met; say so instead of failing to converge. */
  private void requireEqualGrandTotals(List<WeightingProblem.Margin> margins, double[][] targets) {
    double first = Arrays.stream(targets[0]).sum();
    for (int m = 1; m < targets.length; m++) {
      double total = Arrays.stream(targets[m]).sum();
      if (Math.abs(total - first) > settings.tolerance() * first) {
        throw new WeightingException("margin " + margins.get(m).name() + " totals " + Keys.number(total)
            + " but margin " + margins.get(0).name() + " totals " + Keys.number(first)
            + "; every margin must count the same population");
      }
    }
  }

  private static Map<List<String>, Long> sumBy(List<List<String>> cellKeys, long[] respondents, List<String> variables,
      List<String> by) {
    Map<List<String>, Long> sums = new HashMap<>();
    for (int c = 0; c < cellKeys.size(); c++) {
      sums.merge(Keys.project(cellKeys.get(c), variables, by), respondents[c], Long::sum);
    }
    return sums;
  }
}
