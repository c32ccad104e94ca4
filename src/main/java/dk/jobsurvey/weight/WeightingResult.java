package dk.jobsurvey.weight;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The weights of a raking on cells, and what the analyst needs to judge them.
 *
 * @param variables the cell variables (as in the problem)
 * @param cells every cell with respondents, in key order
 * @param strata the weighting strata after merging those without respondents
 * @param marginClasses every margin's classes after merging, with population and weighted totals
 * @param worstCategory the margin category furthest from its population total ("margin category")
 */
public record WeightingResult(List<String> variables, List<Cell> cells, List<Stratum> strata,
    List<MarginClass> marginClasses, int sweeps, boolean converged, double maxRelativeError, String worstCategory) {

  /** A cell's respondents and the weight each of them carries. g = final weight / base weight. */
  public record Cell(List<String> values, String stratum, double stratumPopulation, long stratumRespondents,
      long respondents, double baseWeight, double g, double finalWeight, boolean trimmed) {
    public String value(List<String> variables, String variable) {
      return values.get(variables.indexOf(variable));
    }
  }

  /**
   * A weighting stratum: N_h, r_h and base weight N_h / r_h; {@code members} are the keys of the
   * strata it joins (one unless merged), and {@code mergeReason} why ("" unless merged).
   */
  public record Stratum(String stratum, List<List<String>> members, double population, long respondents,
      double baseWeight, String mergeReason) {
    public boolean merged() {
      return members.size() > 1;
    }
  }

  /**
   * One class of a margin: a category, or several merged ("dagpenge|18-29 + dagpenge|30-39") for
   * {@code mergeReason} ("" when not merged).
   */
  public record MarginClass(String margin, String category, String mergeReason, long respondents, double populationTotal,
      double baseWeightedTotal, double weightedTotal, WeightSummary weights) {
    public boolean merged() {
      return !mergeReason.isEmpty();
    }

    public double relativeError() {
      return Math.abs(weightedTotal - populationTotal) / populationTotal;
    }
  }

  /** The spread of the final weights of the respondents in the cells that match. */
  public WeightSummary summary(Predicate<Cell> cellsOf) {
    WeightSummary summary = WeightSummary.EMPTY;
    for (Cell cell : cells) {
      if (cellsOf.test(cell)) {
        summary = summary.plus(cell.respondents(), cell.finalWeight());
      }
    }
    return summary;
  }

  /** {@link #summary} for each value of a cell variable, in value order. */
  public Map<String, WeightSummary> summaryBy(String variable) {
    Map<String, WeightSummary> summaries = new TreeMap<>();
    for (Cell cell : cells) {
      String value = cell.value(variables, variable);
      summaries.put(value, summaries.getOrDefault(value, WeightSummary.EMPTY).plus(cell.respondents(), cell.finalWeight()));
    }
    return summaries;
  }

  public long respondents() {
    return cells.stream().mapToLong(Cell::respondents).sum();
  }

  public long trimmedRespondents() {
    return cells.stream().filter(Cell::trimmed).mapToLong(Cell::respondents).sum();
  }
}
