package dk.jobsurvey.warehouse;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.SurveyRound;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The one place that knows where tables live and how they are written. Every table is a Delta
 * table at {@code <root>/<zone>/<table>}, partitioned by {@code survey_round}; a step replaces its
 * round's rows with {@code replaceWhere} and leaves other rounds alone.
 *
 * <p>A step that writes several tables (and files) runs them inside {@link #allOrNothing}: each
 * Delta commit is atomic, and when anything in the step fails, for whatever reason (Spark, I/O, a
 * full disk, a permission, an Error), every table the step named is restored to the version it had
 * before the step (RESTORE; a table the step created is removed) and staged files are discarded,
 * so a failed step leaves the warehouse as it was. A reader that looks while the step runs may see
 * the tables already committed next to the ones not yet written, and after a failure, until the
 * restore commits, the step's partial result; the run log says which steps completed.
 *
 * <p>Every write outside restricted/ passes two gates: no identifier column ({@link
 * IdentifierColumns}) and no identifier-looking value ({@link IdentifierValues}).
 */
public final class Warehouse {
  private static final Logger LOG = LogManager.getLogger(Warehouse.class);
  public static final String ROUND_COLUMN = "survey_round";
  private static final FsPermission OWNER_ONLY_FOLDER = new FsPermission((short) 0700);
  /** The folder under restricted/ where steps stage their files: as private as their targets. */
  public static final String STAGING = "staging";
  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

  private final SparkSession spark;
  private final Path root;
  /** The step under way; null outside a step. */
  private OpenStep openStep;
  /** {@link #deliverables()} on a local disk, made on first use. */
  private FileSystem localDeliverables;

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

  /** The folder under restricted/ that holds the outbox of every round. */
  public static final String OUTBOX = "outbox";

  /**
   * A municipality's outbox for a round, restricted/outbox/ROUND/KOMMUNEKODE: built only from a
   * valid round and one of the 98 codes, so no value from an extract can name a folder.
   */
  public Path outbox(String round, String kommunekode) {
    SurveyRound.requireValid(round);
    if (!Municipalities.isKnown(kommunekode)) {
      throw new IllegalArgumentException("Not a municipality code; no outbox folder is made for it");
    }
    return folder(Zone.RESTRICTED, OUTBOX, round, kommunekode);
  }

  /** The outbox of a round, restricted/outbox/ROUND. */
  public Path outbox(String round) {
    SurveyRound.requireValid(round);
    return folder(Zone.RESTRICTED, OUTBOX, round);
  }

  /** The folder under published/ that holds the reports of every round. */
  public static final String REPORTS = "reports";

  /** The reports of a round, published/reports/ROUND. */
  public Path reports(String round) {
    SurveyRound.requireValid(round);
    return folder(Zone.PUBLISHED, REPORTS, round);
  }

  /** A folder under a zone for files that are not tables (e.g. published/reports/2023Q2). */
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

  /**
   * The file system a step writes the files it hands over with (outbox files, workbooks, reports):
   * on a local disk without Hadoop's {@code .name.crc} checksum file beside each, which would be
   * sent along with them; elsewhere the warehouse's own.
   */
  public FileSystem deliverables() {
    FileSystem fs = fileSystem();
    if (!(fs instanceof LocalFileSystem local)) {
      return fs;
    }
    synchronized (this) {
      if (localDeliverables == null) {
        try {
          LocalPermissions.RawFileSystem raw = new LocalPermissions.RawFileSystem();
          raw.initialize(local.getRawFileSystem().getUri(), spark.sparkContext().hadoopConfiguration());
          localDeliverables = raw;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return localDeliverables;
    }
  }

  public boolean exists(Table table) {
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  /**
   * All rounds of a table. A table no step has written yet is a {@link MissingTableException} that
   * names the job to run first (a stage called from a notebook out of order), not Delta's error.
   */
  public Dataset<Row> read(Table table) {
    try {
      return spark.read().format("delta").load(location(table));
    } catch (Exception e) {
      // Delta's AnalysisException (undeclared, from Scala) when the path holds no table.
      if (!exists(table)) {
        throw new MissingTableException(table, root);
      }
      throw e;
    }
  }

  /**
   * Refuses a stage's start when {@code table} holds no rows for {@code round}: the step that writes
   * it has not run for the round. The {@link MissingTableException} names that step.
   */
  public void requireRound(Table table, String round) {
    if (readRound(table, round).isEmpty()) {
      throw new MissingTableException(table, root, round);
    }
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
    SurveyRound.requireValid(round);
    allOrNothing(tables.keySet(), () -> {
      for (Map.Entry<Table, Dataset<Row>> entry : tables.entrySet()) {
        write(entry.getKey(), round, entry.getValue());
      }
      return null;
    });
  }

  /** The work of a step: table writes through this warehouse, and files staged with {@link #stage}. */
  @FunctionalInterface
  public interface StepWork<T> {
    T run() throws Exception;
  }

  /**
   * Runs a step's writes as one unit (see the class comment): on any failure every table in {@code
   * tables} is restored to its version before the step, staged files are discarded, and the
   * failure is thrown on. When the work succeeds, the staged files are moved into place. Nested
   * calls join the outermost one, which alone restores and moves.
   */
  public <T> T allOrNothing(Collection<Table> tables, StepWork<T> work) {
    if (openStep != null) {
      for (Table table : tables) {
        openStep.versionsBefore().computeIfAbsent(table, this::versionOrNull);
      }
      return run(work);
    }
    openStep = new OpenStep(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), folder(Zone.RESTRICTED, STAGING, WorkFolder.currentId().orElse("no-run"), UUID.randomUUID().toString()));
    OpenStep step = openStep;
    for (Table table : tables) {
      step.versionsBefore().put(table, versionOrNull(table));
    }
    long started = System.currentTimeMillis();
    try {
      T result = run(work);
      StagedFiles.moveIntoPlace(fileSystem(), step.staged());
      StagedFiles.removeOthers(deliverables(), step.replacedFolders(), step.staged());
      String restricted = new Path(root, Zone.RESTRICTED.folder()).toString();
      step.staged().stream().map(StagedFiles.Staged::target).filter(t -> t.toString().startsWith(restricted + "/"))
          .forEach(this::ownerOnly);
      return result;
    } catch (RuntimeException | Error e) {
      // Room first: on a full disk the RESTORE commits themselves need a few kilobytes.
      removeStagingFolder(step);
      removeFilesOfFailedWrites(step.versionsBefore(), started);
      restore(step.versionsBefore(), e);
      throw e;
    } finally {
      openStep = null;
      removeStagingFolder(step);
    }
  }

  private void removeStagingFolder(OpenStep step) {
    try {
      fileSystem().delete(step.stagingFolder(), true);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not remove the staging folder {}", step.stagingFolder(), e);
    }
  }

  /**
   * Deletes the data files the failed step wrote, before its tables are restored: files made since
   * the step began that the version before the step does not use. On a full disk this is what makes
   * room for the RESTORE commits. (Should a RESTORE still fail, the message says how to restore by
   * hand; the version before the step keeps all its files.)
   */
  private void removeFilesOfFailedWrites(Map<Table, Long> versionsBefore, long since) {
    FileSystem fs = fileSystem();
    for (Map.Entry<Table, Long> entry : versionsBefore.entrySet()) {
      Table table = entry.getKey();
      try {
        if (entry.getValue() == null || !exists(table)) {
          continue; // a table the step created is removed whole by the restore
        }
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (String file : spark.read().format("delta").option("versionAsOf", entry.getValue()).load(location(table)).inputFiles()) {
          kept.add(fs.makeQualified(new Path(file)).toUri().getPath());
        }
        var listing = fs.listFiles(new Path(location(table)), true);
        List<Path> made = new ArrayList<>();
        while (listing.hasNext()) {
          var status = listing.next();
          String path = status.getPath().toUri().getPath();
          if (!path.contains("/_delta_log/") && status.getPath().getName().endsWith(".parquet")
              && status.getModificationTime() >= since && !kept.contains(path)) {
            made.add(status.getPath());
          }
        }
        for (Path file : made) {
          fs.delete(file, false);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not remove the files the failed step wrote to {}", table.tableName(), e);
      }
    }
  }

  /**
   * Where a step writes a file that belongs at {@code target} (a folder of restricted/ or
   * published/, not a table): a path in the step's own staging folder, moved to the target only
   * when the whole step has succeeded. Only inside {@link #allOrNothing}; safe to call from the
   * threads of a step's parallel driver tasks.
   */
  public synchronized Path stage(Path target) {
    if (openStep == null) {
      throw new IllegalStateException("Files are staged inside a step (Warehouse.allOrNothing); " + target + " is not");
    }
    String relative = fileSystem().makeQualified(target).toUri().getPath().substring(root.toUri().getPath().length());
    Path staged = new Path(openStep.stagingFolder(), relative.replaceFirst("^/+", ""));
    try {
      if (fileSystem() instanceof LocalFileSystem) {
        java.nio.file.Path folder = localPath(staged.getParent());
        java.nio.file.Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(LocalPermissions.OWNER_ONLY_FOLDER));
        ownerOnlyFolders(folder);
      } else {
        fileSystem().mkdirs(staged.getParent(), OWNER_ONLY_FOLDER);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the staging folder " + staged.getParent(), e);
    }
    openStep.staged().add(new StagedFiles.Staged(staged, fileSystem().makeQualified(target)));
    return staged;
  }

  /**
   * Marks a folder whose files the step replaces as a whole: once its staged files are in place,
   * every other file in the folder goes (a report of a municipality no longer published, a PDF of
   * an earlier run, would otherwise sit beside the new ones with figures no longer true). If the
   * step fails, the folder keeps what it had. Only inside {@link #allOrNothing}.
   */
  public void replaceFolder(Path folder) {
    if (openStep == null) {
      throw new IllegalStateException("Folders are replaced inside a step (Warehouse.allOrNothing); " + folder + " is not");
    }
    openStep.replacedFolders().add(fileSystem().makeQualified(folder));
  }

  private void restore(Map<Table, Long> versionsBefore, Throwable failure) {
    List<Table> restored = new ArrayList<>();
    for (Map.Entry<Table, Long> entry : versionsBefore.entrySet()) {
      try {
        if (restore(entry.getKey(), entry.getValue())) {
          restored.add(entry.getKey());
        }
      } catch (IOException | RuntimeException | Error restoreFailure) {
        failure.addSuppressed(restoreFailure);
        LOG.error("Could not restore {} to version {} after a failed step; restore it by hand (RESTORE TABLE delta.`{}` "
            + "TO VERSION AS OF {})", entry.getKey().tableName(), entry.getValue(), location(entry.getKey()), entry.getValue());
      }
    }
    if (!restored.isEmpty()) {
      LOG.warn("A step failed; restored {} to their versions before it", restored.stream().map(Table::tableName).toList());
    }
  }

  /**
   * The step under way: its tables with their versions before it, the rows it has written to each,
   * its staged files, the folders it replaces whole and its staging folder.
   */
  private record OpenStep(Map<Table, Long> versionsBefore, Map<Table, Long> rowsWritten, List<StagedFiles.Staged> staged,
      List<Path> replacedFolders, Path stagingFolder) {}

  /**
   * The rows the step under way has written so far, per table (from each commit's own metrics, so
   * counting costs no Spark job); empty outside a step. The run log is not counted.
   */
  public Map<Table, Long> rowsWrittenInStep() {
    return openStep == null ? Map.of() : Map.copyOf(openStep.rowsWritten());
  }

  /** Runs the work, turning a refusal of the value gate into its own message and checked failures into one type. */
  private static <T> T run(StepWork<T> work) {
    try {
      return work.run();
    } catch (Exception | Error e) {
      Optional<IdentifierValues.IdentifierInOpenZoneException> refusal = IdentifierValues.refusalIn(e);
      if (refusal.isPresent()) {
        throw refusal.get();
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new StepFailedException((Exception) e);
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
    Dataset<Row> source = IdentifierValues.guarded(table, rows.withColumn(ROUND_COLUMN, functions.lit(round)));
    IdentifierColumns.requireAllowed(table, source.schema());
    StringBuilder on = new StringBuilder("t." + ROUND_COLUMN + " = '" + round + "'");
    keys.forEach(key -> on.append(" AND t.").append(key).append(" = s.").append(key));
    allOrNothing(List.of(table), () -> {
      long started = System.nanoTime();
      retryingConcurrentCreation(() -> {
        if (!exists(table)) {
          writer(table, source.limit(0)).save(location(table));
        }
        // With schema evolution: a later questionnaire's new item (q16) becomes a column, null in earlier
        // rounds' rows, and an item the round no longer asks (q8) stays, null in its rows.
        var merge = DeltaTable.forPath(spark, location(table)).as("t").merge(source.as("s"), on.toString()).withSchemaEvolution();
        (replaceWhen == null ? merge : merge.whenMatched(replaceWhen).updateAll()).whenNotMatched().insertAll().execute();
      });
      committed(table, "merge", started);
      return null;
    });
    written(table);
  }

  /**
   * Deletes a round's rows from a table for good: DELETE, then VACUUM with zero retention, so no
   * data file of an older version keeps them (the erase after fieldwork, DESIGN.md §10). Delta
   * refuses a retention under 7 days unless its safety check is off: off for this call only, then
   * as it was. No other job writes these tables meanwhile (erase runs after fieldwork).
   */
  public void eraseRound(Table table, String round) {
    SurveyRound.requireValid(round);
    DeltaTable delta = DeltaTable.forPath(spark, location(table));
    delta.delete(ROUND_COLUMN + " = '" + round + "'");
    String before = spark.conf().get(RETENTION_CHECK, "true");
    spark.conf().set(RETENTION_CHECK, "false");
    try {
      delta.vacuum(0.0);
    } finally {
      spark.conf().set(RETENTION_CHECK, before);
    }
  }

  /** Adds rows to a table that keeps history (the run log), tagged with the round. */
  public void append(Table table, String round, Dataset<Row> rows) {
    SurveyRound.requireValid(round);
    allOrNothing(List.of(table), () -> {
      long started = System.nanoTime();
      retryingConcurrentCreation(() -> writer(table, rows.withColumn(ROUND_COLUMN, functions.lit(round)))
          .mode(SaveMode.Append)
          // The run log gained columns (exit_code, milliseconds, rows_in, rows_out); older lines read them as null.
          .option("mergeSchema", "true")
          .save(location(table)));
      committed(table, "append", started);
      return null;
    });
    written(table);
  }

  private void write(Table table, String round, Dataset<Row> rows) {
    String replaced = ROUND_COLUMN + " = '" + round + "'";
    long started = System.nanoTime();
    retryingConcurrentCreation(() -> writer(table, rows.withColumn(ROUND_COLUMN, functions.lit(round)))
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", replaced)
        // A newer version of a step may add columns; older rounds then read them as null.
        .option("mergeSchema", "true")
        .save(location(table)));
    committed(table, "write", started);
    written(table);
  }

  private void committed(Table table, String operation, long startedNanos) {
    DeltaWrites.committed(table, operation, spark.sparkContext().getLocalProperty("spark.jobGroup.id"), startedNanos);
  }

  /**
   * Runs a write again (at most twice more) when Delta reports a concurrent change. Two jobs of
   * different rounds may write one table at the same time; their rows never overlap, but the two
   * commits that create a new table (or the run log) conflict, and the later one only needs to
   * write again on top of the first. A Delta write that fails this way has committed nothing.
   */
  private static void retryingConcurrentCreation(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == 3) {
          throw e;
        }
        LOG.info("a concurrent writer changed the table; writing again ({})", e.getClass().getSimpleName());
      }
    }
  }

  /**
   * Every write of a table goes through here. Identifier columns are refused outside restricted/
   * ({@link IdentifierColumns}). Restricted tables are created without column statistics: Delta
   * would otherwise keep each file's smallest and largest CPR number, name and phone in its
   * transaction log, which no vacuum removes.
   */
  private DataFrameWriter<Row> writer(Table table, Dataset<Row> rows) {
    IdentifierColumns.requireAllowed(table, rows.schema());
    DataFrameWriter<Row> writer = IdentifierValues.guarded(table, rows).write().format("delta").partitionBy(ROUND_COLUMN);
    return table.zone() == Zone.RESTRICTED ? writer.option("delta.dataSkippingNumIndexedCols", "0") : writer;
  }

  private void written(Table table) {
    if (table.zone() == Zone.RESTRICTED) {
      ownerOnly(new Path(location(table)));
    }
    if (openStep != null && table != Table.RUN_LOG) {
      openStep.rowsWritten().merge(table, rowsOfLastCommit(table), Long::sum);
    }
  }

  /**
   * The rows the table's latest commit wrote: Delta's numOutputRows (for a MERGE, the rows it
   * rewrote), read from the commit's own file in the transaction log (no Spark job).
   */
  private long rowsOfLastCommit(Table table) {
    long version = snapshotVersion(table);
    Path commit = new Path(new Path(location(table), "_delta_log"), String.format("%020d.json", version));
    try (var in = fileSystem().open(commit);
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        com.fasterxml.jackson.databind.JsonNode action = COMMIT_JSON.readTree(line);
        if (action.has("commitInfo")) {
          com.fasterxml.jackson.databind.JsonNode rows = action.path("commitInfo").path("operationMetrics").path("numOutputRows");
          return rows.isMissingNode() || rows.isNull() ? 0 : Long.parseLong(rows.asText());
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the commit " + commit, e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper COMMIT_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** The table's latest version, from its transaction log (a listing of _delta_log, no Spark job). */
  private long snapshotVersion(Table table) {
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, location(table))
        .update(false, scala.Option.empty(), scala.Option.empty()).version();
  }

  /**
   * On a local file system, makes restricted/ and everything under {@code path} (a folder or file
   * in it) owner-only: folders 700, files 600. Other file systems keep their own access control.
   */
  public void ownerOnly(Path path) {
    if (!(fileSystem() instanceof LocalFileSystem)) {
      return;
    }
    try {
      java.nio.file.Path local = localPath(path);
      // The folders from restricted/ down to the path (e.g. outbox/2023Q2 above a municipality's folder).
      if (local.getParent() != null) {
        ownerOnlyFolders(local.getParent());
      }
      LocalPermissions.ownerOnlyTree(local);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make " + path + " owner-only", e);
    }
  }

  /** Makes {@code folder} and the folders above it, up to and including restricted/, owner-only (a local disk). */
  private void ownerOnlyFolders(java.nio.file.Path folder) throws IOException {
    java.nio.file.Path restricted = localPath(new Path(root, Zone.RESTRICTED.folder()));
    for (java.nio.file.Path each = folder; each != null && each.startsWith(restricted); each = each.getParent()) {
      if (java.nio.file.Files.isDirectory(each)) {
        LocalPermissions.ownerOnly(each);
      }
    }
  }

  private java.nio.file.Path localPath(Path path) {
    return LocalPermissions.local(fileSystem().makeQualified(path).toUri());
  }

  private Long versionOrNull(Table table) {
    return exists(table) ? snapshotVersion(table) : null;
  }

  /** Restores a table to {@code version} (null: the table did not exist); true when anything had changed. */
  private boolean restore(Table table, Long version) throws IOException {
    Long now = versionOrNull(table);
    if (version == null) {
      return fileSystem().delete(new Path(location(table)), true);
    }
    if (now == null || now.equals(version)) {
      return false;
    }
    long started = System.nanoTime();
    DeltaTable.forPath(spark, location(table)).restoreToVersion(version);
    committed(table, "restore", started);
    written(table);
    return true;
  }
}
