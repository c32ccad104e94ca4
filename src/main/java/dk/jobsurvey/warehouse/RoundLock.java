package dk.jobsurvey.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A round's pipeline lock: an OS file lock on {@code <warehouse>/_locks/pipeline-<round>.lock},
 * released when the process ends, however it ends, so a killed pipeline never blocks the next. (A
 * warehouse on HDFS or S3 has no such lock: there Delta's conflict detection is the guard.)
 */
public final class RoundLock implements AutoCloseable {
  /** The folder under the warehouse root that holds the lock files. */
  public static final String LOCKS = "_locks";

  private final FileChannel channel;
  private final FileLock lock;

  private RoundLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The round's lock, or empty when another process holds it. */
  public static Optional<RoundLock> tryAcquire(Path warehouse, String round) throws IOException {
    String root = warehouse.toString();
    if (root.contains("://") && !root.startsWith("file:")) {
      return Optional.of(new RoundLock(null, null));
    }
    Path file = file(warehouse, round);
    Files.createDirectories(file.getParent());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new RoundLock(channel, lock));
  }

  /** The lock file of a round. */
  public static Path file(Path warehouse, String round) {
    return Path.of(warehouse.toString().replaceFirst("^file:", "")).resolve(LOCKS).resolve("pipeline-" + round + ".lock");
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
