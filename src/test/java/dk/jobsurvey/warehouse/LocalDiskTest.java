package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system every session uses answers as Hadoop's own does: each status (size, kind,
 * times, permission, owner, group, path) and listing the same as {@link RawLocalFileSystem}'s on
 * the same files, missing paths refused alike, permissions set as asked; and Hadoop's other file
 * API (Delta's commits) renames through it.
 */
class LocalDiskTest {
  @TempDir
  java.nio.file.Path dir;

  private final Configuration conf = new Configuration(false);
  private final RawLocalFileSystem hadoops = new RawLocalFileSystem();
  private final LocalPermissions.RawFileSystem ours = new LocalPermissions.RawFileSystem();

  @BeforeEach
  void files() throws Exception {
    hadoops.initialize(java.net.URI.create("file:///"), conf);
    ours.initialize(java.net.URI.create("file:///"), conf);
    Files.createDirectories(dir.resolve("restricted/identity"), PosixFilePermissions.asFileAttribute(LocalPermissions.OWNER_ONLY_FOLDER));
    Files.writeString(dir.resolve("restricted/identity/part-0.parquet"), "cpr");
    Files.setPosixFilePermissions(dir.resolve("restricted/identity/part-0.parquet"), LocalPermissions.OWNER_ONLY_FILE);
    Files.writeString(dir.resolve("report.html"), "<h1>Rapport</h1>");
    Files.setPosixFilePermissions(dir.resolve("report.html"), PosixFilePermissions.fromString("rw-r-----"));
    Files.createSymbolicLink(dir.resolve("latest.html"), dir.resolve("report.html"));
    // An extract's name as municipalities send it: spaces, Danish letters, a percent sign.
    Files.writeString(dir.resolve("restricted/Kommune 101 København udtræk 100%.csv"), "cpr;navn");
  }

  @Test
  void everyStatusAndListingIsHadoopsOwn() throws Exception {
    for (String name : List.of("", "restricted", "restricted/identity", "restricted/identity/part-0.parquet", "report.html",
        "latest.html", "restricted/Kommune 101 København udtræk 100%.csv")) {
      Path path = new Path(dir.resolve(name).toUri());
      assertSame(ours.getFileStatus(path), hadoops.getFileStatus(path));
      assertSame(ours.getFileLinkStatus(path), hadoops.getFileLinkStatus(path));
      FileStatus[] listedByUs = ours.listStatus(path);
      FileStatus[] listedByHadoop = hadoops.listStatus(path);
      assertThat(listedByUs).as(name).hasSameSizeAs(listedByHadoop);
      Arrays.sort(listedByUs, Comparator.comparing(FileStatus::getPath));
      Arrays.sort(listedByHadoop, Comparator.comparing(FileStatus::getPath));
      for (int i = 0; i < listedByUs.length; i++) {
        assertSame(listedByUs[i], listedByHadoop[i]);
      }
    }
    Path missing = new Path(dir.resolve("no such file").toUri());
    assertThatThrownBy(() -> ours.getFileStatus(missing)).isInstanceOf(FileNotFoundException.class)
        .hasMessage(messageOf(() -> hadoops.getFileStatus(missing)));
    assertThatThrownBy(() -> ours.listStatus(missing)).isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> ours.getFileLinkStatus(missing)).isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void permissionsAreSetAsAsked() throws Exception {
    Path report = new Path(dir.resolve("report.html").toUri());
    for (short mode : new short[] {0600, 0644, 0700, 0640, 0755, 0}) {
      ours.setPermission(report, new FsPermission(mode));
      assertThat(hadoops.getFileStatus(report).getPermission().toShort()).as(Integer.toOctalString(mode)).isEqualTo(mode);
    }
    Path created = new Path(dir.resolve("restricted/new.csv").toUri());
    ours.create(created, new FsPermission((short) 0600), false, 4096, (short) 1, 1 << 20, null).close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("restricted/new.csv"))))
        .isEqualTo("rw-------");
  }

  @Test
  void sessionsWriteAndRenameThroughIt() throws Exception {
    Configuration session = new Configuration();
    session.set("fs.file.impl", LocalDisk.class.getName());
    session.set("fs.AbstractFileSystem.file.impl", LocalDisk.Fs.class.getName());
    session.setBoolean("fs.file.impl.disable.cache", true);
    FileSystem fs = FileSystem.get(java.net.URI.create("file:///"), session);
    assertThat(fs).isInstanceOf(LocalDisk.class);
    Path commit = new Path(dir.resolve("_delta_log/.00000.json.tmp").toUri());
    try (var out = fs.create(commit)) {
      out.writeBytes("{\"commitInfo\":{}}");
    }
    FileContext context = FileContext.getFileContext(java.net.URI.create("file:///"), session);
    Path done = new Path(dir.resolve("_delta_log/00000.json").toUri());
    context.rename(commit, done, Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("_delta_log/00000.json"))).isEqualTo("{\"commitInfo\":{}}");
    assertThat(fs.exists(commit)).isFalse();
    assertThat(fs.exists(new Path(dir.resolve("_delta_log/.00000.json.crc").toUri()))).as("the checksum moved with it").isTrue();
    fs.close();
  }

  private static void assertSame(FileStatus ours, FileStatus hadoops) {
    String what = hadoops.getPath().toString();
    assertThat(ours.getPath()).as(what).isEqualTo(hadoops.getPath());
    assertThat(ours.getLen()).as(what).isEqualTo(hadoops.getLen());
    assertThat(ours.isDirectory()).as(what).isEqualTo(hadoops.isDirectory());
    assertThat(ours.getModificationTime()).as(what).isEqualTo(hadoops.getModificationTime());
    assertThat(ours.getAccessTime()).as(what).isEqualTo(hadoops.getAccessTime());
    assertThat(ours.getPermission()).as(what).isEqualTo(hadoops.getPermission());
    assertThat(ours.getOwner()).as(what).isEqualTo(hadoops.getOwner());
    assertThat(ours.getGroup()).as(what).isEqualTo(hadoops.getGroup());
    assertThat(ours.getReplication()).as(what).isEqualTo(hadoops.getReplication());
    assertThat(ours.getBlockSize()).as(what).isEqualTo(hadoops.getBlockSize());
  }

  private static String messageOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
      return "no failure";
    } catch (Throwable t) {
      return t.getMessage();
    }
  }
}
