package dk.jobsurvey.estimate;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import dk.jobsurvey.weight.CsvRaking;
import dk.jobsurvey.weight.WeightingException;
import dk.jobsurvey.weight.WeightingProblem;
import dk.jobsurvey.weight.WeightingResult;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Estimates from a raked CSV of respondents (the golden-raking formats): for every item column
 * (q1, q13, ...), share_positive and mean nationally and by each domain variable, weighted with
 * linearized SEs, in the columns of expected_estimates.csv.
 */
public final class CsvEstimates {
  /** One line of expected_estimates.csv. */
  public record Line(String item, String statistic, String domain, String value, long n, double estimate, double se) {}

  /** A municipality's (or its group's: ydelsesgruppe, else "all") difference to the other municipalities. */
  public record Difference(String item, String statistic, String kommunekode, String ydelsesgruppe, double difference,
      double se) {}

  /** The cells with their per-measure sums (measure 2k: share positive of item k, 2k + 1: its mean) and their estimator. */
  private record Fit(List<String> items, List<String> variables, List<EstimationCell> cells, LinearizedEstimator estimator) {
    int[] cellsWhere(IntPredicate test) {
      return IntStream.range(0, cells.size()).filter(test).toArray();
    }

    String value(int cell, String variable) {
      return cells.get(cell).values().get(variables.indexOf(variable));
    }
  }

  private CsvEstimates() {}

  public static List<Line> estimate(CsvRaking.Input input, WeightingResult weighting, List<Integer> positiveValues,
      List<String> domainVariables) {
    Fit fit = fit(input, weighting, positiveValues);
    List<Line> lines = new ArrayList<>();
    for (int item = 0; item < fit.items().size(); item++) {
      for (int statistic = 0; statistic < 2; statistic++) {
        int measure = 2 * item + statistic;
        String name = statisticName(statistic);
        lines.add(line(fit.items().get(item), name, "national", "all", fit.estimator().weighted(fit.cellsWhere(c -> true), measure)));
        for (String domain : domainVariables) {
          for (String value : values(fit, domain)) {
            lines.add(line(fit.items().get(item), name, domain, value,
                fit.estimator().weighted(fit.cellsWhere(c -> fit.value(c, domain).equals(value)), measure)));
          }
        }
      }
    }
    return lines;
  }

  /**
   * Every municipality's difference to the other municipalities, and every group's within it to the
   * same group in the others, for each item's share positive and mean (as tabulate publishes them).
   */
  public static List<Difference> differences(CsvRaking.Input input, WeightingResult weighting, List<Integer> positiveValues) {
    Fit fit = fit(input, weighting, positiveValues);
    List<Difference> differences = new ArrayList<>();
    for (int item = 0; item < fit.items().size(); item++) {
      for (int statistic = 0; statistic < 2; statistic++) {
        int measure = 2 * item + statistic;
        for (String kommune : values(fit, "kommunekode")) {
          IntPredicate inside = c -> fit.value(c, "kommunekode").equals(kommune);
          differences.add(difference(fit, item, statistic, kommune, "all", fit.estimator().difference(
              fit.cellsWhere(inside), fit.cellsWhere(inside.negate()), measure)));
          for (String group : values(fit, "ydelsesgruppe")) {
            IntPredicate inGroup = c -> fit.value(c, "ydelsesgruppe").equals(group);
            differences.add(difference(fit, item, statistic, kommune, group, fit.estimator().difference(
                fit.cellsWhere(inside.and(inGroup)), fit.cellsWhere(inside.negate().and(inGroup)), measure)));
          }
        }
      }
    }
    return differences;
  }

  private static Difference difference(Fit fit, int item, int statistic, String kommune, String group,
      LinearizedEstimator.Comparison comparison) {
    return new Difference(fit.items().get(item), statisticName(statistic), kommune, group, comparison.difference(),
        comparison.se());
  }

  private static String statisticName(int statistic) {
    return statistic == 0 ? "share_positive" : "mean";
  }

  private static TreeSet<String> values(Fit fit, String variable) {
    return new TreeSet<>(IntStream.range(0, fit.cells().size()).mapToObj(c -> fit.value(c, variable)).toList());
  }

  private static Fit fit(CsvRaking.Input input, WeightingResult weighting, List<Integer> positiveValues) {
    List<String> items = input.otherColumns().keySet().stream().filter(c -> c.matches("q[0-9]+")).toList();
    int measures = 2 * items.size();
    Map<List<String>, WeightingResult.Cell> weightCells = new HashMap<>();
    weighting.cells().forEach(cell -> weightCells.put(cell.values(), cell));
    Map<List<String>, long[]> answered = new HashMap<>();
    Map<List<String>, double[]> sums = new HashMap<>();
    Map<List<String>, double[]> squares = new HashMap<>();
    for (int i = 0; i < input.respondentIds().size(); i++) {
      List<String> cell = input.cellOfRespondent().get(i);
      long[] n = answered.computeIfAbsent(cell, k -> new long[measures]);
      double[] sum = sums.computeIfAbsent(cell, k -> new double[measures]);
      double[] square = squares.computeIfAbsent(cell, k -> new double[measures]);
      for (int item = 0; item < items.size(); item++) {
        String text = input.otherColumns().get(items.get(item)).get(i);
        if (text.isEmpty() || text.equals("NA")) {
          continue;
        }
        double value = answer(text, items.get(item), input.respondentIds().get(i));
        double positive = positiveValues.contains((int) value) ? 1 : 0;
        n[2 * item]++;
        sum[2 * item] += positive;
        square[2 * item] += positive;
        n[2 * item + 1]++;
        sum[2 * item + 1] += value;
        square[2 * item + 1] += value * value;
      }
    }
    List<EstimationCell> cells = new ArrayList<>();
    for (WeightingResult.Cell cell : weighting.cells()) {
      cells.add(new EstimationCell(cell.values(), cell.stratum(), cell.stratumPopulation(), cell.stratumRespondents(),
          cell.baseWeight(), cell.finalWeight(), cell.respondents(), answered.get(cell.values()), sums.get(cell.values()),
          squares.get(cell.values())));
    }
    List<String> variables = input.problem().variables();
    LinearizedEstimator estimator = new LinearizedEstimator(variables, CalibrationMargin.asWeighted(
        input.problem().margins().stream().map(WeightingProblem.Margin::variables).toList(), weighting), cells);
    return new Fit(items, variables, cells, estimator);
  }

  private static Line line(String item, String statistic, String domain, String value, Estimate estimate) {
    return new Line(item, statistic, domain, value, estimate.n(), estimate.estimate(), estimate.se());
  }

  private static double answer(String text, String item, String respondent) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new WeightingException("respondent " + respondent + ": " + item + " '" + text + "' is not a whole number");
    }
  }

  /** Writes the lines as expected_estimates.csv does, with every digit a double holds. */
  public static void write(List<Line> lines, Path out) throws IOException {
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      CsvWriter csv = new CsvWriter(writer, new CsvWriterSettings());
      csv.writeHeaders("item", "statistic", "domain", "value", "n", "estimate", "se");
      for (Line l : lines) {
        csv.writeRow(l.item(), l.statistic(), l.domain(), l.value(), l.n(), number(l.estimate()), number(l.se()));
      }
      csv.close();
    }
  }

  private static String number(double value) {
    return Double.isFinite(value) ? BigDecimal.valueOf(value).toPlainString() : "";
  }
}
