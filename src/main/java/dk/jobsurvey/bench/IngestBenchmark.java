package dk.jobsurvey.bench;

import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.SourceFile;
import dk.jobsurvey.files.TabularFileReader;
import dk.jobsurvey.ingest.IngestExtracts;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest against its I/O floor, per file type: the floor is a plain read of the same files with the
 * readers ingest uses ({@link TabularFileReader}) written to a Delta table with no validation; the
 * ingest is the real step. The .xlsx files are also read plainly through spark-excel's data
 * source, the reader ingest does not use, to show why. The extracts are split into an .xlsx and a
 * .csv folder (links, not copies) so each type is measured on its own, then ingested together.
 */
public final class IngestBenchmark {
  private final SparkSession spark;
  private final Survey survey;
  private final byte[] key;

  public IngestBenchmark(SparkSession spark, Survey survey, byte[] key) {
    this.spark = spark;
    this.survey = survey;
    this.key = key.clone();
  }

  public BenchmarkReport run(Path extracts, Path work) throws Exception {
    BenchmarkReport report = new BenchmarkReport("ingest of " + extracts.getFileName());
    List<SourceFile> files = TabularFileReader.discover(spark, extracts.toString());
    Path xlsx = linkFiles(files, ".xlsx", work.resolve("xlsx"));
    Path csv = linkFiles(files, ".csv", work.resolve("csv"));
    long xlsxFloor = report.time("I/O floor, .xlsx (plain read + Delta write)", () -> floor(xlsx, work.resolve("floor-xlsx"))).rows();
    long csvFloor = report.time("I/O floor, .csv (plain read + Delta write)", () -> floor(csv, work.resolve("floor-csv"))).rows();
    report.time(".xlsx through spark-excel's data source (plain read + Delta write)", () -> sparkExcelRead(xlsx, work.resolve("spark-excel")));
    report.time("ingest, .xlsx only", () -> ingest(xlsx, work.resolve("warehouse-xlsx")));
    report.time("ingest, .csv only", () -> ingest(csv, work.resolve("warehouse-csv")));
    var all = report.time("ingest, all files", () -> ingest(extracts, work.resolve("warehouse-all")));
    if (all.rows() != xlsxFloor + csvFloor) {
      report.note("rows differ between floor (" + (xlsxFloor + csvFloor) + ") and ingest (" + all.rows() + ")");
    }
    return report;
  }

  private long floor(Path folder, Path table) throws IOException {
    IoFloor io = new IoFloor(spark);
    return io.write(io.files(survey.ingest().csv(), folder), table);
  }

  private long sparkExcelRead(Path folder, Path table) throws IOException {
    IoFloor io = new IoFloor(spark);
    Dataset<Row> union = null;
    for (SourceFile file : TabularFileReader.discover(spark, folder.toString())) {
      union = io.union(union, spark.read().format("excel").option("header", "true").option("maxRowsInMemory", "1000").load(file.path()));
    }
    return io.write(union, table);
  }

  private long ingest(Path folder, Path warehouseDir) throws IOException {
    IngestExtracts.Result result = new IngestExtracts(survey, new Warehouse(spark, warehouseDir.toString()), key, folder.toString())
        .execute();
    return result.dataQuality().stream().mapToLong(r -> r.<Long>getAs("rows_read")).sum();
  }

  private static Path linkFiles(List<SourceFile> files, String extension, Path folder) throws IOException {
    Files.createDirectories(folder);
    for (SourceFile file : files) {
      if (file.name().endsWith(extension)) {
        Path link = folder.resolve(Path.of(file.name()).getFileName());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(new org.apache.hadoop.fs.Path(file.path()).toUri()));
      }
    }
    return folder;
  }
}
