package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.Band;
import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An analysis/population table the size of the national one (98 municipalities, 507,156 accepted
 * rows of which 277,794 eligible, as the national synthetic extracts give after ingest) or a
 * multiple of it, made in Spark (person keys are hashes): benchmarks of the steps after ingest start
 * from it, so they measure their step alone.
 */
final class PopulationFrame {
  /** Eligible persons per inhabitant, and the split over the four groups, from the national ingest. */
  static final double ELIGIBLE_PER_INHABITANT = 277_794.0 / 5_822_679;
  /** Accepted population rows per eligible person (the rest are excluded: duration, status, scope). */
  static final double ROWS_PER_ELIGIBLE = 507_156.0 / 277_794;
  static final double[] GROUP_SHARES = {0.124, 0.261, 0.201, 0.414};

  private PopulationFrame() {}

  /** Writes a population of {@code scale} × the national one for the survey's round; returns its rows. */
  static long write(SparkSession spark, Survey survey, Warehouse warehouse, int scale) {
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
    // Gender, age and duration spread evenly over the persons of a stratum (steps 1, 7 and 13 of i).
    Column age = lit(18).plus(pmod(col("i").multiply(7), lit(49))).cast(DataTypes.IntegerType);
    Column durationMonths = pmod(col("i").multiply(13), lit(48));
    Dataset<Row> frame = spark.createDataFrame(strata, schema)
        .withColumn("i", explode(sequence(lit(1L), functions.round(col("n").multiply(ROWS_PER_ELIGIBLE)).cast(DataTypes.LongType))))
        .select(sha2(concat_ws("|", col("kommunekode"), col("ydelsesgruppe"), col("i").cast(DataTypes.StringType)), 256)
            .as("person_key"), col("kommunekode"), col("ydelsesgruppe"), col("i").leq(col("n")).as("eligible"),
            when(pmod(col("i"), lit(2)).equalTo(0), "K").otherwise("M").as("koen"), age.as("alder"),
            band(survey.ageBands(), age).as("aldersgruppe"), band(survey.durationBands(), durationMonths).as("varighedsgruppe"));
    warehouse.replaceRound(survey.round(), Map.of(Table.POPULATION, frame));
    return warehouse.readRound(Table.POPULATION, survey.round()).count();
  }

  /** The label of the band {@code value} falls in (the Spark form of {@link Band#labelOf}). */
  private static Column band(List<Band> bands, Column value) {
    Column label = lit(null).cast(DataTypes.StringType);
    for (Band band : bands) {
      label = when(value.geq(band.from()), band.label()).otherwise(label);
    }
    return label;
  }
}
