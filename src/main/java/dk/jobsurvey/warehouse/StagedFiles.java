package dk.jobsurvey.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Moves a step's staged files into place once its tables have committed. A file already at a
 * target is set aside first and put back if a later move fails, so either every staged file is in
 * place or none is (the step then fails and its tables are restored).
 */
final class StagedFiles {
  private static final Logger LOG = LogManager.getLogger(StagedFiles.class);
  private static final String SET_ASIDE = ".replaced";

  /** A file written at {@code staged} that belongs at {@code target}. */
  record Staged(Path staged, Path target) {}

  private StagedFiles() {}

  static void moveIntoPlace(FileSystem fs, List<Staged> files) {
    List<Staged> moved = new ArrayList<>();
    List<Path> setAside = new ArrayList<>();
    try {
      for (Staged file : files) {
        if (!fs.exists(file.staged())) {
          continue; // staged but never written: nothing to move
        }
        fs.mkdirs(file.target().getParent());
        Path aside = new Path(file.target().getParent(), file.target().getName() + SET_ASIDE);
        if (fs.exists(file.target())) {
          rename(fs, file.target(), aside);
          setAside.add(aside);
        }
        rename(fs, file.staged(), file.target());
        moved.add(file);
      }
    } catch (IOException | RuntimeException e) {
      undo(fs, moved, setAside, e);
      throw e instanceof IOException io ? new UncheckedIOException("Cannot move the step's files into place", io)
          : (RuntimeException) e;
    }
    for (Path aside : setAside) {
      try {
        fs.delete(aside, false);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the replaced file " + aside, e);
      }
    }
  }

  /**
   * After the move: deletes the files of each replaced folder that the step did not stage. The
   * step's tables have committed by now, so a file that cannot be deleted is logged for removal by
   * hand rather than failing a step that can no longer be undone.
   */
  static void removeOthers(FileSystem fs, List<Path> folders, List<Staged> files) {
    Set<Path> kept = new HashSet<>();
    files.forEach(file -> kept.add(fs.makeQualified(file.target())));
    for (Path folder : folders) {
      try {
        if (!fs.exists(folder)) {
          continue;
        }
        List<Path> others = new ArrayList<>();
        addFilesNotKept(fs, folder, kept, others);
        for (Path file : others) {
          fs.delete(file, false);
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("The new files of {} are in place, but older files beside them could not be removed; remove them by hand "
            + "before sending the folder on", folder, e);
      }
    }
  }

  /**
   * The files under {@code folder} not in {@code kept}. Listed folder by folder: a recursive
   * {@code listFiles} reads every file's permissions, which on a local disk without Hadoop's native
   * library starts an {@code ls} process per file.
   */
  private static void addFilesNotKept(FileSystem fs, Path folder, Set<Path> kept, List<Path> others) throws IOException {
    for (FileStatus status : fs.listStatus(folder)) {
      Path path = fs.makeQualified(status.getPath());
      if (status.isDirectory()) {
        addFilesNotKept(fs, path, kept, others);
      } else if (!kept.contains(path)) {
        others.add(path);
      }
    }
  }

  private static void undo(FileSystem fs, List<Staged> moved, List<Path> setAside, Exception failure) {
    try {
      for (Staged file : moved) {
        fs.delete(file.target(), false);
      }
      for (Path aside : setAside) {
        String name = aside.getName();
        rename(fs, aside, new Path(aside.getParent(), name.substring(0, name.length() - SET_ASIDE.length())));
      }
    } catch (IOException | RuntimeException undoFailure) {
      failure.addSuppressed(undoFailure);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("Cannot move " + from + " to " + to);
    }
  }
}
