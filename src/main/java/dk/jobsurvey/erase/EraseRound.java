package dk.jobsurvey.erase;

import dk.jobsurvey.config.SurveyRound;
import dk.jobsurvey.warehouse.IdentifierScan;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.WorkFolder;
import dk.jobsurvey.warehouse.Zone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Erases a round's identifying data after fieldwork (DESIGN.md §10): its rows in the restricted
 * tables (identity, contacts, raw extract, raw free text) and its outbox files. Each table is then
 * vacuumed with zero retention, so no data file of an older version keeps the rows, and the result
 * is checked on disk: every data file left must belong to the table's current version, and none
 * to the round, and no transaction log may hold column statistics (which would hold values); and
 * every file outside restricted/, and in the jobs' work and staging folders, is scanned for
 * anything that looks like a CPR or phone number. analysis/ and published/ are not changed.
 *
 * <p>Cost: a DELETE and a VACUUM per restricted table, then a read of every byte outside restricted/.
 */
public final class EraseRound {
  public static final List<Table> TABLES = List.of(Table.IDENTITY, Table.CONTACTS, Table.RAW_EXTRACT, Table.FREE_TEXT);

  /** What was erased: rows deleted per table, data files removed by the vacuum, outbox files deleted. */
  public record Result(Map<Table, Long> rowsDeleted, long filesVacuumed, long outboxFiles) {}

  private final Warehouse warehouse;
  private final java.nio.file.Path ownWorkFolder;
  private final String round;

  /**
   * @param ownWorkFolder the erase run's own work folder, which is removed when the job ends
   * @param round the round to erase
   */
  public EraseRound(Warehouse warehouse, java.nio.file.Path ownWorkFolder, String round) {
    this.warehouse = warehouse;
    this.ownWorkFolder = ownWorkFolder;
    this.round = SurveyRound.requireValid(round);
  }

  public Result execute() throws IOException {
    FileSystem fs = warehouse.fileSystem();
    Map<Table, Long> deleted = new LinkedHashMap<>();
    long vacuumed = 0;
    for (Table table : TABLES) {
      if (!warehouse.exists(table)) {
        continue;
      }
      deleted.put(table, warehouse.readRound(table, round).count());
      long before = dataFiles(fs, new Path(warehouse.location(table))).size();
      warehouse.eraseRound(table, round);
      vacuumed += before - dataFiles(fs, new Path(warehouse.location(table))).size();
    }
    Path outbox = warehouse.outbox(round);
    long outboxFiles = 0;
    if (fs.exists(outbox)) {
      outboxFiles = countFiles(fs, outbox);
      if (!fs.delete(outbox, true)) {
        throw new IOException("Could not delete " + outbox);
      }
    }
    verify();
    return new Result(deleted, vacuumed, outboxFiles);
  }

  /** Checks on disk that the round is gone and no older version's data file is left; throws otherwise. */
  private void verify() throws IOException {
    FileSystem fs = warehouse.fileSystem();
    List<String> problems = new ArrayList<>();
    for (Table table : TABLES) {
      if (!warehouse.exists(table)) {
        continue;
      }
      Path location = new Path(warehouse.location(table));
      Set<String> current = new HashSet<>();
      for (String file : warehouse.read(table).inputFiles()) {
        current.add(fs.makeQualified(new Path(file)).toUri().getPath());
      }
      for (Path file : dataFiles(fs, location)) {
        String path = fs.makeQualified(file).toUri().getPath();
        if (path.contains("/" + Warehouse.ROUND_COLUMN + "=" + round + "/") || !current.contains(path)) {
          problems.add(path);
        }
      }
      if (logHasStatistics(fs, new Path(location, "_delta_log"))) {
        problems.add(location + "/_delta_log holds column statistics (the table was created before they were turned off; "
            + "recreate it to erase them)");
      }
    }
    if (fs.exists(warehouse.outbox(round))) {
      problems.add(warehouse.outbox(round).toString());
    }
    problems.addAll(identifiersOutsideRestricted());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Erasing round " + round + " left identifying data on disk: " + problems);
    }
  }

  /**
   * Everything under the warehouse except restricted/'s tables and outboxes (which keep other
   * rounds' identifiers by design), and the work and staging folders that jobs leave only when they
   * are killed, scanned for values that look like identifiers ({@link IdentifierScan}).
   */
  private List<String> identifiersOutsideRestricted() throws IOException {
    FileSystem fs = warehouse.fileSystem();
    List<String> problems = new ArrayList<>();
    java.nio.file.Path workParent = ownWorkFolder.getParent();
    for (java.nio.file.Path other : WorkFolder.removeAbandoned(workParent)) {
      if (!other.equals(ownWorkFolder)) {
        problems.add(other + " is the work folder of a job that is running now; erase when it has ended");
      }
    }
    Path restricted = warehouse.folder(Zone.RESTRICTED);
    List<Path> scanned = new ArrayList<>();
    for (var status : fs.listStatus(warehouse.folder(Zone.RESTRICTED).getParent())) {
      if (!status.getPath().getName().equals(restricted.getName())) {
        scanned.add(status.getPath());
      }
    }
    scanned.add(warehouse.folder(Zone.RESTRICTED, WorkFolder.ZONE_FOLDER));
    scanned.add(warehouse.folder(Zone.RESTRICTED, Warehouse.STAGING));
    IdentifierScan scan = new IdentifierScan(warehouse.spark(), fs);
    Path own = new Path(ownWorkFolder.toUri());
    for (Path folder : scanned) {
      problems.addAll(scan.findings(folder, List.of(own)));
    }
    return problems;
  }

  /** The Parquet data files under a table folder (not the transaction log). */
  private static List<Path> dataFiles(FileSystem fs, Path table) throws IOException {
    List<Path> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(table, true);
    while (listing.hasNext()) {
      Path file = listing.next().getPath();
      if (file.getName().endsWith(".parquet") && !file.toUri().getPath().contains("/_delta_log/")) {
        files.add(file);
      }
    }
    return files;
  }

  private static boolean logHasStatistics(FileSystem fs, Path log) throws IOException {
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(log, false);
    while (listing.hasNext()) {
      Path file = listing.next().getPath();
      if (file.getName().endsWith(".json") || file.getName().endsWith(".crc")) {
        try (var in = fs.open(file)) {
          if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("minValues")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static long countFiles(FileSystem fs, Path folder) throws IOException {
    long count = 0;
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(folder, true);
    while (listing.hasNext()) {
      listing.next();
      count++;
    }
    return count;
  }
}
