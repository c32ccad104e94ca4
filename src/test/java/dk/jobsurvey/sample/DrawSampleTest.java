package dk.jobsurvey.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.SampleSettings;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.ChildJvm;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stratified selection by permanent random numbers on a made-up eligible population. */
@ExtendWith(SparkTestSession.class)
class DrawSampleTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  /** kommunekode → N per group (dagpenge, sygedagpenge, jobparate, aktivitetsparate). */
  static final Map<String, long[]> STRATA = Map.of(
      "101", new long[] {900, 2100, 1500, 4200},
      "461", new long[] {300, 800, 700, 1600},
      "825", new long[] {12, 30, 25, 35});

  @TempDir
  static Path dir;
  static Warehouse warehouse;
  static List<Row> population = new ArrayList<>();

  @BeforeAll
  static void population(SparkSession spark) {
    SplittableRandom random = new SplittableRandom(3);
    List<String> groups = SURVEY.groups().stream().map(g -> g.id()).toList();
    STRATA.forEach((code, sizes) -> {
      for (int g = 0; g < sizes.length; g++) {
        for (int i = 0; i < sizes[g]; i++) {
          population.add(RowFactory.create(String.format("%016x%016x", random.nextLong(), random.nextLong()), code, groups.get(g), true));
        }
        // ineligible persons of the stratum never enter the sample
        population.add(RowFactory.create(String.format("%032x", random.nextLong()), code, groups.get(g), false));
      }
    });
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    warehouse.replaceRound(SURVEY.round(), Map.of(Table.POPULATION, populationFrame(spark, 1)));
    new DrawSample(SURVEY, warehouse).execute();
  }

  static Dataset<Row> populationFrame(SparkSession spark, int partitions) {
    StructType schema = new StructType().add("person_key", DataTypes.StringType).add("kommunekode", DataTypes.StringType)
        .add("ydelsesgruppe", DataTypes.StringType).add("eligible", DataTypes.BooleanType);
    return spark.createDataFrame(population, schema).repartition(partitions);
  }

  @Test
  void eachStratumHoldsExactlyItsAllocationWithTheSmallestPermanentRandomNumbers() {
    List<Row> allocation = warehouse.readRound(Table.ALLOCATION, SURVEY.round()).collectAsList();
    List<Row> sample = warehouse.readRound(Table.SAMPLE, SURVEY.round()).collectAsList();
    assertThat(allocation).hasSize(12);
    for (Row stratum : allocation) {
      String code = stratum.getAs("kommunekode");
      String group = stratum.getAs("ydelsesgruppe");
      long bigN = stratum.<Long>getAs("N_h");
      long n = stratum.<Long>getAs(DrawSample.SAMPLE_SIZE);
      int g = SURVEY.groups().stream().map(x -> x.id()).toList().indexOf(group);
      assertThat(bigN).isEqualTo(STRATA.get(code)[g]);
      // The expected 95 % margin of error of a 50 % share among the stratum's expected respondents, with the fpc.
      double responses = stratum.<Double>getAs("expected_responses");
      Double marginOfError = stratum.getAs("margin_of_error_95");
      if (responses >= 2) {
        assertThat(marginOfError).isCloseTo(1.959963984540054 * Math.sqrt(Math.max(0, 1 - responses / bigN) * 0.25 / responses),
            org.assertj.core.api.Assertions.within(1e-12));
      } else {
        assertThat(marginOfError).isNull();
      }
      // Independent check: rank the stratum's eligible persons by the PRN computed in plain Java.
      List<String> expected = population.stream()
          .filter(r -> r.getString(1).equals(code) && r.getString(2).equals(group) && r.getBoolean(3))
          .map(r -> r.getString(0))
          .sorted(Comparator.comparingDouble((String key) -> PermanentRandomNumbers.of(SURVEY.sample().seed(), SURVEY.round(), key))
              .thenComparing(Comparator.naturalOrder()))
          .limit(n).sorted().toList();
      List<Row> drawn = sample.stream().filter(r -> r.getAs("kommunekode").equals(code) && r.getAs("ydelsesgruppe").equals(group)).toList();
      assertThat(drawn.stream().map(r -> r.<String>getAs("person_key")).sorted().toList()).as(code + " " + group).isEqualTo(expected);
      for (Row row : drawn) {
        assertThat(row.<Double>getAs("inclusion_probability")).isEqualTo((double) n / bigN);
        assertThat(row.<Double>getAs("design_weight")).isEqualTo((double) bigN / n);
        // The fraction is for reading; the selection sorts by the exact 64-bit integer.
        assertThat(row.<Double>getAs("prn")).isCloseTo(
            PermanentRandomNumbers.of(SURVEY.sample().seed(), SURVEY.round(), row.getAs("person_key")), org.assertj.core.data.Offset.offset(1e-15));
      }
    }
    assertThat(allocation.stream().filter(r -> r.getAs("kommunekode").equals("825")).allMatch(r -> r.<Boolean>getAs("census"))).isTrue();
  }

  @Test
  void anotherSeedGivesAnotherSample(SparkSession spark) {
    SampleSettings s = SURVEY.sample();
    Survey reseeded = new Survey(SURVEY.round(), SURVEY.referenceDates(), SURVEY.ingest(), SURVEY.groups(),
        SURVEY.outOfScopeBenefits(), SURVEY.ageBands(), SURVEY.durationBands(),
        new SampleSettings(s.seed() + 1, s.size(), s.minGroupResponses(), s.minResponses(), s.coordination()),
        SURVEY.fieldwork(), SURVEY.responses(), SURVEY.weighting(), SURVEY.tables(), SURVEY.suppression(), SURVEY.reports(), SURVEY.keys());
    Warehouse other = new Warehouse(spark, dir.resolve("reseeded").toString());
    other.replaceRound(SURVEY.round(), Map.of(Table.POPULATION, populationFrame(spark, 3)));
    new DrawSample(reseeded, other).execute();
    List<String> first = keys(warehouse, "101");
    List<String> second = keys(other, "101");
    assertThat(second).hasSameSizeAs(first).isNotEqualTo(first);
    // a census municipality is the same whatever the seed
    assertThat(keys(other, "825")).isEqualTo(keys(warehouse, "825"));
  }

  @Test
  void coordinationPutsPersonsSampledInEarlierRoundsLast(SparkSession spark) {
    Path folder = dir.resolve("coordinated");
    Warehouse rounds = new Warehouse(spark, folder.toString());
    rounds.replaceRound(SURVEY.round(), Map.of(Table.POPULATION, populationFrame(spark, 2)));
    new DrawSample(SURVEY, rounds).execute();
    SampleSettings s = SURVEY.sample();
    Survey nextRound = SURVEY.withRound("2023Q3");
    Survey coordinated = new Survey("2023Q3", SURVEY.referenceDates(), SURVEY.ingest(), SURVEY.groups(),
        SURVEY.outOfScopeBenefits(), SURVEY.ageBands(), SURVEY.durationBands(),
        new SampleSettings(s.seed(), s.size(), s.minGroupResponses(), s.minResponses(),
            new SampleSettings.Coordination(true, List.of(SURVEY.round()))),
        SURVEY.fieldwork(), SURVEY.responses(), SURVEY.weighting(), SURVEY.tables(), SURVEY.suppression(), SURVEY.reports(), SURVEY.keys());
    rounds.replaceRound("2023Q3", Map.of(Table.POPULATION, populationFrame(spark, 2)));
    new DrawSample(nextRound, rounds).execute();
    long overlapWithout = overlap(rounds);
    new DrawSample(coordinated, rounds).execute();
    long overlapWith = overlap(rounds);
    // Municipality 101 samples about a quarter of each stratum: independent rounds overlap by
    // chance, coordinated rounds not at all.
    assertThat(overlapWithout).isPositive();
    assertThat(overlapWith).isZero();
  }

  private static long overlap(Warehouse warehouse) {
    Dataset<Row> first = warehouse.readRound(Table.SAMPLE, SURVEY.round()).where("kommunekode = '101'").select("person_key");
    Dataset<Row> second = warehouse.readRound(Table.SAMPLE, "2023Q3").where("kommunekode = '101'").select("person_key");
    return first.intersect(second).count();
  }

  static List<String> keys(Warehouse warehouse, String code) {
    return warehouse.readRound(Table.SAMPLE, SURVEY.round()).where("kommunekode = '" + code + "'")
        .select("person_key").orderBy("person_key").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /**
   * The same sample on local[1] with 7 shuffle partitions and the population in 5 partitions, run
   * in a separate JVM through the job launcher, as on local[2] here.
   */
  @Test
  void sampleDoesNotDependOnClusterSizeOrPartitioning(SparkSession spark) throws Exception {
    Path otherWarehouse = dir.resolve("local1");
    new Warehouse(spark, otherWarehouse.toString()).replaceRound(SURVEY.round(), Map.of(Table.POPULATION, populationFrame(spark, 5)));
    Path log = dir.resolve("local1.log");
    List<String> command = ChildJvm.launcher(
        List.of("-Dspark.master=local[1]", "-Dspark.sql.shuffle.partitions=7", "-Dspark.ui.enabled=false"),
        List.of("sample", "--config", TestFiles.surveyConfig().toString(), "--questionnaire",
            TestFiles.questionnaireConfig().toString(), "--warehouse", otherWarehouse.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    Warehouse local1 = new Warehouse(spark, otherWarehouse.toString());
    Map<String, List<String>> here = new HashMap<>();
    Map<String, List<String>> there = new HashMap<>();
    for (String code : STRATA.keySet()) {
      here.put(code, keys(warehouse, code));
      there.put(code, keys(local1, code));
    }
    assertThat(there).isEqualTo(here);
    assertThat(local1.readRound(Table.RUN_LOG, SURVEY.round()).select("seed").head().getLong(0)).isEqualTo(SURVEY.sample().seed());
    assertThat(new File(otherWarehouse.toFile(), "analysis/run_log")).exists();
  }
}
