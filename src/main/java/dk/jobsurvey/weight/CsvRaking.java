package dk.jobsurvey.weight;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rakes a CSV of respondents to a CSV of margins, in the formats of testdata/golden-raking: for
 * analysts checking a weighting by hand, and for the comparison with R. respondents.csv holds
 * respondent_id, N_h of the respondent's stratum and a column per stratum and margin variable;
 * population_margins.csv holds margin (variables joined by {@code *}), category (values joined by
 * {@code |}) and total.
 */
public final class CsvRaking {
  /** The strata of testdata/golden-raking and of the survey. */
  public static final List<String> DEFAULT_STRATA = List.of("kommunekode", "ydelsesgruppe");

  /**
   * The respondents in file order with the cell each belongs to, the problem they pose, and the
   * file's other columns (items and the like: column → value per respondent, blank as "").
   */
  public record Input(List<String> respondentIds, List<List<String>> cellOfRespondent, WeightingProblem problem,
      Map<String, List<String>> otherColumns) {}

  private CsvRaking() {}

  /** Reads both files; every problem is reported with the file, the line and what is wrong. */
  public static Input read(Path respondentsFile, Path marginsFile, List<String> strata) throws IOException {
    List<WeightingProblem.Margin> margins = readMargins(marginsFile);
    List<String> variables = new ArrayList<>(strata);
    margins.forEach(m -> m.variables().stream().filter(v -> !variables.contains(v)).forEach(variables::add));

    List<String[]> rows = parse(respondentsFile);
    List<String> header = rows.isEmpty() ? List.of() : Arrays.asList(rows.get(0));
    int idColumn = column(header, "respondent_id", respondentsFile);
    int sizeColumn = column(header, "N_h", respondentsFile);
    int[] cellColumns = variables.stream().mapToInt(v -> column(header, v, respondentsFile)).toArray();
    List<String> ids = new ArrayList<>();
    List<List<String>> cells = new ArrayList<>();
    Map<String, List<String>> otherColumns = new LinkedHashMap<>();
    header.stream().filter(h -> !variables.contains(h) && !h.equals("respondent_id") && !h.equals("N_h"))
        .forEach(h -> otherColumns.put(h, new ArrayList<>()));
    Map<List<String>, Long> respondents = new HashMap<>();
    Map<List<String>, Double> stratumPopulation = new HashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String where = respondentsFile + " line " + (r + 1);
      List<String> cell = new ArrayList<>();
      for (int c = 0; c < cellColumns.length; c++) {
        cell.add(field(row, cellColumns[c], variables.get(c), where));
      }
      double size = positiveNumber(field(row, sizeColumn, "N_h", where), "N_h", where);
      List<String> stratum = Keys.project(cell, variables, strata);
      Double earlier = stratumPopulation.putIfAbsent(stratum, size);
      if (earlier != null && earlier != size) {
        throw new WeightingException(where + ": N_h " + Keys.number(size) + " for stratum " + Keys.label(stratum)
            + ", where earlier lines give " + Keys.number(earlier));
      }
      ids.add(field(row, idColumn, "respondent_id", where));
      cells.add(List.copyOf(cell));
      respondents.merge(List.copyOf(cell), 1L, Long::sum);
      otherColumns.forEach((name, values) -> {
        int column = header.indexOf(name);
        values.add(column < row.length && row[column] != null ? row[column].strip() : "");
      });
    }
    return new Input(ids, cells, new WeightingProblem(variables, strata, stratumPopulation, respondents, margins),
        otherColumns);
  }

  /** Each respondent's final weight, in file order. */
  public static Map<String, Double> weights(Input input, WeightingResult result) {
    Map<List<String>, Double> byCell = new HashMap<>();
    result.cells().forEach(cell -> byCell.put(cell.values(), cell.finalWeight()));
    Map<String, Double> weights = new LinkedHashMap<>();
    for (int i = 0; i < input.respondentIds().size(); i++) {
      weights.put(input.respondentIds().get(i), byCell.get(input.cellOfRespondent().get(i)));
    }
    return weights;
  }

  /** Writes {@code respondent_id,weight} with every digit a double holds. */
  public static void write(Map<String, Double> weights, Path out) throws IOException {
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      CsvWriter csv = new CsvWriter(writer, new CsvWriterSettings());
      csv.writeHeaders("respondent_id", "weight");
      weights.forEach((id, weight) -> csv.writeRow(id, BigDecimal.valueOf(weight).toPlainString()));
      csv.close();
    }
  }

  private static List<WeightingProblem.Margin> readMargins(Path file) throws IOException {
    List<String[]> rows = parse(file);
    List<String> header = rows.isEmpty() ? List.of() : Arrays.asList(rows.get(0));
    int marginColumn = column(header, "margin", file);
    int categoryColumn = column(header, "category", file);
    int totalColumn = column(header, "total", file);
    Map<String, Map<List<String>, Double>> totals = new LinkedHashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String where = file + " line " + (r + 1);
      String margin = field(row, marginColumn, "margin", where);
      List<String> category = List.of(field(row, categoryColumn, "category", where).split("\\|", -1));
      int variables = margin.split("\\*").length;
      if (category.size() != variables) {
        throw new WeightingException(where + ": category '" + Keys.label(category) + "' has " + category.size()
            + " values but margin " + margin + " has " + variables + " variables");
      }
      double total = number(field(row, totalColumn, "total", where), "total", where);
      if (totals.computeIfAbsent(margin, m -> new LinkedHashMap<>()).put(category, total) != null) {
        throw new WeightingException(where + ": margin " + margin + " category " + Keys.label(category) + " appears twice");
      }
    }
    if (totals.isEmpty()) {
      throw new WeightingException(file + ": no margins");
    }
    List<WeightingProblem.Margin> margins = new ArrayList<>();
    totals.forEach((margin, categories) -> margins.add(new WeightingProblem.Margin(List.of(margin.split("\\*")), categories)));
    return margins;
  }

  private static List<String[]> parse(Path file) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setLineSeparatorDetectionEnabled(true);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new CsvParser(settings).parseAll(reader);
    }
  }

  private static int column(List<String> header, String name, Path file) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new WeightingException(file + ": no column '" + name + "' in the header line " + header);
    }
    return index;
  }

  private static String field(String[] row, int column, String name, String where) {
    String value = column < row.length ? row[column] : "";
    if (value.isBlank()) {
      throw new WeightingException(where + ": no value for " + name);
    }
    return value.strip();
  }

  private static double number(String text, String name, String where) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new WeightingException(where + ": " + name + " '" + text + "' is not a number");
    }
  }

  private static double positiveNumber(String text, String name, String where) {
    double value = number(text, name, where);
    if (!(value > 0)) {
      throw new WeightingException(where + ": " + name + " must be positive, got " + text);
    }
    return value;
  }
}
