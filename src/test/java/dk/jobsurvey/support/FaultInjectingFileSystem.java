package dk.jobsurvey.support;

import dk.jobsurvey.warehouse.LocalDisk;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The pipeline's local file system ({@link LocalDisk}) with a fault that a test can arm: the n-th file created under a
 * folder fails with an {@link IOException}, as a full disk or a lost permission would fail it.
 * Spark, Delta and the report writers all create files through Hadoop, so the fault reaches every
 * kind of write (a data file, a Delta commit, a workbook). Unarmed, it is the local file system.
 * The test session registers it for the {@code file} scheme ({@code spark.hadoop.fs.file.impl}).
 */
public final class FaultInjectingFileSystem extends LocalDisk {
  private static volatile String armedUnder;
  private static volatile int failingCreate;
  private static volatile String message;
  private static final AtomicInteger CREATES = new AtomicInteger();

  /** Makes the {@code n}-th create (1-based) under {@code folder} fail with {@code message}, and every later one. */
  public static void failFromCreate(int n, String folder, String failure) {
    CREATES.set(0);
    failingCreate = n;
    message = failure;
    armedUnder = folder;
  }

  /** How many files were created under the armed folder since it was armed. */
  public static int creates() {
    return CREATES.get();
  }

  public static void disarm() {
    armedUnder = null;
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    check(f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    check(f);
    return super.createNonRecursive(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  private static void check(Path file) throws IOException {
    String folder = armedUnder;
    // Hadoop's checksum side files (.crc) are created with their file: count the file itself only.
    if (folder != null && file.toUri().getPath().startsWith(folder) && !file.getName().endsWith(".crc")
        && CREATES.incrementAndGet() >= failingCreate) {
      throw new IOException(message);
    }
  }
}
