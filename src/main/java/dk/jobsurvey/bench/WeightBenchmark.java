package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The weight step on a {@link PopulationFrame} of the national size and multiples of it, with
 * respondents drawn from the eligible at about 14 % (40,000 nationally), more among the old than the
 * young so that raking has work to do. Each scale reports the step's own phases: the aggregation to
 * cells, IPF on the driver, and the join back with the write.
 */
public final class WeightBenchmark {
  /** Response probability: 8.6 % at 18 rising to 20 % at 66, about 14 % over the frame. */
  static final double RESPONSE_AT_18 = 0.086;
  static final double RESPONSE_PER_YEAR = (0.20 - RESPONSE_AT_18) / 48;

  private WeightBenchmark() {}

  public static BenchmarkReport run(SparkSession spark, Survey survey, List<Integer> scales, Path work) throws Exception {
    BenchmarkReport report = new BenchmarkReport("weight: aggregate to cells, IPF, join back");
    for (int scale : scales) {
      Warehouse warehouse = new Warehouse(spark, work.resolve("x" + scale).toString());
      PopulationFrame.write(spark, survey, warehouse, scale);
      long respondents = writeRespondents(survey, warehouse);
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

  /** Writes analysis/responses with the respondents drawn by a hash of person_key; returns how many. */
  private static long writeRespondents(Survey survey, Warehouse warehouse) {
    Column uniform = conv(substring(sha2(col("person_key"), 256), 1, 8), 16, 10).cast(DataTypes.DoubleType).divide(4294967296.0);
    Column probability = lit(RESPONSE_AT_18).plus(col("alder").minus(18).multiply(RESPONSE_PER_YEAR));
    warehouse.replaceRound(survey.round(), Map.of(Table.RESPONSES, warehouse.readRound(Table.POPULATION, survey.round())
        .where(col("eligible").and(uniform.lt(probability))).select(col("person_key"), lit(true).as("is_respondent"))));
    return warehouse.readRound(Table.RESPONSES, survey.round()).count();
  }
}
