package dk.jobsurvey.warehouse;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is configured: Delta Lake's SQL extension and catalog, UTC as the
 * session time zone (dates must not shift with the machine), and nothing machine-specific. The
 * master comes from spark-submit ({@code --master}); without one, {@code local[*]}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A job's session. Closing it stops Spark only if this call started it, so a job run inside a
   * process that already has a session (a notebook, the test suite) leaves that session running.
   */
  public record JobSession(SparkSession spark, boolean started) implements AutoCloseable {
    @Override
    public void close() {
      if (started) {
        spark.stop();
      }
    }
  }

  /** A session for a job run through spark-submit (or the embedded launcher). */
  public static JobSession forJob(String job) {
    boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    SparkSession.Builder builder = withDelta(SparkSession.builder().appName("jobsurvey " + job));
    SparkConf submitted = new SparkConf();
    if (!submitted.contains("spark.master")) {
      builder.master("local[*]");
    }
    if (!submitted.contains("spark.sql.shuffle.partitions")) {
      // A round is at most a few million rows: 16 partitions keep tasks and output files few.
      // Raise it with --conf spark.sql.shuffle.partitions=N on a large cluster.
      builder.config("spark.sql.shuffle.partitions", "16");
    }
    return new JobSession(builder.getOrCreate(), !existing);
  }

  /** Adds the settings every jobsurvey session needs. */
  public static SparkSession.Builder withDelta(SparkSession.Builder builder) {
    return builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        // One round of one table is a handful of files: Delta's default of 50 partitions for
        // reading its log is meant for tables of thousands of files.
        .config("spark.databricks.delta.snapshotPartitions", "8");
  }
}
