package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The weight and tabulate steps against R survey's best route on the same national data, in one
 * run: the national pipeline, then the two steps again in this warm JVM (each three times, the
 * median from analysis/run_log: reading and writing Delta included, JVM start not), then the
 * weighted design exported as R reads it (the respondents with their stratum, its population, their
 * class on each raking margin as the weighting merged them, their answers; the margin totals) and
 * R's own timings of {@code calibrate(calfun = "raking", sparse = TRUE)} and of every table
 * (svymean nationally, {@code svyby(multicore = TRUE)} for the six domain tables) per
 * item-statistic. R may time only the first few item-statistics; the rest is then extrapolated per
 * item-statistic, which the figures say.
 */
public final class VersusR {
  /** The tables of published/estimates besides the national one: their domain variables. */
  private static final List<List<String>> DOMAIN_TABLES = List.of(List.of("kommunekode"), List.of("kommunekode", "ydelsesgruppe"),
      List.of("ydelsesgruppe"), List.of("ydelsesgruppe", "aldersgruppe"), List.of("ydelsesgruppe", "koen"),
      List.of("ydelsesgruppe", "varighedsgruppe"));
  private static final int STEP_RUNS = 3;

  private VersusR() {}

  /**
   * @param rMeasures how many item-statistics R times (0: all)
   * @param launcher runs a job with these arguments and returns its exit code (the jobs' launcher, passed in)
   */
  public static BenchmarkReport run(SparkSession spark, Survey survey, Questionnaire questionnaire, Path config, Path questionnaireFile,
      Path work, Path rScript, int rMeasures, ToIntFunction<String[]> launcher) throws Exception {
    BenchmarkReport report = new BenchmarkReport("weight and tabulate against R survey on the national data");
    Path dir = work.resolve("vs-r");
    dk.jobsurvey.synth.ExtractGenerator.generate(dk.jobsurvey.synth.ExtractGenerator.select("all"),
        new dk.jobsurvey.synth.ExtractGenerator.Settings(1, 1, 0.02, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    Warehouse warehouse = PipelineBenchmark.runPipeline(spark, survey, config, questionnaireFile, dir.resolve("extracts"),
        dir.resolve("warehouse"), launcher, "all");
    List<String> common = List.of("--config", config.toString(), "--questionnaire", questionnaireFile.toString(), "--warehouse",
        dir.resolve("warehouse").toString());
    List<Double> weight = new ArrayList<>();
    List<Double> tabulate = new ArrayList<>();
    for (int r = 0; r < STEP_RUNS; r++) {
      weight.add(runStep(launcher, "weight", common, warehouse, survey.round()));
      tabulate.add(runStep(launcher, "tabulate", common, warehouse, survey.round()));
    }
    long respondents = warehouse.readRound(Table.WEIGHTS, survey.round()).count();
    double ourWeight = median(weight);
    double ourTabulate = median(tabulate);

    Path exported = dir.resolve("for-r");
    int measures = export(warehouse, survey, questionnaire, exported);
    Map<String, Double> r = runR(rScript, exported, rMeasures);
    double rCalibrate = r.get("calibrate");
    int timed = r.get("measures_timed").intValue();
    double rTables = r.get("tables") / timed * measures;
    report.record("project: weight step (median of 3)", ourWeight, respondents);
    report.record("project: tabulate step, every table (median of 3)", ourTabulate, respondents);
    report.record("R: calibrate(raking, sparse = TRUE)", rCalibrate, respondents);
    report.record("R: svymean + svyby(multicore) over the 7 tables, all item-statistics", rTables, respondents);
    report.record("R: svydesign and reading the export (not in R's figures above)", r.get("setup"), respondents);
    report.note(String.format(Locale.ROOT, "weighting: R %.2f s / project %.2f s = %.2f× (above 1: the project is faster)",
        rCalibrate, ourWeight, rCalibrate / ourWeight));
    report.note(String.format(Locale.ROOT, "tables: R %.1f s / project %.2f s = %.1f×", rTables, ourTabulate, rTables / ourTabulate));
    report.note(String.format(Locale.ROOT, "weight and every table: R %.1f s / project %.2f s = %.1f×", rCalibrate + rTables,
        ourWeight + ourTabulate, (rCalibrate + rTables) / (ourWeight + ourTabulate)));
    report.note(String.format(Locale.ROOT, "R timed %d of the %d item-statistics (%s) over the 7 tables in %.1f s; the rest is "
        + "extrapolated per item-statistic", timed, measures, timed == measures ? "all" : "the first " + timed, r.get("tables")));
    report.note(String.format(Locale.ROOT, "%,d respondents; R survey %s on %d cores; the project's steps include reading and writing "
        + "their Delta tables, R's figures only the computation on data already in memory",
        respondents, rVersion(), Runtime.getRuntime().availableProcessors()));
    report.note("step runs (s): weight " + weight + ", tabulate " + tabulate);
    return report;
  }

  private static double runStep(ToIntFunction<String[]> launcher, String step, List<String> common, Warehouse warehouse, String round) {
    List<String> args = new ArrayList<>(List.of(step));
    args.addAll(common);
    if (launcher.applyAsInt(args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException(step + " failed in the benchmark");
    }
    Row last = warehouse.readRound(Table.RUN_LOG, round).where(col("job").equalTo(step).and(col("status").equalTo(RunLog.SUCCEEDED)))
        .orderBy(col("finished_at").desc()).select("milliseconds").head();
    return last.getLong(0) / 1000.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Writes respondents.csv, margins.csv and measures.csv for R; returns the number of
   * item-statistics. No identifier: respondents are numbered, and answers are on the scale.
   */
  private static int export(Warehouse warehouse, Survey survey, Questionnaire questionnaire, Path folder) throws IOException {
    Files.createDirectories(folder);
    String round = survey.round();
    Map<String, List<String>> merged = new LinkedHashMap<>();
    StringBuilder margins = new StringBuilder("margin,class,total\n");
    List<List<String>> configured = survey.weighting().margins();
    Map<String, Integer> marginIndex = new HashMap<>();
    for (int m = 0; m < configured.size(); m++) {
      marginIndex.put(String.join("*", configured.get(m)), m + 1);
    }
    for (Row row : warehouse.readRound(Table.WEIGHTING_DIAGNOSTICS, round).where(col("kind").equalTo("margin"))
        .select("margin", "category", "merged", "population_total").orderBy("margin", "category").collectAsList()) {
      margins.append('m').append(marginIndex.get(row.getString(0))).append(',').append(quoted(row.getString(1))).append(',')
          .append(String.format(Locale.ROOT, "%.0f", row.getDouble(3))).append('\n');
      if (row.getBoolean(2)) {
        merged.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row.getString(1));
      }
    }
    Files.writeString(folder.resolve("margins.csv"), margins, StandardCharsets.UTF_8);

    List<Column> columns = new ArrayList<>(List.of(row_number().over(Window.orderBy(col("w.person_key"))).as("respondent_id"),
        col("stratum"), col("stratum_population").as("N_h")));
    for (String v : List.of("kommunekode", "ydelsesgruppe", "koen", "aldersgruppe", "varighedsgruppe")) {
      columns.add(col("w." + v).as(v));
    }
    for (int m = 0; m < configured.size(); m++) {
      List<String> variables = configured.get(m);
      Column category = concat_ws("|", variables.stream().map(v -> col("w." + v)).toArray(Column[]::new));
      Map<String, String> classOf = new HashMap<>();
      for (String label : merged.getOrDefault(String.join("*", variables), List.of())) {
        for (String member : label.split(" \\+ ")) {
          classOf.put(member, label);
        }
      }
      List<Column> pairs = new ArrayList<>();
      classOf.forEach((member, label) -> {
        pairs.add(lit(member));
        pairs.add(lit(label));
      });
      columns.add((classOf.isEmpty() ? category
          : coalesce(element_at(org.apache.spark.sql.functions.map(pairs.toArray(Column[]::new)), category), category)).as("m" + (m + 1)));
    }
    List<String> items = questionnaire.items().stream().map(Questionnaire.Item::id).toList();
    items.forEach(item -> columns.add(col("r." + item).as(item)));
    Dataset<Row> respondents = warehouse.readRound(Table.WEIGHTS, round).as("w")
        .join(warehouse.readRound(Table.RESPONSES, round).as("r"), col("w.person_key").equalTo(col("r.person_key")))
        .select(columns.toArray(Column[]::new));
    Path csv = folder.resolve("respondents");
    respondents.coalesce(1).write().option("header", true).mode("overwrite").csv(csv.toString());
    try (var parts = Files.list(csv)) {
      Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      Files.move(part, folder.resolve("respondents.csv"));
    }

    StringBuilder measures = new StringBuilder("measure,statistic,items\n");
    for (String item : items) {
      measures.append(item).append(",share_positive,").append(item).append('\n');
      measures.append(item).append(",mean,").append(item).append('\n');
    }
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      measures.append(theme.id()).append(",theme_index,")
          .append(String.join(" ", questionnaire.itemsOf(theme.id()).stream().map(Questionnaire.Item::id).toList())).append('\n');
    }
    Files.writeString(folder.resolve("measures.csv"), measures, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("settings.csv"), "positive_values,scale_min,scale_max,tables\n"
        + String.join(" ", questionnaire.positiveValues().stream().map(String::valueOf).toList()) + ","
        + questionnaire.scale().min() + "," + questionnaire.scale().max() + ","
        + String.join(" ", DOMAIN_TABLES.stream().map(t -> String.join("+", t)).toList()) + "\n", StandardCharsets.UTF_8);
    return items.size() * 2 + questionnaire.themes().size();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Runs the R script on the export; returns its timings (calibrate, tables, setup, measures_timed). */
  private static Map<String, Double> runR(Path script, Path folder, int measures) throws IOException, InterruptedException {
    Process r = new ProcessBuilder("Rscript", "--vanilla", script.toString(), folder.toString(), Integer.toString(measures))
        .redirectErrorStream(true).redirectOutput(folder.resolve("r.log").toFile()).start();
    if (!r.waitFor(2, TimeUnit.HOURS) || r.exitValue() != 0) {
      throw new IllegalStateException("R failed; its output:\n" + Files.readString(folder.resolve("r.log")));
    }
    Map<String, Double> timings = new HashMap<>();
    for (String line : Files.readAllLines(folder.resolve("r_times.csv")).subList(1, Files.readAllLines(folder.resolve("r_times.csv")).size())) {
      String[] parts = line.split(",");
      timings.put(parts[0], Double.parseDouble(parts[1]));
    }
    return timings;
  }

  private static String rVersion() {
    try {
      Process probe = new ProcessBuilder("Rscript", "-e", "cat(format(packageVersion('survey')))").redirectErrorStream(true).start();
      String version = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      probe.waitFor(1, TimeUnit.MINUTES);
      return version;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
