package dk.jobsurvey.warehouse;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is configured: Delta Lake's SQL extension and catalog, UTC as the
 * session time zone (dates must not shift with the machine), local files through {@link LocalDisk},
 * and nothing machine-specific. The
 * master comes from spark-submit ({@code --master}); without one, {@code local[*]}.
 */
public final class SparkSessions {
  /** The Spark job group (and description) of a job's run: "jobsurvey tabulate". */
  public static final String JOB_GROUP_PREFIX = "jobsurvey ";

  private SparkSessions() {}

  /**
   * A job's session and its private {@link WorkFolder}. Closing it stops Spark only if this call
   * started it, so a job run inside a process that already has a session (a notebook, the test
   * suite) leaves that session running; the work folder is removed either way.
   */
  public record JobSession(SparkSession spark, boolean started, WorkFolder workFolder, Thread cleanup, String outerJobGroup)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        // A step run inside the pipeline hands the pipeline's own name back.
        if (outerJobGroup == null) {
          spark.sparkContext().clearJobGroup();
        } else {
          spark.sparkContext().setJobGroup(outerJobGroup, outerJobGroup, false);
        }
        if (started) {
          spark.stop();
        }
      } finally {
        workFolder.close();
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
          // The JVM is shutting down: the hook runs anyway, and close() is idempotent.
        }
      }
    }
  }

  /**
   * A session for a job run through spark-submit (or the embedded launcher) on {@code warehouse}.
   * A session started here keeps its shuffle and spill files in the run's owner-only work folder
   * ({@code spark.local.dir}; on a cluster the workers' own SPARK_LOCAL_DIRS take precedence).
   */
  public static JobSession forJob(String job, String warehouse) {
    WorkFolder workFolder = WorkFolder.create(WorkFolder.parentFor(warehouse));
    // Also on SIGTERM or Ctrl-C; only kill -9 leaves the folder, and the next job removes it.
    Thread cleanup = new Thread(workFolder::close, "jobsurvey work folder");
    Runtime.getRuntime().addShutdownHook(cleanup);
    workFolder.useForPoi();
    scala.Option<SparkSession> running = SparkSession.getActiveSession().orElse(SparkSession::getDefaultSession);
    boolean existing = running.isDefined();
    // A job inside the pipeline, a notebook or the test suite uses the session there is as it is
    // (the builder would only warn that its settings do not apply to a running session).
    SparkSession spark = existing ? running.get() : newSession(job, workFolder);
    if (existing) {
      // Its runtime settings still apply (dates must not shift with the notebook's time zone).
      RUNTIME_SETTINGS.forEach((key, value) -> spark.conf().set(key, value));
    }
    String outer = spark.sparkContext().getLocalProperty("spark.jobGroup.id");
    // Every Spark job of the run carries the job's name: the Spark UI and the event log say which step ran.
    spark.sparkContext().setJobGroup(JOB_GROUP_PREFIX + job, JOB_GROUP_PREFIX + job, false);
    return new JobSession(spark, !existing, workFolder, cleanup, outer);
  }

  private static SparkSession newSession(String job, WorkFolder workFolder) {
    SparkSession.Builder builder = withDelta(SparkSession.builder().appName("jobsurvey " + job))
        .config("spark.local.dir", workFolder.sparkLocal().toString());
    SparkConf submitted = new SparkConf();
    if (!submitted.contains("spark.master")) {
      builder.master("local[*]");
    }
    if (!submitted.contains("spark.sql.shuffle.partitions")) {
      // A round is at most a few million rows: 16 partitions keep tasks and output files few.
      // Raise it with --conf spark.sql.shuffle.partitions=N on a large cluster.
      builder.config("spark.sql.shuffle.partitions", "16");
    }
    return builder.getOrCreate();
  }

  /**
   * The runtime SQL settings every job needs, also on a session it finds running: UTC as the
   * session time zone; Delta's log read in 8 partitions (one round of one table is a handful of
   * files, Delta's default of 50 is meant for thousands); no constraint inference, which on wide
   * rows (an export has ~20 columns, an extract more) grows as the square of the columns and
   * dominated each localCheckpoint (10-20 s for two rows), for filters the steps already state; new
   * tables keep no column statistics in Delta's log (every read selects a round by its partition,
   * so no query skips files by them, and collecting them cost a tenth of each write), only each
   * file's row count, which gives the rows a commit wrote (the run log's rows_out).
   */
  private static final java.util.Map<String, String> RUNTIME_SETTINGS = java.util.Map.of(
      "spark.sql.session.timeZone", "UTC",
      "spark.databricks.delta.snapshotPartitions", "8",
      "spark.sql.constraintPropagation.enabled", "false",
      "spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "0");

  /** Adds the settings every jobsurvey session needs: Delta's SQL extension and catalog, and the runtime settings. */
  public static SparkSession.Builder withDelta(SparkSession.Builder builder) {
    SparkSession.Builder configured = builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // Local files without a process per permission or rename (see LocalDisk).
        .config("spark.hadoop.fs.file.impl", LocalDisk.class.getName())
        .config("spark.hadoop.fs.AbstractFileSystem.file.impl", LocalDisk.Fs.class.getName());
    RUNTIME_SETTINGS.forEach(configured::config);
    return configured;
  }
}
