package dk.jobsurvey.bench;


import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The weight step on a {@link PopulationFrame} of the national size and multiples of it, with its
 * respondents (about 40,000 nationally). Each scale reports the step's own phases: the aggregation
 * to cells, IPF on the driver, and the join back with the write.
 */
public final class WeightBenchmark {
  private WeightBenchmark() {}

  public static BenchmarkReport run(SparkSession spark, Survey survey, List<Integer> scales, Path work) throws Exception {
    BenchmarkReport report = new BenchmarkReport("weight: aggregate to cells, IPF, join back");
    for (int scale : scales) {
      Warehouse warehouse = new Warehouse(spark, work.resolve("x" + scale).toString());
      PopulationFrame.write(spark, survey, warehouse, scale);
      long respondents = PopulationFrame.writeRespondents(survey, List.of(), List.of(), warehouse);
      WeightRespondents.Result[] result = new WeightRespondents.Result[1];
      report.time(scale + "x national: weight step, respondents", () -> {
        result[0] = new WeightRespondents(survey, warehouse).execute();
        return respondents;
      });
      result[0].phaseSeconds().forEach((phase, seconds) -> report.record(scale + "x national: " + phase, seconds, respondents));
      report.note(String.format("%dx: %,d respondents, %,d cells, %d sweeps", scale, result[0].weighting().respondents(),
          result[0].weighting().cells().size(), result[0].weighting().sweeps()));
    }
    report.note("rows = respondents; the aggregation reads the whole eligible population and the responses");
    return report;
  }
}
