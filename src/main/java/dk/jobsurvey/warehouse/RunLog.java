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
 * inputs, with which seed, how many rows, which code version, and how it ended.
 */
public record RunLog(String runId, String job, Instant startedAt, Instant finishedAt, String status, String configSha256,
    Map<String, String> inputSha256s, Long seed, Map<String, Long> rowCounts, String codeVersion) {

  private static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType).add("job", DataTypes.StringType)
      .add("started_at", DataTypes.TimestampType).add("finished_at", DataTypes.TimestampType)
      .add("status", DataTypes.StringType).add("config_sha256", DataTypes.StringType)
      .add("input_sha256s", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("seed", DataTypes.LongType)
      .add("row_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
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

  /** Appends this entry for the round. */
  public void appendTo(Warehouse warehouse, String round) {
    var row = RowFactory.create(runId, job, Timestamp.from(startedAt), Timestamp.from(finishedAt), status, configSha256,
        scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(inputSha256s)),
        seed, scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(rowCounts)), codeVersion);
    warehouse.append(Table.RUN_LOG, round, warehouse.spark().createDataFrame(List.of(row), SCHEMA));
  }
}
