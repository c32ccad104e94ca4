package dk.jobsurvey.warehouse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;

/**
 * A job run's own temporary folder, created owner-only (700): Spark's shuffle and spill files and
 * POI's temporary files (the .xlsx writer spools sheets with names and CPR numbers to disk) go here
 * instead of the shared system temp folder, and the folder is removed when the job ends, failed or
 * not. A run holds a lock on its folder while it lives; a folder whose lock nobody holds belongs to
 * a run that was killed, and the next job removes it ({@link #removeAbandoned}).
 *
 * <p>For a warehouse on the local file system the folders live under {@code restricted/work/}, so
 * the erase job can check that no run left anything behind.
 */
public final class WorkFolder implements AutoCloseable {
  /** The folder under restricted/ that holds the runs' work folders. */
  public static final String ZONE_FOLDER = "work";
  private static final String LOCK_FILE = ".lock";
  private static final String CREATING = ".creating-";

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private WorkFolder(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Where the work folders of jobs on this warehouse go. */
  public static Path parentFor(String warehouse) {
    boolean local = !warehouse.contains(":") || warehouse.startsWith("file:");
    if (local) {
      Path root = Path.of(warehouse.startsWith("file:") ? java.net.URI.create(warehouse).getPath() : warehouse);
      return root.toAbsolutePath().normalize().resolve(Zone.RESTRICTED.folder()).resolve(ZONE_FOLDER);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "jobsurvey-work-" + System.getProperty("user.name"));
  }

  /** Creates a new owner-only work folder under {@code parent}, after removing abandoned ones. */
  public static WorkFolder create(Path parent) {
    try {
      Files.createDirectories(parent.getParent());
      if (parent.getParent().getFileName().toString().equals(Zone.RESTRICTED.folder())) {
        createOwnerOnly(parent.getParent());
      }
      createOwnerOnly(parent);
      removeAbandoned(parent);
      Path path = parent.resolve(UUID.randomUUID().toString());
      // Made under a hidden name and renamed once locked, so that a job starting at the same moment
      // never finds it without its lock and removes it as abandoned; the lock stays with the open file.
      Path creating = parent.resolve(CREATING + path.getFileName());
      createOwnerOnly(creating);
      FileChannel channel = FileChannel.open(creating.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      Files.move(creating, path, StandardCopyOption.ATOMIC_MOVE);
      return new WorkFolder(path, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a private work folder under " + parent, e);
    }
  }

  public Path path() {
    return path;
  }

  /** The run's id: the folder's name, also the name of its staging folder (restricted/staging/ID). */
  public String id() {
    return path.getFileName().toString();
  }

  /** The work folder of this thread's job, if it runs inside one (a job started through the launcher does). */
  static java.util.Optional<String> currentId() {
    return java.util.Optional.ofNullable(RunTempFiles.folder()).map(poi -> poi.getParent().getFileName().toString());
  }

  /** The folder for Spark's local files ({@code spark.local.dir}). */
  public Path sparkLocal() {
    return path.resolve("spark");
  }

  /**
   * Points POI's temporary files (SXSSF sheet spools, streaming-reader copies) made by this thread
   * and the threads it starts into this folder. POI has one strategy per JVM, and a notebook or the
   * test suite runs several jobs in one JVM, so the strategy asks which run the thread belongs to.
   */
  public void useForPoi() {
    Path poi = path.resolve("poi");
    try {
      createOwnerOnly(poi);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + poi, e);
    }
    RunTempFiles.use(poi);
  }

  /** Removes the folder and everything in it. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (!lockChannel.isOpen()) {
      return;
    }
    RunTempFiles.release(path.resolve("poi"));
    try {
      lock.release();
      lockChannel.close();
      deleteTree(path);
      deleteTree(path.getParent().resolveSibling(Warehouse.STAGING).resolve(id()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the work folder " + path, e);
    }
  }

  /**
   * Removes the work folders under {@code parent} that no live run holds (runs that were killed).
   *
   * @return the folders that are still in use by other runs
   */
  public static List<Path> removeAbandoned(Path parent) throws IOException {
    List<Path> inUse = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return inUse;
    }
    try (Stream<Path> folders = Files.list(parent)) {
      for (Path folder : folders.toList()) {
        if (isBeingCreated(folder)) {
          continue;
        }
        if (isHeld(folder)) {
          inUse.add(folder);
        } else {
          deleteTree(folder);
          // A killed step's staged files (restricted/staging/ID), for a local warehouse.
          deleteTree(parent.resolveSibling(Warehouse.STAGING).resolve(folder.getFileName()));
        }
      }
    }
    return inUse;
  }

  /** A folder {@link #create} is making right now (hidden, and less than a minute old); an older one was killed. */
  private static boolean isBeingCreated(Path folder) throws IOException {
    if (!folder.getFileName().toString().startsWith(CREATING)) {
      return false;
    }
    try {
      return Files.getLastModifiedTime(folder).toInstant().isAfter(java.time.Instant.now().minusSeconds(60));
    } catch (NoSuchFileException renamed) {
      return true;
    }
  }

  private static boolean isHeld(Path folder) throws IOException {
    Path lockFile = folder.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held by this JVM
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** POI's temporary files in the folder of the thread's run; threads of no run use the latest run's folder. */
  private static final class RunTempFiles implements TempFileCreationStrategy {
    private static final InheritableThreadLocal<Path> OF_THREAD = new InheritableThreadLocal<>();
    private static final Deque<Path> LIVE = new ConcurrentLinkedDeque<>();
    private static final RunTempFiles INSTANCE = new RunTempFiles();
    private final DefaultTempFileCreationStrategy fallback = new DefaultTempFileCreationStrategy();

    static void use(Path folder) {
      LIVE.addLast(folder);
      OF_THREAD.set(folder);
      TempFile.setTempFileCreationStrategy(INSTANCE);
    }

    static void release(Path folder) {
      LIVE.remove(folder);
      if (folder.equals(OF_THREAD.get())) {
        OF_THREAD.remove();
      }
    }

    private static Path folder() {
      Path own = OF_THREAD.get();
      return own != null && LIVE.contains(own) ? own : LIVE.peekLast();
    }

    @Override
    public File createTempFile(String prefix, String suffix) throws IOException {
      Path folder = folder();
      return folder == null ? fallback.createTempFile(prefix, suffix) : Files.createTempFile(folder, prefix, suffix).toFile();
    }

    @Override
    public File createTempDirectory(String prefix) throws IOException {
      Path folder = folder();
      return folder == null ? fallback.createTempDirectory(prefix) : Files.createTempDirectory(folder, prefix).toFile();
    }
  }

  private static void createOwnerOnly(Path folder) throws IOException {
    try {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(folder);
      File file = folder.toFile();
      file.setReadable(false, false);
      file.setReadable(true, true);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
