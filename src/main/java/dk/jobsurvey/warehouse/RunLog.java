package dk.jobsurvey.warehouse;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One line of analysis/run_log per job run (DESIGN.md §2): what ran, on which configuration and
 * inputs, with which seed, how it ended (status and the process exit code), how long it took, the
 * rows it read and wrote per table, its own figures (letters, sweeps, cells, ...) and the code version.
 *
 * <p>Status: {@code succeeded}; {@code partial} (some input files rejected, the others committed);
 * {@code failed} (its tables were restored); {@code refused} (stale input: it did nothing).
 */
public record RunLog(String runId, String job, Instant startedAt, Instant finishedAt, String status, int exitCode,
    String configSha256, Map<String, String> inputSha256s, Long seed, Map<String, Long> rowsIn, Map<String, Long> rowsOut,
    Map<String, Long> figures, String codeVersion) {

  public static final String SUCCEEDED = "succeeded";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";
  public static final String REFUSED = "refused";
  /** The key of {@link #inputSha256s} under which the pipeline records a step's fingerprint. */
  public static final String PIPELINE_FINGERPRINT = "pipeline_fingerprint";

  private static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType).add("job", DataTypes.StringType)
      .add("started_at", DataTypes.TimestampType).add("finished_at", DataTypes.TimestampType)
      .add("milliseconds", DataTypes.LongType)
      .add("status", DataTypes.StringType).add("exit_code", DataTypes.IntegerType)
      .add("config_sha256", DataTypes.StringType)
      .add("input_sha256s", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("seed", DataTypes.LongType)
      .add("rows_in", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("rows_out", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("figures", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("code_version", DataTypes.StringType);

  /** A new run's id. */
  public static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /** The jar's Implementation-Version, or "dev" when run from classes. */
  public static String currentCodeVersion() {
    String version = RunLog.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** The rows written per table, keyed as the run log keys them ({@code zone/table}). */
  public static Map<String, Long> byTableName(Map<Table, Long> rows) {
    Map<String, Long> named = new TreeMap<>();
    rows.forEach((table, count) -> named.put(table.zone().folder() + "/" + table.tableName(), count));
    return named;
  }

  public long milliseconds() {
    return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }

  /** Appends this entry for the round (a warehouse from before these columns gets them: older lines read null). */
  public void appendTo(Warehouse warehouse, String round) {
    var row = RowFactory.create(runId, job, Timestamp.from(startedAt), Timestamp.from(finishedAt), milliseconds(), status,
        exitCode, configSha256, map(inputSha256s), seed, map(rowsIn), map(rowsOut), map(figures), codeVersion);
    warehouse.append(Table.RUN_LOG, round, warehouse.spark().createDataFrame(List.of(row), SCHEMA));
  }

  private static <V> scala.collection.Map<String, V> map(Map<String, V> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(values));
  }
}
