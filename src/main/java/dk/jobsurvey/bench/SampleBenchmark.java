package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sha2;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Allocation + selection on a {@link PopulationFrame} of the national size and multiples of it
 * (10x: about 5 million rows).
 */
public final class SampleBenchmark {
  private final SparkSession spark;
  private final Survey survey;

  public SampleBenchmark(SparkSession spark, Survey survey) {
    this.spark = spark;
    this.survey = survey;
  }

  public BenchmarkReport run(List<Integer> scales, Path work) throws Exception {
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
