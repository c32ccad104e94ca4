package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
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

  /** Response probability: 8.6 % at 18 rising to 20 % at 66, about 14 % of the eligible. */
  static final double RESPONSE_AT_18 = 0.086;
  static final double RESPONSE_PER_YEAR = (0.20 - RESPONSE_AT_18) / 48;

  /**
   * Writes analysis/responses for the frame: respondents drawn from the eligible by a hash of
   * person_key, more among the old than the young (so raking has work to do), each answering the
   * {@code items} 1-5 by other bytes of the hash, 5 % of answers missing, and each free-text item
   * ({@code <id>_text}) one of a few sentences or nothing, all submitted in week 38. Returns the
   * respondents.
   */
  /** The benchmark's free texts: a handful of sentences, so terms and pairs recur. */
  private static final List<String> TEXTS = List.of("Min sagsbehandler var god og lyttede", "For lang tid mellem samtalerne",
      "Kurset gav mig nye kompetencer", "Jeg savner konkrete jobtilbud", "Mødet var godt forberedt",
      "For mange skemaer og for lidt hjælp", "Sagsbehandleren forstod min situation");

  static long writeRespondents(Survey survey, List<String> items, List<String> freeTextItems, Warehouse warehouse) {
    Column hash = sha2(col("person_key"), 256);
    Column probability = lit(RESPONSE_AT_18).plus(col("alder").minus(18).multiply(RESPONSE_PER_YEAR));
    List<Column> columns = new ArrayList<>(List.of(col("person_key"), lit(true).as("is_respondent"),
        lit(java.sql.Timestamp.valueOf("2023-09-20 10:00:00")).as("submitted_at")));
    for (int i = 0; i < items.size(); i++) {
      Column draw = conv(substring(hash, 9 + 2 * i, 2), 16, 10).cast(DataTypes.IntegerType);
      columns.add(when(pmod(draw, lit(20)).equalTo(0), lit(null)).otherwise(pmod(draw, lit(5)).plus(1))
          .cast(DataTypes.IntegerType).as(items.get(i)));
    }
    for (int t = 0; t < freeTextItems.size(); t++) {
      Column draw = conv(substring(hash, 41 + 2 * t, 2), 16, 10).cast(DataTypes.IntegerType);
      Column sentences = org.apache.spark.sql.functions.array(TEXTS.stream().map(org.apache.spark.sql.functions::lit)
          .toArray(Column[]::new));
      columns.add(when(pmod(draw, lit(3)).equalTo(0), org.apache.spark.sql.functions.element_at(sentences,
          pmod(draw, lit(TEXTS.size())).plus(1))).as(freeTextItems.get(t) + "_text"));
    }
    Column uniform = conv(substring(hash, 1, 8), 16, 10).cast(DataTypes.DoubleType).divide(4294967296.0);
    warehouse.replaceRound(survey.round(), Map.of(Table.RESPONSES, warehouse.readRound(Table.POPULATION, survey.round())
        .where(col("eligible").and(uniform.lt(probability))).select(columns.toArray(Column[]::new))));
    return warehouse.readRound(Table.RESPONSES, survey.round()).count();
  }
}
