package dk.jobsurvey.weight;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A raking problem on cells: the respondents per cell of the cross-classification of all strata and
 * margin variables, the population size N_h of each stratum and the population totals of each
 * margin. Every respondent of a cell shares the cell's base and final weight, so nothing else about
 * the respondents is needed.
 *
 * @param variables the cell variables; each cell key holds one value per variable, in this order
 * @param stratumVariables the variables (among {@code variables}) whose values form a stratum
 * @param stratumPopulation N_h by stratum key (values of {@code stratumVariables})
 * @param cellRespondents respondents by cell key
 */
public record WeightingProblem(List<String> variables, List<String> stratumVariables,
    Map<List<String>, Double> stratumPopulation, Map<List<String>, Long> cellRespondents, List<Margin> margins) {

  /** One raking margin: its variables and the population total of each category (key). */
  public record Margin(List<String> variables, Map<List<String>, Double> totals) {
    public Margin {
      variables = List.copyOf(variables);
      totals = Map.copyOf(totals);
    }

    /** "ydelsesgruppe*koen", as population_margins.csv names a margin. */
    public String name() {
      return String.join("*", variables);
    }
  }

  /** One cell of the eligible population, with how many of its persons responded. */
  public record PopulationCell(List<String> values, long population, long respondents) {}

  public WeightingProblem {
    variables = List.copyOf(variables);
    stratumVariables = List.copyOf(stratumVariables);
    margins = List.copyOf(margins);
    if (new HashSet<>(variables).size() != variables.size()) {
      throw new IllegalArgumentException("cell variables repeat: " + variables);
    }
    requireAmong(stratumVariables, variables, "stratum");
    for (Margin margin : margins) {
      requireAmong(margin.variables(), variables, "margin " + margin.name());
    }
    for (List<String> key : cellRespondents.keySet()) {
      if (key.size() != variables.size() || key.stream().anyMatch(Objects::isNull)) {
        throw new WeightingException("a respondent cell " + key + " has no value for one of " + variables
            + "; every respondent needs a value of every weighting variable");
      }
    }
    stratumPopulation = Map.copyOf(stratumPopulation);
    cellRespondents = Map.copyOf(cellRespondents);
  }

  /**
   * The problem for population cells counted from unit data: N_h and the margin totals are sums of
   * the cells' population, the respondents those of the cells' respondents.
   */
  public static WeightingProblem fromPopulationCells(List<String> variables, List<String> stratumVariables,
      List<List<String>> marginVariables, List<PopulationCell> cells) {
    Map<List<String>, Double> strata = new LinkedHashMap<>();
    Map<List<String>, Long> respondents = new LinkedHashMap<>();
    List<Map<List<String>, Double>> totals = new ArrayList<>();
    marginVariables.forEach(margin -> totals.add(new LinkedHashMap<>()));
    for (PopulationCell cell : cells) {
      if (cell.values().stream().anyMatch(Objects::isNull)) {
        throw new WeightingException(cell.population() + " eligible persons have no value for one of " + variables
            + " (" + cell.values() + "); every person needs a value of every weighting variable");
      }
      strata.merge(Keys.project(cell.values(), variables, stratumVariables), (double) cell.population(), Double::sum);
      if (cell.respondents() > 0) {
        respondents.merge(cell.values(), cell.respondents(), Long::sum);
      }
      for (int m = 0; m < marginVariables.size(); m++) {
        totals.get(m).merge(Keys.project(cell.values(), variables, marginVariables.get(m)), (double) cell.population(), Double::sum);
      }
    }
    List<Margin> margins = new ArrayList<>();
    for (int m = 0; m < marginVariables.size(); m++) {
      margins.add(new Margin(marginVariables.get(m), totals.get(m)));
    }
    return new WeightingProblem(variables, stratumVariables, strata, respondents, margins);
  }

  private static void requireAmong(List<String> some, List<String> all, String what) {
    if (!all.containsAll(some)) {
      throw new IllegalArgumentException(what + " variables " + some + " are not all among the cell variables " + all);
    }
  }
}
