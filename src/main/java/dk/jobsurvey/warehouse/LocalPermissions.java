package dk.jobsurvey.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Owner-only permissions on a local disk, set with system calls. Hadoop's local file system,
 * without its native library (Spark does not ship it), starts a {@code chmod} process for every
 * permission it sets and an {@code ls -ld} for every permission it reads: a report step staging
 * 300 files started 2,400 processes, most of its time outside Chromium.
 */
final class LocalPermissions {
  static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  private LocalPermissions() {}

  /** The local path of a {@code file:} URI (or of a scheme-less path). */
  static Path local(URI uri) {
    return Path.of(uri.getPath());
  }

  /** Folders 700 and files 600 at and under {@code path}; nothing when it does not exist. */
  static void ownerOnlyTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : (Iterable<Path>) paths::iterator) {
        ownerOnly(each);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** A folder 700, a file 600. */
  static void ownerOnly(Path path) throws IOException {
    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? OWNER_ONLY_FOLDER : OWNER_ONLY_FILE);
  }

  /**
   * Hadoop's raw local file system with permissions set by a system call: what a step writes its
   * files with (a file created with a permission, a folder made with one, each set without a
   * process). Everything else is Hadoop's.
   */
  static final class RawFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(org.apache.hadoop.fs.Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(local(makeQualified(p).toUri()), posix(permission.toShort()));
    }
  }

  /** The permissions of a mode's nine rwx bits (setuid, setgid and sticky bits are not kept). */
  static Set<PosixFilePermission> posix(short mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    // PosixFilePermission lists OWNER_READ ... OTHERS_EXECUTE in the order of the bits from 0400 down to 0001.
    PosixFilePermission[] order = PosixFilePermission.values();
    for (int i = 0; i < order.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        permissions.add(order[i]);
      }
    }
    return permissions;
  }
}
