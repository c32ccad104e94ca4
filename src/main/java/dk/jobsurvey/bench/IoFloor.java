package dk.jobsurvey.bench;

import dk.jobsurvey.config.IngestSettings.CsvSettings;
import dk.jobsurvey.files.SourceFile;
import dk.jobsurvey.files.TabularFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The I/O floor of a step: reading what it reads and writing what it writes, with nothing computed
 * in between. Files are read with the readers ingest uses; rows become JSON text, so tables and
 * files of any columns can be written alike.
 */
final class IoFloor {
  private final SparkSession spark;

  IoFloor(SparkSession spark) {
    this.spark = spark;
  }

  /** Every readable file under {@code folder}, as rows of JSON text. */
  Dataset<Row> files(CsvSettings csv, Path folder) throws IOException {
    TabularFileReader reader = new TabularFileReader(spark, csv);
    Dataset<Row> union = null;
    for (SourceFile file : TabularFileReader.discover(spark, folder.toString())) {
      var cells = reader.read(file).cells();
      if (cells.isPresent()) {
        union = union(union, cells.get());
      }
    }
    return union;
  }

  /** The rows of several tables (or reads), as JSON text. */
  Dataset<Row> union(List<Dataset<Row>> reads) {
    Dataset<Row> union = null;
    for (Dataset<Row> read : reads) {
      union = union(union, read);
    }
    return union;
  }

  /** Reads the rows into Spark's no-op sink. */
  void read(Dataset<Row> rows) {
    rows.write().format("noop").mode(SaveMode.Overwrite).save();
  }

  /** Writes the rows to a Delta table at {@code table} (replacing it); returns how many there were. */
  long write(Dataset<Row> rows, Path table) {
    rows.write().format("delta").mode(SaveMode.Overwrite).save(table.toString());
    return spark.read().format("delta").load(table.toString()).count();
  }

  /** Rows as JSON text, so reads with different columns can be unioned. */
  Dataset<Row> union(Dataset<Row> union, Dataset<Row> read) {
    Dataset<Row> rows = read.select(functions.to_json(functions.struct(functions.col("*"))).as("row"));
    return union == null ? rows : union.union(rows);
  }
}
