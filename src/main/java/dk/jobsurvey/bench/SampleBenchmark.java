package dk.jobsurvey.bench;

import dk.jobsurvey.config.Survey;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Allocation + selection on a {@link PopulationFrame} of the national size and multiples of it
 * (10x: about 5 million rows).
 */
public final class SampleBenchmark {
  private SampleBenchmark() {}

  public static BenchmarkReport run(SparkSession spark, Survey survey, List<Integer> scales, Path work) throws Exception {
    BenchmarkReport report = new BenchmarkReport("sample: allocation + selection");
    for (int scale : scales) {
      Warehouse warehouse = new Warehouse(spark, work.resolve("x" + scale).toString());
      long rows = PopulationFrame.write(spark, survey, warehouse, scale);
      report.time("allocation + selection, " + scale + "x national frame", () -> {
        new DrawSample(survey, warehouse).execute();
        return rows;
      });
    }
    report.note("rows = population frame rows (eligible and excluded); the step reads the eligible, writes analysis/allocation and analysis/sample");
    return report;
  }
}
