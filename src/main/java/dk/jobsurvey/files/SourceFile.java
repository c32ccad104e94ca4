package dk.jobsurvey.files;

import java.util.Locale;

/**
 * A file found in the input folder.
 *
 * @param path its full path (any Hadoop file system)
 * @param name its path relative to the input folder, as reported to the analyst
 * @param size bytes
 */
public record SourceFile(String path, String name, long size) {
  public enum Kind { XLSX, CSV, OLD_EXCEL, OTHER }

  public Kind kind() {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".xlsx")) {
      return Kind.XLSX;
    }
    if (lower.endsWith(".csv")) {
      return Kind.CSV;
    }
    return lower.endsWith(".xls") ? Kind.OLD_EXCEL : Kind.OTHER;
  }
}
