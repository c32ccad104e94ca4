package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;

import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline, step by step, on generated extracts of a selection of municipalities (the
 * pilot's nine, all 98, or all 98 at ten times their size: {@code all*10}): the pipeline job up to
 * the mail merge, a simulated final export, then the pipeline again (the first steps skipped), a few
 * times on fresh warehouses, the median run reported. Each step's seconds come from its
 * analysis/run_log entry, and where they go (Spark jobs, shuffles, Delta commits, the driver's own
 * work) from a {@link StepProfile}. Then each step's Spark + Delta floor: reading what the step read
 * and writing a copy of what it wrote, with no computation; and ingest's plain-read floor, the files
 * read without Spark ({@link PlainReadFloor}). The driver's peak heap is measured per selection.
 */
public final class PipelineBenchmark {
  /** What each step reads; what it writes is every table whose one writer it is ({@link Table#writtenBy()}). */
  private static final Map<String, List<Table>> READS = new LinkedHashMap<>();
  /** A run starts once the last minute's load average is below this (or after two minutes of waiting). */
  private static final double QUIET_LOAD = 1.5;

  static {
    READS.put("ingest", List.of());
    READS.put("sample", List.of(Table.POPULATION));
    READS.put("mailmerge", List.of(Table.SAMPLE, Table.IDENTITY));
    READS.put("responses", List.of(Table.CONTACTS));
    READS.put("weight", List.of(Table.POPULATION, Table.RESPONSES));
    READS.put("tabulate", List.of(Table.WEIGHTS, Table.RESPONSES));
    READS.put("report", List.of(Table.ESTIMATES, Table.RESPONSE_RATES));
  }

  private static List<Table> writes(String step) {
    return java.util.Arrays.stream(Table.values()).filter(table -> table.writtenBy().equals(step)).toList();
  }

  private PipelineBenchmark() {}

  /**
   * @param runs how many times the pipeline runs on each selection (each on a fresh warehouse); the
   *     step and pipeline figures are the median run's
   * @param floors whether each step's Spark + Delta floor is measured too
   * @param pipeline runs the pipeline job with these arguments and returns its exit code (the jobs'
   *     launcher, passed in: benchmarks sit below the jobs and do not import them)
   */
  public static BenchmarkReport run(SparkSession spark, Survey survey, List<String> selections, int runs, boolean floors, Path config,
      Path questionnaire, Path work, java.util.function.ToIntFunction<String[]> pipeline) throws Exception {
    BenchmarkReport report = new BenchmarkReport("pipeline: every step, where its time goes, and its floors");
    try (StepProfile profile = new StepProfile(spark)) {
      for (String selection : selections) {
        String[] parts = selection.split("\\*");
        double scale = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
        Path dir = work.resolve(selection.replace('*', 'x'));
        BenchmarkReport.resetPeakHeap();
        ExtractGenerator.generate(ExtractGenerator.select(parts[0]),
            new ExtractGenerator.Settings(1, scale, 0.02, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
        List<Run> done = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
          profile.reset();
          double load = BenchmarkReport.loadAverageAfterQuiet(QUIET_LOAD, 120);
          Path warehouseDir = dir.resolve("run" + r);
          Warehouse warehouse = runPipeline(spark, survey, config, questionnaire, dir.resolve("extracts"), warehouseDir, pipeline, selection);
          Map<String, Double> steps = stepSeconds(warehouse, survey.round());
          double total = steps.values().stream().mapToDouble(Double::doubleValue).sum();
          done.add(new Run(r, warehouse, warehouseDir, steps, total, load, profile.figures()));
          System.out.printf(java.util.Locale.ROOT, "  %s run %d: %.2f s (load average %.2f at its start)%n", selection, r, total, load);
        }
        Run median = done.stream().sorted(java.util.Comparator.comparingDouble(Run::total)).toList().get((runs - 1) / 2);
        Warehouse warehouse = median.warehouse();
        long population = warehouse.readRound(Table.POPULATION, survey.round()).count();
        long sampled = warehouse.readRound(Table.SAMPLE, survey.round()).count();
        long respondents = warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent")).count();
        median.steps().forEach((step, seconds) -> report.record(selection + ": " + step, seconds,
            step.equals("ingest") ? population : step.equals("sample") || step.equals("mailmerge") ? sampled : respondents));
        report.record(selection + ": whole pipeline", median.total(), population);
        report.section(selection + ": where each step's time goes (run " + median.number() + ")", PROFILE_COLUMNS,
            profileRows(median.steps(), median.profile()));
        report.section(selection + ": the Spark call sites that took longest (run " + median.number() + ")",
            List.of("step", "call site", "Spark seconds"), slowestCallSites(median.profile(), 12));
        long peak = BenchmarkReport.peakHeapMiB();
        long live = BenchmarkReport.peakLiveHeapMiB();
        StringBuilder runsText = new StringBuilder();
        done.forEach(run -> runsText.append(String.format(java.util.Locale.ROOT, "%s%.1f s (load %.2f)", runsText.length() == 0 ? "" : ", ",
            run.total(), run.load())));
        report.note(String.format("%s: %,d population rows, %,d sampled, %,d respondents; whole pipeline median of %d runs: %s; "
            + "peak driver heap %,d MiB, live after a collection %,d MiB", selection, population, sampled, respondents, runs,
            runsText, peak, live));
        if (floors) {
          double floor = floors(spark, survey, warehouse, dir.resolve("extracts"), exportsOf(median.dir()), selection, report);
          report.record(selection + ": Spark + Delta floor of all steps", floor, population);
          report.note(String.format(java.util.Locale.ROOT, "%s: whole pipeline %.2f× its Spark + Delta floor", selection,
              median.total() / floor));
          PlainReadFloor.Figures plain = PlainReadFloor.read(dir.resolve("extracts"));
          report.record(selection + ": ingest plain-read floor", plain.seconds(), plain.rows());
          report.note(String.format(java.util.Locale.ROOT, "%s: ingest plain-read floor %.2f s (%,d files, %d of them unreadable, %.1f MB: "
              + "CSV decode %.2f s, xlsx unzip + StAX %.2f s), one thread", selection, plain.seconds(), plain.files(), plain.unreadable(),
              plain.bytes() / 1e6, plain.csvSeconds(), plain.xlsxSeconds()));
        }
      }
    }
    report.note("rows = population rows (ingest, whole pipeline), sampled persons (sample, mailmerge) or respondents (the rest); "
        + "the simulated export between the two pipeline runs is not timed; step seconds from analysis/run_log");
    report.note("Spark seconds: wall time during which at least one of the step's Spark jobs ran; Delta seconds: the step's "
        + "commits, their Spark jobs included; outside Spark: the step's seconds less its Spark seconds (driver work: "
        + "configuration, math on aggregates, workbooks and reports, file moves)");
    report.note("Spark + Delta floor of a step: its inputs (tables, and for ingest and responses the files, with the readers "
        + "ingest uses) read into Spark's no-op sink, and a copy of the tables it wrote written to Delta, nothing computed; "
        + "plain-read floor: the extract files read on one thread without Spark (CSV decoded, each sheet's XML parsed)");
    return report;
  }

  private static final List<String> PROFILE_COLUMNS = List.of("step", "seconds", "Spark jobs", "stages", "shuffles",
      "shuffle MiB", "Spark seconds", "Delta commits", "Delta seconds", "outside Spark");

  /** One pipeline run on a selection. */
  private record Run(int number, Warehouse warehouse, Path dir, Map<String, Double> steps, double total, double load,
      Map<String, StepProfile.Figures> profile) {}

  /** The pipeline to the mail merge, the simulated final export, the pipeline to the report; the warehouse it filled. */
  static Warehouse runPipeline(SparkSession spark, Survey survey, Path config, Path questionnaire, Path extracts,
      Path warehouseDir, java.util.function.ToIntFunction<String[]> pipeline, String selection) throws Exception {
    List<String> common = List.of("pipeline", "--config", config.toString(), "--questionnaire", questionnaire.toString(),
        "--warehouse", warehouseDir.toString(), "--input", extracts.toString());
    requireSuccess(pipeline.applyAsInt(common.toArray(String[]::new)), selection);
    Warehouse warehouse = new Warehouse(spark, warehouseDir.toString());
    Path exports = exportsOf(warehouseDir);
    ResponseSimulator.write(warehouse, survey.round(), ConfigLoader.questionnaire(questionnaire, survey.round()), 38, 38, exports);
    List<String> withResponses = new ArrayList<>(common);
    withResponses.addAll(List.of("--responses", exports.toString()));
    requireSuccess(pipeline.applyAsInt(withResponses.toArray(String[]::new)), selection);
    return warehouse;
  }

  /** The seconds of each step's successful pipeline run, in the order they ran. */
  private static Map<String, Double> stepSeconds(Warehouse warehouse, String round) {
    Map<String, Double> steps = new LinkedHashMap<>();
    for (Row run : warehouse.readRound(Table.RUN_LOG, round)
        .where(col("input_sha256s").getItem(RunLog.PIPELINE_FINGERPRINT).isNotNull().and(col("status").equalTo(RunLog.SUCCEEDED)))
        .orderBy("started_at").collectAsList()) {
      steps.put(run.getAs("job"), run.<Long>getAs("milliseconds") / 1000.0);
    }
    return steps;
  }

  private static List<List<Object>> profileRows(Map<String, Double> steps, Map<String, StepProfile.Figures> profile) {
    List<List<Object>> rows = new ArrayList<>();
    steps.forEach((step, seconds) -> {
      StepProfile.Figures f = profile.getOrDefault(step, new StepProfile.Figures(0, 0, 0, 0, 0, 0, 0, Map.of()));
      rows.add(List.of(step, seconds, f.sparkJobs(), f.stages(), f.shuffles(), f.shuffleBytes() / 1048576.0, f.sparkSeconds(),
          f.deltaCommits(), f.deltaSeconds(), Math.max(0, seconds - f.sparkSeconds())));
    });
    StepProfile.Figures outside = profile.get("pipeline");
    if (outside != null) {
      // The pipeline's own work between steps: the run log lookups that decide what to skip, its own line.
      rows.add(List.of("pipeline (between steps)", outside.sparkSeconds(), outside.sparkJobs(), outside.stages(), outside.shuffles(),
          outside.shuffleBytes() / 1048576.0, outside.sparkSeconds(), outside.deltaCommits(), outside.deltaSeconds(), 0.0));
    }
    return rows;
  }

  private static List<List<Object>> slowestCallSites(Map<String, StepProfile.Figures> profile, int count) {
    List<List<Object>> all = new ArrayList<>();
    profile.forEach((step, figures) -> figures.sparkSecondsByCallSite().forEach((site, seconds) -> all.add(List.of(step, site, seconds))));
    all.sort((a, b) -> Double.compare((Double) b.get(2), (Double) a.get(2)));
    return all.subList(0, Math.min(count, all.size()));
  }

  /** Where {@link #runPipeline} puts the simulated export of the pipeline run into {@code warehouseDir}. */
  private static Path exportsOf(Path warehouseDir) {
    return warehouseDir.resolveSibling(warehouseDir.getFileName() + "-exports");
  }

  /** Each step's Spark + Delta floor, recorded; returns their sum. */
  private static double floors(SparkSession spark, Survey survey, Warehouse warehouse, Path extracts, Path exports,
      String selection, BenchmarkReport report) throws Exception {
    IoFloor io = new IoFloor(spark);
    double sum = 0;
    for (Map.Entry<String, List<Table>> step : READS.entrySet()) {
      List<Dataset<Row>> reads = new ArrayList<>();
      step.getValue().forEach(table -> reads.add(warehouse.readRound(table, survey.round())));
      if (step.getKey().equals("ingest")) {
        reads.add(io.files(survey.ingest().csv(), extracts));
      } else if (step.getKey().equals("responses")) {
        reads.add(io.files(survey.ingest().csv(), exports));
      }
      List<Dataset<Row>> writes = new ArrayList<>();
      writes(step.getKey()).forEach(table -> writes.add(warehouse.readRound(table, survey.round())));
      var measured = report.time(selection + ": " + step.getKey() + " Spark + Delta floor", () -> {
        io.read(io.union(reads));
        return writes.isEmpty() ? 0 : io.write(io.union(writes), extracts.resolveSibling("floor").resolve(step.getKey()));
      });
      sum += measured.seconds();
    }
    return sum;
  }

  private static void requireSuccess(int exit, String selection) {
    if (exit != 0) {
      throw new IllegalStateException("the pipeline on " + selection + " failed with exit " + exit);
    }
  }
}
