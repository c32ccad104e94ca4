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
 * Allocation + selection on a population frame the size of the national one (98 municipalities,
 * 507,156 accepted rows of which 277,794 eligible, as the national synthetic extracts give after
 * ingest) and on multiples of it (10x: about 5 million rows). The frame is made in Spark (person keys are hashes), so the benchmark measures
 * the sample step alone, not ingest.
 */
public final class SampleBenchmark {
  /** Eligible persons per inhabitant, and the split over the four groups, from the national ingest. */
  static final double ELIGIBLE_PER_INHABITANT = 277_794.0 / 5_822_679;
  /** Accepted population rows per eligible person (the rest are excluded: duration, status, scope). */
  static final double ROWS_PER_ELIGIBLE = 507_156.0 / 277_794;
  static final double[] GROUP_SHARES = {0.124, 0.261, 0.201, 0.414};

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
      long rows = writeFrame(warehouse, scale);
      report.time("allocation + selection, " + scale + "x national frame", () -> {
        new DrawSample(survey, warehouse).execute();
        return rows;
      });
    }
    report.note("rows = population frame rows (eligible and excluded); the step reads the eligible, writes analysis/allocation and analysis/sample");
    return report;
  }

  /** Writes a population frame of {@code scale} × the national one for the round; returns its rows. */
  long writeFrame(Warehouse warehouse, int scale) {
    List<BenefitGroup> groups = survey.groups();
    List<Row> strata = new ArrayList<>();
    for (Municipalities.Municipality m : Municipalities.all()) {
      for (int g = 0; g < groups.size(); g++) {
        long count = Math.round(m.population() * ELIGIBLE_PER_INHABITANT * GROUP_SHARES[g % GROUP_SHARES.length] * scale);
        strata.add(RowFactory.create(m.code(), groups.get(g).id(), count));
      }
    }
    StructType schema = new StructType().add("kommunekode", DataTypes.StringType).add("ydelsesgruppe", DataTypes.StringType)
        .add("n", DataTypes.LongType);
    Dataset<Row> frame = spark.createDataFrame(strata, schema)
        .withColumn("i", explode(sequence(lit(1L), functions.round(col("n").multiply(ROWS_PER_ELIGIBLE)).cast(DataTypes.LongType))))
        .select(sha2(concat_ws("|", col("kommunekode"), col("ydelsesgruppe"), col("i").cast(DataTypes.StringType)), 256)
            .as("person_key"), col("kommunekode"), col("ydelsesgruppe"), col("i").leq(col("n")).as("eligible"),
            lit(18).plus(functions.pmod(col("i"), lit(49))).cast(DataTypes.IntegerType).as("alder"));
    warehouse.replaceRound(survey.round(), Map.of(Table.POPULATION, frame));
    return warehouse.readRound(Table.POPULATION, survey.round()).count();
  }
}
