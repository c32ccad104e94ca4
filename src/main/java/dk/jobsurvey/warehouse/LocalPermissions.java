package dk.jobsurvey.warehouse;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Owner-only permissions on a local disk, set with system calls. Hadoop's local file system,
 * without its native library (Spark does not ship it), starts a {@code chmod} process for every
 * permission it sets, an {@code ls -ld} for every permission it reads and a {@code readlink} for
 * every rename: a report step staging 300 files started 2,400 processes, most of its time outside
 * Chromium, and a national pipeline's Delta commits and data files another 700.
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
   * Hadoop's raw local file system with permissions set and read by system calls: a file created
   * with a permission, a folder made with one, a file's status with its owner and permission, and
   * whether a path is a link, each without a process. Everything else is Hadoop's. Where the disk
   * has no POSIX attributes (Windows), Hadoop's own way.
   */
  static final class RawFileSystem extends RawLocalFileSystem {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(org.apache.hadoop.fs.Path p, FsPermission permission) throws IOException {
      if (!POSIX) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(local(makeQualified(p).toUri()), posix(permission.toShort()));
    }

    @Override
    public FileStatus getFileStatus(org.apache.hadoop.fs.Path f) throws IOException {
      if (!POSIX) {
        return super.getFileStatus(f);
      }
      Path file = local(makeQualified(f).toUri());
      try {
        return status(file, Files.readAttributes(file, PosixFileAttributes.class));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      }
    }

    @Override
    public FileStatus[] listStatus(org.apache.hadoop.fs.Path f) throws IOException {
      if (!POSIX) {
        return super.listStatus(f);
      }
      FileStatus status = getFileStatus(f);
      if (!status.isDirectory()) {
        return new FileStatus[] {status};
      }
      List<FileStatus> children = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(local(status.getPath().toUri()))) {
        for (Path entry : entries) {
          try {
            children.add(status(entry, Files.readAttributes(entry, PosixFileAttributes.class)));
          } catch (NoSuchFileException removedMeanwhile) {
            // As Hadoop's listing: a file removed while the folder is listed is not in it.
          }
        }
      }
      return children.toArray(FileStatus[]::new);
    }

    /** A link's status is its target's, as Hadoop's; a path that is no link, its own status without a {@code readlink} process. */
    @Override
    public FileStatus getFileLinkStatus(org.apache.hadoop.fs.Path f) throws IOException {
      if (!POSIX || Files.isSymbolicLink(local(makeQualified(f).toUri()))) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }

    /** The status of a local file, its path qualified from the file's own as Hadoop's (no trailing slash). */
    private FileStatus status(Path file, PosixFileAttributes attributes) {
      org.apache.hadoop.fs.Path qualified = makeQualified(new org.apache.hadoop.fs.Path(file.toString()));
      short mode = 0;
      for (PosixFilePermission permission : attributes.permissions()) {
        mode |= (short) (0400 >> permission.ordinal());
      }
      return new FileStatus(attributes.size(), attributes.isDirectory(), 1, getDefaultBlockSize(qualified),
          attributes.lastModifiedTime().toMillis(), attributes.lastAccessTime().toMillis(), new FsPermission(mode),
          attributes.owner().getName(), attributes.group().getName(), qualified);
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
