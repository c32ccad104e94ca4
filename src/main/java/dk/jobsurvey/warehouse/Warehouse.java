package dk.jobsurvey.warehouse;

import dk.jobsurvey.config.SurveyRound;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one place that knows where tables live and how they are written. Every table is a Delta
 * table at {@code <root>/<zone>/<table>}, partitioned by {@code survey_round}; a step replaces its
 * round's rows with {@code replaceWhere} and leaves other rounds alone.
 *
 * <p>{@link #replaceRound} writes several tables of one step as one unit as far as Delta allows:
 * each table commit is atomic, and if a later table fails, the tables already written are restored
 * to the version they had before the step (new tables are removed), so a failed step leaves the
 * warehouse as it was.
 */
public final class Warehouse {
  private static final Logger LOG = LogManager.getLogger(Warehouse.class);
  public static final String ROUND_COLUMN = "survey_round";
  private static final FsPermission OWNER_ONLY_FOLDER = new FsPermission((short) 0700);
  private static final FsPermission OWNER_ONLY_FILE = new FsPermission((short) 0600);

  private final SparkSession spark;
  private final Path root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    Path path = new Path(root);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse " + root, e);
    }
  }

  public SparkSession spark() {
    return spark;
  }

  /** Location of a table. */
  public String location(Table table) {
    return new Path(new Path(root, table.zone().folder()), table.tableName()).toString();
  }

  /** A folder under a zone for files that are not tables (e.g. restricted/outbox/2023Q2/461). */
  public Path folder(Zone zone, String... parts) {
    Path path = new Path(root, zone.folder());
    for (String part : parts) {
      path = new Path(path, part);
    }
    return path;
  }

  public FileSystem fileSystem() {
    try {
      return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean exists(Table table) {
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  /** All rounds of a table. */
  public Dataset<Row> read(Table table) {
    return spark.read().format("delta").load(location(table));
  }

  /** One round of a table. */
  public Dataset<Row> readRound(Table table, String round) {
    SurveyRound.requireValid(round);
    return read(table).where(functions.col(ROUND_COLUMN).equalTo(round));
  }

  /**
   * Replaces {@code round}'s rows in each table with the given rows (which must not yet hold the
   * round column; it is added). All or nothing: see the class comment.
   */
  public void replaceRound(String round, Map<Table, Dataset<Row>> tables) {
    replaceRound(round, tables, Map.of());
  }

  /**
   * As {@link #replaceRound(String, Map)}, but in the tables named in {@code scopes} only the round's
   * rows that also match the scope (an SQL condition the new rows satisfy, e.g. {@code step = 'ingest'})
   * are replaced: for a table that several steps write.
   */
  public void replaceRound(String round, Map<Table, Dataset<Row>> tables, Map<Table, String> scopes) {
    SurveyRound.requireValid(round);
    Map<Table, Long> versionsBefore = new LinkedHashMap<>();
    for (Table table : tables.keySet()) {
      versionsBefore.put(table, exists(table) ? currentVersion(table) : null);
    }
    List<Table> written = new ArrayList<>();
    try {
      for (Map.Entry<Table, Dataset<Row>> entry : tables.entrySet()) {
        long started = System.nanoTime();
        write(entry.getKey(), round, entry.getValue(), scopes.get(entry.getKey()));
        written.add(entry.getKey());
        LOG.info("wrote {} for {} in {} s", location(entry.getKey()), round,
            String.format("%.1f", (System.nanoTime() - started) / 1e9));
      }
    } catch (RuntimeException e) {
      LOG.error("Writing round {} failed at {}; restoring {}", round,
          tables.keySet().stream().filter(t -> !written.contains(t)).findFirst().orElse(null), written);
      for (Table table : written) {
        restore(table, versionsBefore.get(table));
      }
      throw e;
    }
  }

  /**
   * Merges {@code rows} into the round's rows of a table by {@code keys}: a row whose key is new is
   * inserted; a row whose key exists replaces it when {@code replaceWhen} (SQL over {@code s.} source
   * and {@code t.} target columns) holds, else leaves it. The table is created if missing. Rows must
   * not hold the round column (it is added); sources must hold each key once.
   */
  public void mergeRound(Table table, String round, Dataset<Row> rows, List<String> keys, String replaceWhen) {
    SurveyRound.requireValid(round);
    Dataset<Row> source = rows.withColumn(ROUND_COLUMN, functions.lit(round));
    IdentifierColumns.requireAllowed(table, source.schema());
    if (!exists(table)) {
      writer(table, source.limit(0)).save(location(table));
    }
    StringBuilder on = new StringBuilder("t." + ROUND_COLUMN + " = '" + round + "'");
    keys.forEach(key -> on.append(" AND t.").append(key).append(" = s.").append(key));
    var merge = DeltaTable.forPath(spark, location(table)).as("t").merge(source.as("s"), on.toString());
    (replaceWhen == null ? merge : merge.whenMatched(replaceWhen).updateAll()).whenNotMatched().insertAll().execute();
    written(table);
  }

  /** Adds rows to a table that keeps history (the run log), tagged with the round. */
  public void append(Table table, String round, Dataset<Row> rows) {
    SurveyRound.requireValid(round);
    writer(table, rows.withColumn(ROUND_COLUMN, functions.lit(round)))
        .mode(SaveMode.Append)
        .save(location(table));
    written(table);
  }

  private void write(Table table, String round, Dataset<Row> rows, String scope) {
    String replaced = ROUND_COLUMN + " = '" + round + "'" + (scope == null ? "" : " AND " + scope);
    writer(table, rows.withColumn(ROUND_COLUMN, functions.lit(round)))
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", replaced)
        // A newer version of a step may add columns; older rounds then read them as null.
        .option("mergeSchema", "true")
        .save(location(table));
    written(table);
  }

  /**
   * Every write of a table goes through here. Identifier columns are refused outside restricted/
   * ({@link IdentifierColumns}). Restricted tables are created without column statistics: Delta
   * would otherwise keep each file's smallest and largest CPR number, name and phone in its
   * transaction log, which no vacuum removes.
   */
  private DataFrameWriter<Row> writer(Table table, Dataset<Row> rows) {
    IdentifierColumns.requireAllowed(table, rows.schema());
    DataFrameWriter<Row> writer = rows.write().format("delta").partitionBy(ROUND_COLUMN);
    return table.zone() == Zone.RESTRICTED ? writer.option("delta.dataSkippingNumIndexedCols", "0") : writer;
  }

  private void written(Table table) {
    if (table.zone() == Zone.RESTRICTED) {
      ownerOnly(new Path(location(table)));
    }
  }

  /**
   * On a local file system, makes restricted/ and everything under {@code path} (a folder or file
   * in it) owner-only: folders 700, files 600. Other file systems keep their own access control.
   */
  public void ownerOnly(Path path) {
    FileSystem fs = fileSystem();
    if (!(fs instanceof LocalFileSystem)) {
      return;
    }
    try {
      // The folders from restricted/ down to the path (e.g. outbox/2023Q2 above a municipality's folder).
      Path restricted = fs.makeQualified(new Path(root, Zone.RESTRICTED.folder()));
      for (Path folder = fs.makeQualified(path).getParent(); folder != null && folder.toString().startsWith(restricted.toString());
          folder = folder.getParent()) {
        fs.setPermission(folder, OWNER_ONLY_FOLDER);
      }
      if (fs.exists(path)) {
        ownerOnly(fs, fs.getFileStatus(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make " + path + " owner-only", e);
    }
  }

  private static void ownerOnly(FileSystem fs, FileStatus status) throws IOException {
    if (status.isDirectory()) {
      fs.setPermission(status.getPath(), OWNER_ONLY_FOLDER);
      for (FileStatus child : fs.listStatus(status.getPath())) {
        ownerOnly(fs, child);
      }
    } else {
      fs.setPermission(status.getPath(), OWNER_ONLY_FILE);
    }
  }

  private long currentVersion(Table table) {
    return DeltaTable.forPath(spark, location(table)).history(1).select("version").head().getLong(0);
  }

  private void restore(Table table, Long version) {
    try {
      if (version == null) {
        fileSystem().delete(new Path(location(table)), true);
      } else {
        DeltaTable.forPath(spark, location(table)).restoreToVersion(version);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not restore {} to its version before the failed step ({}); restore it by hand", table, version, e);
    }
  }
}
