package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;

import dk.jobsurvey.config.Survey;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline, step by step, on generated extracts of a selection of municipalities (the
 * pilot's nine, or all 98): the pipeline job up to the mail merge, a simulated final export, then the
 * pipeline again (the first steps skipped). Each step's seconds come from its analysis/run_log entry.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  public static BenchmarkReport run(SparkSession spark, Survey survey, List<String> selections, Path config, Path questionnaire,
      Path work, PrintStream out) throws Exception {
    BenchmarkReport report = new BenchmarkReport("pipeline: every step, pilot and national");
    for (String selection : selections) {
      Path dir = work.resolve(selection);
      ExtractGenerator.generate(ExtractGenerator.select(selection),
          new ExtractGenerator.Settings(1, 1, 0.02, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
      List<String> common = List.of("pipeline", "--config", config.toString(), "--questionnaire", questionnaire.toString(),
          "--warehouse", dir.resolve("warehouse").toString(), "--input", dir.resolve("extracts").toString());
      requireSuccess(Launcher.run(common.toArray(String[]::new), out, out), selection);
      Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
      ResponseSimulator.write(warehouse, survey.round(), 38, 38, dir.resolve("exports"));
      List<String> withResponses = new ArrayList<>(common);
      withResponses.addAll(List.of("--responses", dir.resolve("exports").toString()));
      requireSuccess(Launcher.run(withResponses.toArray(String[]::new), out, out), selection);

      long population = warehouse.readRound(Table.POPULATION, survey.round()).count();
      long sampled = warehouse.readRound(Table.SAMPLE, survey.round()).count();
      long respondents = warehouse.readRound(Table.RESPONSES, survey.round()).where(col("is_respondent")).count();
      double total = 0;
      for (Row run : warehouse.readRound(Table.RUN_LOG, survey.round())
          .where(col("job").startsWith("pipeline:").and(col("status").equalTo("succeeded"))).orderBy("started_at").collectAsList()) {
        String step = run.<String>getAs("job").substring("pipeline:".length());
        double seconds = run.<scala.collection.Map<String, Long>>getAs("row_counts").apply("milliseconds") / 1000.0;
        long rows = step.equals("ingest") ? population : step.equals("sample") || step.equals("mailmerge") ? sampled : respondents;
        report.record(selection + ": " + step, seconds, rows);
        total += seconds;
      }
      report.record(selection + ": whole pipeline", total, population);
      report.note(String.format("%s: %,d population rows, %,d sampled, %,d respondents", selection, population, sampled, respondents));
    }
    report.note("rows = population rows (ingest, whole pipeline), sampled persons (sample, mailmerge) or respondents (the rest); "
        + "the simulated export between the two pipeline runs is not timed");
    return report;
  }

  private static void requireSuccess(int exit, String selection) {
    if (exit != 0) {
      throw new IllegalStateException("the pipeline on " + selection + " failed with exit " + exit);
    }
  }
}
