package dk.jobsurvey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight check on a good and on a bad extract of the header corpus: its exit code, the
 * Danish data-quality workbook it writes, and a warehouse that is not touched (not even created).
 */
@ExtendWith(SparkTestSession.class)
class CheckExtractJobTest {
  private static final Path CORPUS = TestFiles.projectDir().resolve("src/test/resources/header-variants");

  record Run(int exit, String output) {}

  static Run check(Path dir, String file) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    int exit = Launcher.run(new String[] {"check-extract", "--config", TestFiles.surveyConfig().toString(), "--warehouse",
        dir.resolve("warehouse").toString(), "--input", CORPUS.resolve(file).toString(), "--out", dir.resolve("out").toString()},
        out, out);
    return new Run(exit, printed.toString(StandardCharsets.UTF_8));
  }

  /**
   * Also: every Spark job the run starts carries the job's name as its group and description (what
   * the Spark UI and the event log show), and a Spark job after the run no longer does.
   */
  @Test
  void aGoodFileExitsZeroAndGetsItsWorkbookAndNoWarehouseIsWritten(SparkSession spark, @TempDir Path dir) throws Exception {
    List<String> groups = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        groups.add(jobStart.properties().getProperty("spark.jobGroup.id") + " | "
            + jobStart.properties().getProperty("spark.job.description"));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    Run good;
    try {
      good = check(dir, "total_line_825.xlsx");
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(groups).as("the run's Spark jobs").isNotEmpty().containsOnly("jobsurvey check-extract | jobsurvey check-extract");
      groups.clear();
      spark.range(3).count();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(groups).as("a Spark job after the run").containsOnly("null | null");
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertThat(good.exit()).as(good.output()).isZero();
    assertThat(good.output()).contains("825", "1 row(s) would be quarantined", "no warehouse was written");
    List<Path> workbooks;
    try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
      workbooks = files.filter(f -> f.toString().endsWith(".xlsx")).toList();
    }
    assertThat(workbooks).singleElement().satisfies(w -> assertThat(w.getFileName().toString()).startsWith("datakvalitet_825"));
    try (InputStream in = Files.newInputStream(workbooks.get(0)); Workbook workbook = WorkbookFactory.create(in)) {
      assertThat(workbook.getSheet("Oversigt")).isNotNull();
      assertThat(workbook.getSheet("Problemrækker").getRow(1).getCell(0).getStringCellValue()).isEqualTo("total_line_825.xlsx");
    }
    assertThat(dir.resolve("warehouse")).doesNotExist();
  }

  @Test
  void aBadFileExitsThreeWithTheReasonAndNoWarehouseIsWritten(@TempDir Path dir) {
    Run bad = check(dir, "ambiguous_pair_825.csv");
    assertThat(bad.exit()).as(bad.output()).isEqualTo(IngestJob.EXIT_FILES_REJECTED);
    assertThat(bad.output()).contains("both 'Telefon' and 'Mobilnr' fit the column telefon").doesNotContain("\tat ");
    assertThat(dir.resolve("warehouse")).doesNotExist();
  }
}
