package dk.jobsurvey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.ChildJvm;
import dk.jobsurvey.support.StandaloneCluster;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path (issue [H]): the cluster jar, submitted with spark-submit from a stock Spark 3.5
 * installation, runs the pipeline on a standalone cluster (a master and two workers, separate JVMs on
 * 127.0.0.1) and gives the same sample, weights and published tables as the pipeline on local[2]. While the
 * cluster pipeline runs, a second pipeline for the same warehouse and round fails fast.
 *
 * <p>The Spark installation is the class path of spark-sql and spark-mllib 3.5.6
 * (src/it/spark-distribution/pom.xml), linked into a Spark home's jars folder: nothing of jobsurvey's
 * own dependencies is on it, so the cluster jar has to bring them, to the driver and the executors.
 */
@ExtendWith(SparkTestSession.class)
class ClusterIT {
  private static final String SPARK_SUBMIT = "org.apache.spark.deploy.SparkSubmit";

  @Test
  void theClusterJarGivesTheSameTablesOnAStandaloneClusterAsOnLocal(SparkSession spark, @TempDir Path dir) throws Exception {
    Path sparkHome = sparkHome(dir.resolve("spark-home"));
    Path config = TestFiles.surveyConfigWithTestKeysIn(dir, "ClusterIT");
    assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, System.out, System.err)).isZero();
    Survey survey = ConfigLoader.survey(config);
    ExtractGenerator.generate(ExtractGenerator.select("825,563,482"),
        new ExtractGenerator.Settings(11, 1, 0.0, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    String input = dir.resolve("extracts").toString();
    Path local = dir.resolve("warehouse-local");
    Path cluster = dir.resolve("warehouse-cluster");

    // The reference, in this JVM on local[2] (a new JVM through spark-submit would only repeat the
    // start-up): fieldwork starts, the survey tool's export comes back, the pipeline finishes.
    assertThat(PipelineJobTest.pipeline(config, local, "--input", input).exit()).isZero();
    ResponseSimulator.write(new Warehouse(spark, local.toString()), survey.round(), TestFiles.questionnaire(survey.round()), 5, 38, dir.resolve("exports"));
    String exports = dir.resolve("exports").toString();
    assertThat(PipelineJobTest.pipeline(config, local, "--input", input, "--responses", exports).exit()).isZero();

    // The same jar and inputs on the cluster, in one go. Meanwhile a second pipeline for the same
    // warehouse and round fails fast, and the first completes.
    try (StandaloneCluster standalone = new StandaloneCluster(sparkHome, dir.resolve("cluster"), 2, 1)) {
      Submitted first = start(sparkHome, dir, standalone.masterUrl(), cluster, "--input", input, "--responses", exports);
      PipelineJobTest.awaitLine(first.driver(), first.log(), "== ingest ==");
      PipelineJobTest.Run second = PipelineJobTest.pipeline(config, cluster, "--input", input, "--responses", exports);
      assertThat(second.exit()).as(second.output()).isEqualTo(PipelineJob.EXIT_LOCKED);
      assertThat(second.output()).contains("another pipeline is running for round " + survey.round());
      String output = first.finish();
      assertThat(output).contains("== report: succeeded");
      // The work ran in executors on both workers, not in the driver.
      List<Path> executors = standalone.executorLogs();
      assertThat(executors.stream().map(log -> log.toString().contains("worker-1-work") ? 1 : 2).distinct()).hasSize(2);
      for (Path log : executors) {
        assertThat(Files.readString(log)).contains("Finished task");
      }
    }

    Warehouse onLocal = new Warehouse(spark, local.toString());
    Warehouse onCluster = new Warehouse(spark, cluster.toString());
    for (Table table : List.of(Table.POPULATION, Table.SAMPLE, Table.WEIGHTS, Table.ESTIMATES, Table.RESPONSE_RATES, Table.FREE_TEXT_TERMS)) {
      List<String> expected = TableText.rows(onLocal.readRound(table, survey.round()));
      assertThat(expected).as(table.tableName()).isNotEmpty();
      assertThat(TableText.rows(onCluster.readRound(table, survey.round())))
          .as(table.tableName()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** A pipeline submitted as a stock spark-submit would: the installation's jars, then the cluster jar. */
  private record Submitted(String master, Process driver, Path log) {
    /** Waits for the driver (at most 15 minutes), checks it succeeded and returns what it printed. */
    String finish() throws Exception {
      if (!driver.waitFor(15, TimeUnit.MINUTES)) {
        driver.destroyForcibly().waitFor();
      }
      String output = Files.readString(log);
      assertThat(driver.exitValue()).as("spark-submit --master %s:%n%s", master, output).isZero();
      return output;
    }
  }

  private static Submitted start(Path sparkHome, Path dir, String master, Path warehouse, String... more) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--master", master, "--class", "dk.jobsurvey.jobs.Launcher",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
        System.getProperty("jobsurvey.cluster.jar"),
        "pipeline", "--config", dir.resolve("survey.yaml").toString(), "--questionnaire", TestFiles.questionnaireConfig().toString(),
        "--warehouse", warehouse.toString()));
    arguments.addAll(List.of(more));
    Path log = Files.createTempFile(dir, "submit-", ".log");
    Process driver = new ProcessBuilder(ChildJvm.java(List.of("-Xmx2g"), sparkHome.resolve("jars") + "/*", SPARK_SUBMIT, arguments))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Submitted(master, driver, log);
  }

  /** A Spark home whose jars folder links the jars of a stock installation (resolved by Maven). */
  private static Path sparkHome(Path home) throws Exception {
    Path classPath = home.resolve("classpath.txt");
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<String> maven = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-q", "-B",
        "-f", TestFiles.projectDir().resolve("src/it/spark-distribution/pom.xml").toString(),
        "dependency:build-classpath", "-Dmdep.outputFile=" + classPath));
    Process resolve = new ProcessBuilder(maven).redirectErrorStream(true).redirectOutput(home.resolve("maven.log").toFile()).start();
    assertThat(resolve.waitFor(10, TimeUnit.MINUTES) && resolve.exitValue() == 0)
        .as("resolving the Spark installation:%n%s", Files.readString(home.resolve("maven.log"))).isTrue();
    for (String jar : Files.readString(classPath).strip().split(java.io.File.pathSeparator)) {
      Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
    }
    return home;
  }
}
