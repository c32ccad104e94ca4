package dk.jobsurvey.warehouse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;

/**
 * Hadoop's local file system (the {@code file:} scheme, checksums beside each file) on
 * {@link LocalPermissions.RawFileSystem}: the same files, without a {@code chmod}, {@code ls} or
 * {@code readlink} process per file. Every session registers it ({@code fs.file.impl}); Delta's
 * commits go through Hadoop's other file API, registered as {@link Fs}.
 */
public class LocalDisk extends LocalFileSystem {
  public LocalDisk() {
    super(new LocalPermissions.RawFileSystem());
  }

  /** The same for Hadoop's {@code FileContext} ({@code fs.AbstractFileSystem.file.impl}), as its {@code LocalFs}. */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new Raw(uri, conf));
    }
  }

  /** As Hadoop's {@code RawLocalFs}, on the raw file system above. */
  private static final class Raw extends DelegateToFileSystem {
    Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new LocalPermissions.RawFileSystem(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(org.apache.hadoop.fs.Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }
}
