package dk.jobsurvey.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Looks at every file under a folder for values that look like a CPR or phone number, whatever the
 * file is: Parquet data and checkpoint files are decoded (their text columns, at any depth, with one
 * Spark job per folder of Parquet files), workbooks and other zip files are unpacked, and every
 * other file (transaction logs, checksums, HTML, CSV, anything) is read as text. For the erase
 * job's check that nothing identifying is left outside restricted/ and in the work folders.
 *
 * <p>Cost: a read of every byte under the folder; Parquet files are read by Spark, one job per
 * folder that holds them.
 */
public final class IdentifierScan {
  /**
   * The gate's patterns, except where the digits are the decimals of a number ("0.1205981234"):
   * files hold numbers in text form (logs, sheet XML), and a fraction is not a CPR number.
   */
  private static final Map<IdentifierPatterns.Kind, List<Pattern>> IN_FILE_TEXT = new LinkedHashMap<>();

  static {
    for (IdentifierPatterns.Kind kind : IdentifierPatterns.Kind.values()) {
      IN_FILE_TEXT.put(kind, IdentifierPatterns.regexes(kind).stream()
          .map(regex -> Pattern.compile("(?<![0-9][.,])(?:" + regex + ")")).toList());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Unicode's symbol for the unit separator: a mark between PDF words that no pattern takes for part of a number. */
  private static final String PDF_GAP = "\u241F";
  private static final Pattern HEX_RUN = Pattern.compile("[0-9a-f][0-9a-f-]{15,}");

  private final SparkSession spark;
  private final FileSystem fs;

  public IdentifierScan(SparkSession spark, FileSystem fs) {
    this.spark = spark;
    this.fs = fs;
  }

  /** What was found: one line per file, naming the file and the kind of value, never the value. */
  public List<String> findings(Path folder, List<Path> skipped) throws IOException {
    List<String> findings = new ArrayList<>();
    if (!fs.exists(folder)) {
      return findings;
    }
    Map<Path, List<String>> parquetByFolder = new LinkedHashMap<>();
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(folder, true);
    while (listing.hasNext()) {
      Path file = listing.next().getPath();
      if (skipped.stream().anyMatch(s -> file.toUri().getPath().startsWith(fs.makeQualified(s).toUri().getPath() + "/"))) {
        continue;
      }
      if (file.getName().endsWith(".parquet")) {
        parquetByFolder.computeIfAbsent(file.getParent(), f -> new ArrayList<>()).add(file.toString());
      } else if (file.getName().startsWith(".") && file.getName().endsWith(".crc")) {
        continue; // Hadoop's checksum of the file beside it: binary, and no data of its own
      } else {
        kindIn(file).ifPresent(kind -> findings.add(file.toUri().getPath() + " holds " + kind.description()));
      }
    }
    for (Map.Entry<Path, List<String>> entry : parquetByFolder.entrySet()) {
      Dataset<Row> rows = spark.read().option("mergeSchema", "true").parquet(entry.getValue().toArray(new String[0]));
      if (entry.getKey().getName().equals("_delta_log")) {
        // A checkpoint: the log's actions as Parquet, a few rows per table file; read as the JSON log is.
        for (String action : rows.toJSON().collectAsList()) {
          kindInJson(JSON.readTree(action)).ifPresent(kind -> findings.add(entry.getKey().toUri().getPath()
              + ": a checkpoint holds " + kind.description()));
        }
        continue;
      }
      long hits = rows.where(IdentifierValues.anyIdentifier(rows.schema())).count();
      if (hits > 0) {
        findings.add(entry.getKey().toUri().getPath() + ": " + hits + " Parquet row(s) hold a value that looks like a CPR or phone number");
      }
    }
    return findings;
  }

  private Optional<IdentifierPatterns.Kind> kindIn(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = fs.open(file)) {
      bytes = in.readAllBytes();
    }
    if (bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
      return kindInZip(bytes);
    }
    if (bytes.length > 4 && new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
      return kindInPdf(bytes);
    }
    // _last_checkpoint is JSON too: the checkpoint's version, sizes and an MD5 checksum whose hex may hold eight digits in a row.
    if (file.getParent().getName().equals("_delta_log") && (file.getName().endsWith(".json") || file.getName().endsWith(".crc")
        || file.getName().equals("_last_checkpoint"))) {
      return kindInDeltaLog(new String(bytes, StandardCharsets.UTF_8));
    }
    return kindInText(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Optional<IdentifierPatterns.Kind> kindInText(String text) {
    for (Map.Entry<IdentifierPatterns.Kind, List<Pattern>> entry : IN_FILE_TEXT.entrySet()) {
      if (entry.getValue().stream().anyMatch(p -> p.matcher(text).find())) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  /** Each line of a Delta log file is a JSON action; their text values, with the stats strings parsed in turn. */
  private static Optional<IdentifierPatterns.Kind> kindInDeltaLog(String text) throws IOException {
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        Optional<IdentifierPatterns.Kind> kind = kindInJson(JSON.readTree(line));
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<IdentifierPatterns.Kind> kindInJson(JsonNode node) throws IOException {
    if (node.isTextual()) {
      String value = node.textValue();
      if (value.startsWith("{")) {
        return kindInJson(JSON.readTree(value));
      }
      // Data file names hold a UUID (part-00000-<uuid>-c000.snappy.parquet), and column statistics keep the first 32
      // characters of a pseudonym or run id: runs of lowercase hex are digests, their digits no one's number.
      return IdentifierPatterns.find(HEX_RUN.matcher(value).replaceAll(" "));
    }
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      if (!field.getKey().equals("operationMetrics")) {
        Optional<IdentifierPatterns.Kind> kind = kindInJson(field.getValue());
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    for (JsonNode element : (Iterable<JsonNode>) node::elements) {
      if (node.isArray()) {
        Optional<IdentifierPatterns.Kind> kind = kindInJson(element);
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A PDF's text as a reader sees it (its bytes are compressed streams and ten-digit cross-reference offsets). Table
   * cells and lines are joined with a mark that is no separator of a number: joined by spaces, the cells "72 68 76 45"
   * of one row would read as a phone number. Spaces typed inside a text stay spaces; a number broken over two lines is
   * found in the HTML the PDF was printed from.
   */
  private static Optional<IdentifierPatterns.Kind> kindInPdf(byte[] bytes) throws IOException {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setWordSeparator(PDF_GAP);
      stripper.setLineSeparator(PDF_GAP + "\n");
      return kindInText(stripper.getText(document));
    }
  }

  /** Every entry of a zip file (a workbook is one) as text. */
  private static Optional<IdentifierPatterns.Kind> kindInZip(byte[] bytes) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        // Sheet XML keeps cell text between tags: strip them so "<t>0101</t>" does not hide digits next to markup.
        String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        Optional<IdentifierPatterns.Kind> kind = kindInText(text.replaceAll("<[^>]*>", " "));
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    return Optional.empty();
  }
}
