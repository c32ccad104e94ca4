package dk.jobsurvey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pipelines of different rounds started together on a fresh warehouse: both create the same
 * tables at the same moment (Delta lets only one writer create a table), and both must complete,
 * each with its own round's rows, instead of one ending in a concurrent-modification stack trace.
 */
@ExtendWith(SparkTestSession.class)
class ConcurrentRoundsTest {

  @Test
  void twoRoundsOnAFreshWarehouseBothComplete(SparkSession spark, @TempDir Path dir) throws Exception {
    Path config = TestFiles.surveyConfigWithTestKeysIn(dir, "ConcurrentRoundsTest");
    assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, System.out, System.err)).isZero();
    Survey survey = ConfigLoader.survey(config);
    List<String> rounds = List.of("2023Q2", "2024Q2");
    for (String round : rounds) {
      ExtractGenerator.generate(ExtractGenerator.select("825,563"),
          new ExtractGenerator.Settings(round.hashCode(), 1, 0.0, round, survey.referenceDates()), dir.resolve(round));
    }
    Path warehouse = dir.resolve("warehouse");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String[]>> runs = new ArrayList<>();
    for (String round : rounds) {
      Callable<String[]> pipeline = () -> {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = Launcher.run(new String[] {"pipeline", "--config", config.toString(), "--questionnaire",
            TestFiles.questionnaireConfig().toString(), "--round", round, "--warehouse", warehouse.toString(), "--input",
            dir.resolve(round).toString()}, out, out);
        return new String[] {String.valueOf(exit), printed.toString(StandardCharsets.UTF_8)};
      };
      runs.add(pool.submit(pipeline));
    }
    for (Future<String[]> run : runs) {
      String[] result = run.get();
      assertThat(result[0]).as(result[1]).isEqualTo("0");
      assertThat(result[1]).doesNotContain("\tat ");
    }
    pool.shutdown();
    Warehouse tables = new Warehouse(spark, warehouse.toString());
    for (String round : rounds) {
      assertThat(tables.readRound(Table.POPULATION, round).count()).as("population of %s", round).isPositive();
      assertThat(tables.readRound(Table.CONTACTS, round).count()).as("contacts of %s", round).isPositive();
    }
  }
}
