package dk.jobsurvey.estimate;

import dk.jobsurvey.config.SuppressionSettings;
import dk.jobsurvey.config.TableSpec;
import dk.jobsurvey.publish.CellSystem;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.TableCells;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every published figure from the cell table, on the driver (DESIGN.md §8-9): for each configured
 * table, every combination of its variables' values (empty ones included), each measure weighted and
 * unweighted, and Cronbach's alpha per theme nationally and per group; then one disclosure decision
 * per cell and item, shared by all of that item's figures in the cell.
 */
public final class Tabulation {
  /** A row of published/estimates; null figures when suppressed, or when no one answered (n = 0). */
  public record Row(String table, String item, String statistic, Map<String, String> domain, boolean weighted, Long n,
      Double estimate, Double se, Double ciLow, Double ciHigh, boolean suppressed, String suppressionReason) {}

  /** The rows, and the suppression pattern of each item. */
  public record Result(List<Row> rows, Map<String, DisclosureControl.Pattern> patterns) {
    public long suppressed(DisclosureControl.Reason reason) {
      return patterns.values().stream().mapToLong(p -> p.count(reason)).sum();
    }
  }

  /** A theme's alpha input: its id and, per estimation cell, the complete-case sums. */
  public record AlphaInput(String theme, List<CronbachAlpha> perCell) {}

  private final List<String> variables;
  private final List<EstimationCell> cells;
  private final LinearizedEstimator estimator;
  private final Map<String, List<String>> values;
  private final DisclosureControl control;

  /**
   * @param variables the domain variables (order of each cell's values)
   * @param values every value of each variable, in publishing order
   */
  public Tabulation(List<String> variables, List<CalibrationMargin> margins, List<EstimationCell> cells,
      Map<String, List<String>> values, SuppressionSettings suppression) {
    this.variables = List.copyOf(variables);
    this.cells = List.copyOf(cells);
    this.estimator = new LinearizedEstimator(variables, margins, cells);
    this.values = Map.copyOf(values);
    this.control = new DisclosureControl(suppression.minRespondents(), suppression.maxAuditRounds());
  }

  public Result tabulate(List<TableSpec> tables, List<Measure> measures, List<AlphaInput> alphas) {
    TableCells tableCells = new TableCells(tables.stream().map(TableSpec::by).toList(), variables, values);
    int[][] domains = domainCells(tableCells);
    Map<String, DisclosureControl.Pattern> patterns = new LinkedHashMap<>();
    Map<String, Integer> firstMeasure = new LinkedHashMap<>();
    for (int m = 0; m < measures.size(); m++) {
      firstMeasure.putIfAbsent(measures.get(m).item(), m);
    }
    firstMeasure.forEach((item, m) -> patterns.put(item, control.suppress(tableCells.system(c -> answered(domains[c], m)))));

    List<Row> rows = new ArrayList<>();
    for (TableSpec table : tables) {
      for (int c : cellsOf(tableCells, table)) {
        TableCells.Cell cell = tableCells.cells().get(c);
        for (int m = 0; m < measures.size(); m++) {
          DisclosureControl.Reason reason = patterns.get(measures.get(m).item()).reasons()[c];
          rows.add(row(table, measures.get(m), cell, true, estimator.weighted(domains[c], m), reason));
          rows.add(row(table, measures.get(m), cell, false, estimator.unweighted(domains[c], m), reason));
        }
      }
    }
    rows.addAll(alphaRows(tables, alphas));
    return new Result(rows, patterns);
  }

  /** Alpha for the configured tables by nothing or by ydelsesgruppe, suppressed on its complete cases. */
  private List<Row> alphaRows(List<TableSpec> tables, List<AlphaInput> alphas) {
    List<TableSpec> alphaTables = tables.stream()
        .filter(t -> t.by().isEmpty() || t.by().equals(List.of("ydelsesgruppe"))).toList();
    if (alphaTables.isEmpty()) {
      return List.of();
    }
    TableCells tableCells = new TableCells(alphaTables.stream().map(TableSpec::by).toList(), variables, values);
    int[][] domains = domainCells(tableCells);
    List<Row> rows = new ArrayList<>();
    for (AlphaInput input : alphas) {
      CronbachAlpha[] byCell = new CronbachAlpha[tableCells.cells().size()];
      for (int c = 0; c < byCell.length; c++) {
        CronbachAlpha sum = CronbachAlpha.empty(input.perCell().get(0).sums().length);
        for (int e : domains[c]) {
          sum = sum.plus(input.perCell().get(e));
        }
        byCell[c] = sum;
      }
      DisclosureControl.Pattern pattern = control.suppress(tableCells.system(c -> byCell[c].completeCases()));
      for (TableSpec table : alphaTables) {
        for (int c : cellsOf(tableCells, table)) {
          double alpha = byCell[c].alpha();
          Estimate estimate = new Estimate(byCell[c].completeCases(), alpha, Double.NaN);
          rows.add(row(table, new Measure(input.theme(), Measure.CRONBACH_ALPHA), tableCells.cells().get(c), false,
              estimate, pattern.reasons()[c]));
        }
      }
    }
    return rows;
  }

  private static Row row(TableSpec table, Measure measure, TableCells.Cell cell, boolean weighted, Estimate estimate,
      DisclosureControl.Reason reason) {
    if (reason != null) {
      return new Row(table.name(), measure.item(), measure.statistic(), cell.values(), weighted, null, null, null, null,
          null, true, reason.code());
    }
    boolean se = Double.isFinite(estimate.se());
    return new Row(table.name(), measure.item(), measure.statistic(), cell.values(), weighted, estimate.n(),
        finite(estimate.estimate()), se ? estimate.se() : null, se ? estimate.ciLow() : null, se ? estimate.ciHigh() : null,
        false, null);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private long answered(int[] domain, int measure) {
    long n = 0;
    for (int c : domain) {
      n += cells.get(c).answered()[measure];
    }
    return n;
  }

  /** The table cells of the table's variables, in their order. */
  private List<Integer> cellsOf(TableCells tableCells, TableSpec table) {
    List<String> ordered = variables.stream().filter(table.by()::contains).toList();
    List<Integer> indices = new ArrayList<>();
    for (int c = 0; c < tableCells.cells().size(); c++) {
      if (tableCells.cells().get(c).variables().equals(ordered)) {
        indices.add(c);
      }
    }
    return indices;
  }

  /** For each table cell, the estimation cells in it. */
  private int[][] domainCells(TableCells tableCells) {
    Map<List<String>, Map<Map<String, String>, List<Integer>>> byVariables = new HashMap<>();
    for (TableCells.Cell cell : tableCells.cells()) {
      byVariables.computeIfAbsent(cell.variables(), v -> {
        Map<Map<String, String>, List<Integer>> groups = new HashMap<>();
        for (int e = 0; e < cells.size(); e++) {
          Map<String, String> projection = new HashMap<>();
          for (String variable : v) {
            projection.put(variable, cells.get(e).values().get(variables.indexOf(variable)));
          }
          groups.computeIfAbsent(projection, p -> new ArrayList<>()).add(e);
        }
        return groups;
      });
    }
    int[][] domains = new int[tableCells.cells().size()][];
    for (int c = 0; c < domains.length; c++) {
      TableCells.Cell cell = tableCells.cells().get(c);
      domains[c] = byVariables.get(cell.variables()).getOrDefault(cell.values(), List.of()).stream()
          .mapToInt(Integer::intValue).toArray();
    }
    return domains;
  }
}
