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
 * the mail merge, a simulated final export, then the pipeline again (the first steps skipped). Each
 * step's seconds come from its analysis/run_log entry. Then each step's I/O floor: reading what the
 * step read and writing a copy of what it wrote, with no computation. The driver's peak heap is
 * measured per selection.
 */
public final class PipelineBenchmark {
  /** What a step reads (tables; ingest and responses also read files) and the tables it writes. */
  /** What each step reads; what it writes is every table whose one writer it is ({@link Table#writtenBy()}). */
  private static final Map<String, List<Table>> READS = new LinkedHashMap<>();

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
   * @param pipeline runs the pipeline job with these arguments and returns its exit code (the jobs'
   *     launcher, passed in: benchmarks sit below the jobs and do not import them)
   */
  public static BenchmarkReport run(SparkSession spark, Survey survey, List<String> selections, Path config, Path questionnaire,
      Path work, java.util.function.ToIntFunction<String[]> pipeline) throws Exception {
    BenchmarkReport report = new BenchmarkReport("pipeline: every step, and its I/O floor");
    for (String selection : selections) {
      String[] parts = selection.split("\\*");
      double scale = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
      Path dir = work.resolve(selection.replace('*', 'x'));
      BenchmarkReport.resetPeakHeap();
      ExtractGenerator.generate(ExtractGenerator.select(parts[0]),
          new ExtractGenerator.Settings(1, scale, 0.02, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
      List<String> common = List.of("pipeline", "--config", config.toString(), "--questionnaire", questionnaire.toString(),
          "--warehouse", dir.resolve("warehouse").toString(), "--input", dir.resolve("extracts").toString());
      requireSuccess(pipeline.applyAsInt(common.toArray(String[]::new)), selection);
      Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
      ResponseSimulator.write(warehouse, survey.round(), ConfigLoader.questionnaire(questionnaire, survey.round()), 38, 38,
          dir.resolve("exports"));
      List<String> withResponses = new ArrayList<>(common);
      withResponses.addAll(List.of("--responses", dir.resolve("exports").toString()));
      requireSuccess(pipeline.applyAsInt(withResponses.toArray(String[]::new)), selection);

      long population = warehouse.readRound(Table.POPULATION, survey.round()).count();
      long sampled = warehouse.readRound(Table.SAMPLE, survey.round()).count();
      long respondents = warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent")).count();
      double total = 0;
      for (Row run : warehouse.readRound(Table.RUN_LOG, survey.round())
          .where(col("input_sha256s").getItem(RunLog.PIPELINE_FINGERPRINT).isNotNull().and(col("status").equalTo(RunLog.SUCCEEDED)))
          .orderBy("started_at").collectAsList()) {
        String step = run.getAs("job");
        double seconds = run.<Long>getAs("milliseconds") / 1000.0;
        long rows = step.equals("ingest") ? population : step.equals("sample") || step.equals("mailmerge") ? sampled : respondents;
        report.record(selection + ": " + step, seconds, rows);
        total += seconds;
      }
      report.record(selection + ": whole pipeline", total, population);
      long peak = BenchmarkReport.peakHeapMiB();
      long live = BenchmarkReport.peakLiveHeapMiB();
      double floor = floors(spark, survey, warehouse, dir, selection, report);
      report.record(selection + ": I/O floor of all steps", floor, population);
      report.note(String.format("%s: %,d population rows, %,d sampled, %,d respondents; whole pipeline %.2f× its I/O floor; "
          + "peak driver heap %,d MiB, live after a collection %,d MiB", selection, population, sampled, respondents, total / floor, peak, live));
    }
    report.note("rows = population rows (ingest, whole pipeline), sampled persons (sample, mailmerge) or respondents (the rest); "
        + "the simulated export between the two pipeline runs is not timed");
    report.note("I/O floor of a step: its inputs (tables, and for ingest and responses the files) read into Spark's no-op "
        + "sink, and a copy of the tables it wrote written to Delta, nothing computed");
    return report;
  }

  /** Each step's I/O floor, recorded; returns their sum. */
  private static double floors(SparkSession spark, Survey survey, Warehouse warehouse, Path dir, String selection,
      BenchmarkReport report) throws Exception {
    IoFloor io = new IoFloor(spark);
    double sum = 0;
    for (Map.Entry<String, List<Table>> step : READS.entrySet()) {
      List<Dataset<Row>> reads = new ArrayList<>();
      step.getValue().forEach(table -> reads.add(warehouse.readRound(table, survey.round())));
      if (step.getKey().equals("ingest")) {
        reads.add(io.files(survey.ingest().csv(), dir.resolve("extracts")));
      } else if (step.getKey().equals("responses")) {
        reads.add(io.files(survey.ingest().csv(), dir.resolve("exports")));
      }
      List<Dataset<Row>> writes = new ArrayList<>();
      writes(step.getKey()).forEach(table -> writes.add(warehouse.readRound(table, survey.round())));
      var measured = report.time(selection + ": " + step.getKey() + " I/O floor", () -> {
        io.read(io.union(reads));
        return writes.isEmpty() ? 0 : io.write(io.union(writes), dir.resolve("floor").resolve(step.getKey()));
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
