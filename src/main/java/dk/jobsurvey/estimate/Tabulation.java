package dk.jobsurvey.estimate;

import dk.jobsurvey.config.SuppressionSettings;
import dk.jobsurvey.config.TableSpec;
import dk.jobsurvey.publish.CellSystem;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.PublishedCells;
import dk.jobsurvey.publish.TableCells;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Every published figure from the cell table, on the driver (DESIGN.md §8-9): for each configured
 * table, every combination of its variables' values (empty ones included), each measure weighted and
 * unweighted, and Cronbach's alpha per theme nationally and per group; then one disclosure decision
 * per cell and item, shared by all of that item's figures in the cell.
 */
public final class Tabulation {
  /**
   * A row of published/estimates; null figures when suppressed, or when no one answered (n = 0).
   * {@code difference} and {@code differenceSe}: a weighted figure of a municipality (or of a group
   * within it) minus the same figure of the other participating municipalities, where both are
   * published, the same figure without the municipality (the nation, the group nationally) is
   * published, and the others have at least min_respondents with a value (DESIGN.md §8a); else null.
   */
  public record Row(String table, String item, String statistic, Map<String, String> domain, boolean weighted, Long n,
      Double estimate, Double se, Double ciLow, Double ciHigh, Double difference, Double differenceSe, boolean suppressed,
      String suppressionReason) {}

  /**
   * What the round publishes besides the estimates, and what ties its figures together: the
   * respondents per municipality and group (published/response_rates), each theme's items, and the
   * free texts' counts (published/free_text_terms).
   */
  public record Released(SortedMap<String, SortedMap<String, Long>> respondents, Map<String, List<String>> itemsByTheme,
      FreeTextTerms.Counts texts) {}

  /**
   * The estimate rows, the free-text term rows, and the one decision over every published figure:
   * the system, its pattern and which cells are the respondent counts (by
   * {@link PublishedCells#respondentKey}).
   */
  public record Result(List<Row> rows, List<org.apache.spark.sql.Row> termRows, CellSystem system,
      DisclosureControl.Pattern pattern, Map<String, Integer> respondentCells) {
    public long suppressed(DisclosureControl.Reason reason) {
      return pattern.count(reason);
    }
  }

  /** A theme's alpha input: its id and, per estimation cell, the complete-case sums. */
  public record AlphaInput(String theme, List<CronbachAlpha> perCell) {}

  private static final String ESTIMATES = "estimates";
  /** The variable a figure is compared across: a municipality against the other municipalities. */
  static final String COMPARED_ACROSS = "kommunekode";
  private final List<String> variables;
  private final List<EstimationCell> cells;
  private final LinearizedEstimator estimator;
  private final Map<String, List<String>> values;
  private final DisclosureControl control;
  private final int minRespondents;

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
    this.minRespondents = suppression.minRespondents();
  }

  public Result tabulate(List<TableSpec> tables, List<Measure> measures, List<AlphaInput> alphas, Released released) {
    TableCells tableCells = new TableCells(tables.stream().map(TableSpec::by).toList(), variables, values);
    int[][] domains = domainCells(tableCells);
    int[][] others = otherMunicipalities(tableCells);
    int[] parents = parentCells(tableCells);
    PublishedCells published = new PublishedCells();
    Map<String, Integer> respondentCells = published.respondents(released.respondents());
    Map<String, int[]> itemCells = new LinkedHashMap<>();
    Map<String, Integer> firstMeasure = new LinkedHashMap<>();
    for (int m = 0; m < measures.size(); m++) {
      firstMeasure.putIfAbsent(measures.get(m).item(), m);
    }
    firstMeasure.forEach((item, m) -> itemCells.put(item, published.measure(ESTIMATES, tableCells, item, c -> answered(domains[c], m))));
    // Whoever answered an item of a theme has a theme index.
    released.itemsByTheme().forEach((theme, items) -> {
      if (itemCells.containsKey(theme)) {
        items.forEach(item -> linkCells(published, itemCells.get(item), itemCells.get(theme)));
      }
    });
    AlphaCells alphaCells = alphaCells(tables, alphas, published, tableCells, itemCells, released.itemsByTheme());
    FreeTextTerms.Cells textCells = FreeTextTerms.addTo(published, released.texts(), values.get("ydelsesgruppe"));
    CellSystem system = published.build();
    DisclosureControl.Pattern pattern = control.suppress(system);

    List<Map.Entry<TableSpec, Integer>> tableCellsInOrder = new ArrayList<>();
    tables.forEach(table -> cellsOf(tableCells, table).forEach(c -> tableCellsInOrder.add(Map.entry(table, c))));
    // The estimator only reads: the cells' estimates side by side on the cores there are, rows in table order.
    List<Row> rows = new ArrayList<>(tableCellsInOrder.parallelStream().map(entry -> {
      int c = entry.getValue();
      TableCells.Cell cell = tableCells.cells().get(c);
      List<Row> cellRows = new ArrayList<>();
      for (int m = 0; m < measures.size(); m++) {
        DisclosureControl.Reason reason = pattern.reasons()[itemCells.get(measures.get(m).item())[c]];
        // A hidden figure shows no estimate: none is computed.
        // Compared only where the cell without the municipality is published too: then the others' n (its n minus this
        // cell's) is known already, and publishing or withholding the difference tells nothing about a hidden count.
        boolean comparable = reason == null && others[c] != null && parents[c] >= 0
            && pattern.reasons()[itemCells.get(measures.get(m).item())[parents[c]]] == null;
        LinearizedEstimator.Comparison comparison = comparable ? estimator.difference(domains[c], others[c], m) : null;
        cellRows.add(row(entry.getKey(), measures.get(m), cell, true, reason != null ? null : estimator.weighted(domains[c], m),
            comparison != null && comparison.othersN() >= minRespondents ? comparison : null, reason));
        cellRows.add(row(entry.getKey(), measures.get(m), cell, false, reason != null ? null : estimator.unweighted(domains[c], m),
            null, reason));
      }
      return cellRows;
    }).flatMap(List::stream).toList());
    if (alphaCells != null) {
      rows.addAll(alphaCells.rows(pattern));
    }
    return new Result(rows, FreeTextTerms.rows(textCells, system, pattern.reasons()), system, pattern, respondentCells);
  }

  /** Each cell's n at most the same cell's n of another measure. */
  private static void linkCells(PublishedCells published, int[] smaller, int[] larger) {
    for (int c = 0; c < smaller.length; c++) {
      published.atMost(smaller[c], larger[c]);
    }
  }

  /** Alpha's tables (by nothing or by ydelsesgruppe), its complete cases per cell and their place in the system. */
  private record AlphaCells(List<TableSpec> tables, TableCells cells, Map<String, CronbachAlpha[]> byTheme,
      Map<String, int[]> index) {
    List<Row> rows(DisclosureControl.Pattern pattern) {
      List<Row> rows = new ArrayList<>();
      byTheme.forEach((theme, byCell) -> {
        for (TableSpec table : tables) {
          for (int c = 0; c < cells.cells().size(); c++) {
            TableCells.Cell cell = cells.cells().get(c);
            if (!cell.variables().equals(table.by())) {
              continue;
            }
            Estimate estimate = new Estimate(byCell[c].completeCases(), byCell[c].alpha(), Double.NaN);
            rows.add(row(table, new Measure(theme, Measure.CRONBACH_ALPHA), cell, false, estimate, null,
                pattern.reasons()[index.get(theme)[c]]));
          }
        }
      });
      return rows;
    }
  }

  /** Alpha's complete cases as cells of the system, each at most the n of every item of its theme in the same cell. */
  private AlphaCells alphaCells(List<TableSpec> tables, List<AlphaInput> alphas, PublishedCells published,
      TableCells itemTables, Map<String, int[]> itemCells, Map<String, List<String>> itemsByTheme) {
    List<TableSpec> alphaTables = tables.stream()
        .filter(t -> t.by().isEmpty() || t.by().equals(List.of("ydelsesgruppe"))).toList();
    if (alphaTables.isEmpty() || alphas.isEmpty()) {
      return null;
    }
    TableCells cells = new TableCells(alphaTables.stream().map(TableSpec::by).toList(), variables, values);
    int[][] domains = domainCells(cells);
    Map<String, CronbachAlpha[]> byTheme = new LinkedHashMap<>();
    Map<String, int[]> index = new LinkedHashMap<>();
    for (AlphaInput input : alphas) {
      CronbachAlpha[] byCell = new CronbachAlpha[cells.cells().size()];
      for (int c = 0; c < byCell.length; c++) {
        CronbachAlpha sum = CronbachAlpha.empty(input.perCell().get(0).sums().length);
        for (int e : domains[c]) {
          sum = sum.plus(input.perCell().get(e));
        }
        byCell[c] = sum;
      }
      int[] alphaIndex = published.measure(ESTIMATES, cells, input.theme() + " alpha", c -> byCell[c].completeCases());
      for (String item : itemsByTheme.getOrDefault(input.theme(), List.of())) {
        for (int c = 0; c < byCell.length; c++) {
          TableCells.Cell cell = cells.cells().get(c);
          published.atMost(alphaIndex[c], itemCells.get(item)[itemTables.indexOf(cell.variables(), cell.values())]);
        }
      }
      byTheme.put(input.theme(), byCell);
      index.put(input.theme(), alphaIndex);
    }
    return new AlphaCells(alphaTables, cells, byTheme, index);
  }

  private static Row row(TableSpec table, Measure measure, TableCells.Cell cell, boolean weighted, Estimate estimate,
      LinearizedEstimator.Comparison comparison, DisclosureControl.Reason reason) {
    if (reason != null) {
      return new Row(table.name(), measure.item(), measure.statistic(), cell.values(), weighted, null, null, null, null,
          null, null, null, true, DisclosureControl.HIDDEN);
    }
    boolean se = Double.isFinite(estimate.se());
    boolean compared = comparison != null && Double.isFinite(comparison.se());
    return new Row(table.name(), measure.item(), measure.statistic(), cell.values(), weighted, estimate.n(),
        finite(estimate.estimate()), se ? estimate.se() : null, se ? estimate.ciLow() : null, se ? estimate.ciHigh() : null,
        compared ? comparison.difference() : null, compared ? comparison.se() : null, false, null);
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

  /**
   * For each table cell over the municipality, the estimation cells of the other municipalities that
   * agree with it on the table's other variables; null for cells of other tables.
   */
  private int[][] otherMunicipalities(TableCells tableCells) {
    int position = variables.indexOf(COMPARED_ACROSS);
    Map<List<String>, Map<Map<String, String>, List<Integer>>> byRest = new HashMap<>();
    int[][] others = new int[tableCells.cells().size()][];
    for (int c = 0; c < others.length; c++) {
      TableCells.Cell cell = tableCells.cells().get(c);
      if (position < 0 || !cell.variables().contains(COMPARED_ACROSS)) {
        continue;
      }
      List<String> rest = cell.variables().stream().filter(v -> !v.equals(COMPARED_ACROSS)).toList();
      Map<String, String> restValues = new HashMap<>(cell.values());
      restValues.remove(COMPARED_ACROSS);
      List<Integer> agreeing = byRest.computeIfAbsent(rest, this::cellsByValues).getOrDefault(restValues, List.of());
      String municipality = cell.values().get(COMPARED_ACROSS);
      others[c] = agreeing.stream().filter(e -> !cells.get(e).values().get(position).equals(municipality))
          .mapToInt(Integer::intValue).toArray();
    }
    return others;
  }

  /**
   * For each table cell over the municipality, the cell of the same table without it (the nation,
   * or the group nationally), or −1 where no configured table has those variables.
   */
  private int[] parentCells(TableCells tableCells) {
    int[] parents = new int[tableCells.cells().size()];
    Arrays.fill(parents, -1);
    for (int c = 0; c < parents.length; c++) {
      TableCells.Cell cell = tableCells.cells().get(c);
      if (!cell.variables().contains(COMPARED_ACROSS)) {
        continue;
      }
      List<String> rest = cell.variables().stream().filter(v -> !v.equals(COMPARED_ACROSS)).toList();
      Map<String, String> restValues = new HashMap<>(cell.values());
      restValues.remove(COMPARED_ACROSS);
      parents[c] = tableCells.find(rest, restValues);
    }
    return parents;
  }

  /** The estimation cells grouped by their values of {@code v}. */
  private Map<Map<String, String>, List<Integer>> cellsByValues(List<String> v) {
    Map<Map<String, String>, List<Integer>> groups = new HashMap<>();
    for (int e = 0; e < cells.size(); e++) {
      Map<String, String> projection = new HashMap<>();
      for (String variable : v) {
        projection.put(variable, cells.get(e).values().get(variables.indexOf(variable)));
      }
      groups.computeIfAbsent(projection, p -> new ArrayList<>()).add(e);
    }
    return groups;
  }

  /** For each table cell, the estimation cells in it. */
  private int[][] domainCells(TableCells tableCells) {
    Map<List<String>, Map<Map<String, String>, List<Integer>>> byVariables = new HashMap<>();
    for (TableCells.Cell cell : tableCells.cells()) {
      byVariables.computeIfAbsent(cell.variables(), this::cellsByValues);
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
