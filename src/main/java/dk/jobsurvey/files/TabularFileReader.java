package dk.jobsurvey.files;

import dk.jobsurvey.config.IngestSettings.CsvSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.EmptyFileException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one .xlsx or .csv file as strings: its header row (read first on the driver, a few
 * kilobytes, so a file that cannot be used is rejected with the reason before Spark touches it)
 * and its cells as the {@link TableRows} its Spark tasks emit.
 *
 * <p>The header row is the first row, within the first {@value #HEADER_SEARCH_ROWS}, that the
 * caller's test accepts (for extracts: the first row that maps the required columns), so title and
 * blank rows above it are skipped; in a workbook every sheet is searched, sheets with the same
 * header are read together as one extract (rows of a further sheet get " [sheet]" as
 * {@link TableRows#SOURCE_PART}), and sheets with different headers reject the file, as does a sheet
 * without the header whose first rows hold CPR numbers (data that would otherwise be left out). When no row passes the
 * test, the first row is taken, so that the caller's own message says what is missing. .xlsx is read in Spark tasks by
 * the streaming reader under spark-excel ({@link XlsxSheetRows}), .csv by univocity, the parser
 * under Spark's CSV reader ({@link CsvFileRows}), with the detected encoding and separator: both
 * number rows as the file does (Excel's row numbers; a CSV's lines, blank lines included) and turn a
 * file that breaks off into a problem row rather than a failed job. Used for municipal extracts and
 * survey-tool exports alike.
 */
public final class TabularFileReader {
  public static final int HEADER_SEARCH_ROWS = 20;
  private static final int HEAD_BYTES = 64 * 1024;
  private static final ProblemText PASSWORD_PROTECTED = new ProblemText(
      "the workbook is password-protected; send it without a password",
      "Projektmappen er beskyttet med adgangskode; send den uden adgangskode");
  /** A cell that is a CPR number, as a sheet without a header might hold them. */
  private static final java.util.regex.Pattern CPR_NUMBER = java.util.regex.Pattern.compile(
      dk.jobsurvey.warehouse.IdentifierPatterns.CPR_LIKE);
  private static final ProblemText EMPTY = new ProblemText("the file is empty (0 bytes)", "Filen er tom (0 byte)");

  /** A readable file's headers and cells, or why it cannot be read. */
  public record Result(List<String> headers, Optional<Dataset<org.apache.spark.sql.Row>> cells, Optional<FileRejection> rejection) {
    static Result rejected(SourceFile file, ProblemText problem) {
      return new Result(List.of(), Optional.empty(), Optional.of(new FileRejection(file.name(), problem)));
    }
  }

  private final SparkSession spark;
  private final CsvSettings csv;

  public TabularFileReader(SparkSession spark, CsvSettings csv) {
    this.spark = spark;
    this.csv = csv;
  }

  /** A file whose header is its first row (survey exports). */
  public Result read(SourceFile file) {
    return read(file, cells -> true);
  }

  /** A file whose header is the first row that {@code isHeader} accepts, within the first rows. */
  public Result read(SourceFile file, Predicate<List<String>> isHeader) {
    if (file.size() == 0) {
      return Result.rejected(file, EMPTY);
    }
    try {
      return switch (file.kind()) {
        case XLSX -> readXlsx(file, isHeader);
        case CSV -> readCsv(file, isHeader);
        case OLD_EXCEL -> Result.rejected(file, new ProblemText("old Excel format (.xls) is not read; save it as .xlsx or .csv",
            "Det gamle Excel-format (.xls) kan ikke læses; gem filen som .xlsx eller .csv"));
        case OTHER -> Result.rejected(file, new ProblemText("not a table (.xlsx or .csv)", "Ikke en tabel (.xlsx eller .csv)"));
      };
    } catch (IOException e) {
      String failure = e.getClass().getSimpleName();
      return Result.rejected(file, new ProblemText("cannot be read: " + failure, "Filen kan ikke læses: " + failure));
    }
  }

  /** A sheet's header row: the sheet's index and name, the row's 0-based index, its cells. */
  private record SheetHeader(int sheet, String name, int row, List<String> cells) {}

  private Result readXlsx(SourceFile file, Predicate<List<String>> isHeader) throws IOException {
    List<SheetHeader> found = new ArrayList<>();
    List<String> headerlessWithCprNumbers = new ArrayList<>();
    SheetHeader first = null;
    try (InputStream in = open(file); Workbook workbook = XlsxSheetRows.open(in, 10, 4096)) {
      if (workbook.getNumberOfSheets() == 0) {
        return Result.rejected(file, new ProblemText("the workbook has no sheet", "Projektmappen har intet ark"));
      }
      for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
        Sheet sheet = workbook.getSheetAt(s);
        Iterator<Row> rows = sheet.rowIterator();
        boolean header = false;
        boolean cprNumbers = false;
        while (rows.hasNext()) {
          Row row = rows.next();
          if (row.getRowNum() >= HEADER_SEARCH_ROWS) {
            break;
          }
          List<String> cells = cells(row);
          if (first == null && s == 0) {
            first = new SheetHeader(s, sheet.getSheetName(), row.getRowNum(), cells);
          }
          if (isHeader.test(cells)) {
            found.add(new SheetHeader(s, sheet.getSheetName(), row.getRowNum(), cells));
            header = true;
            break;
          }
          cprNumbers |= cells.stream().anyMatch(cell -> CPR_NUMBER.matcher(cell).matches());
        }
        if (!header && cprNumbers && s > 0) {
          headerlessWithCprNumbers.add(sheet.getSheetName());
        }
      }
    } catch (EncryptedDocumentException e) {
      return Result.rejected(file, PASSWORD_PROTECTED);
    } catch (EmptyFileException e) {
      return Result.rejected(file, EMPTY);
    } catch (NotOfficeXmlFileException e) {
      return Result.rejected(file, isEncrypted(file) ? PASSWORD_PROTECTED
          : new ProblemText("not a valid .xlsx workbook (corrupt, truncated or another format)",
              "Ikke en gyldig .xlsx-projektmappe (beskadiget, afkortet eller et andet format)"));
    } catch (org.apache.poi.util.RecordFormatException e) {
      return Result.rejected(file, new ProblemText("a sheet is larger than " + (XlsxSheetRows.MAX_PART_BYTES >> 20)
          + " MiB unpacked, more than is read from a workbook; send the extract as .csv",
          "Et ark fylder mere end " + (XlsxSheetRows.MAX_PART_BYTES >> 20) + " MiB udpakket, mere end der læses fra en "
          + "projektmappe; send udtrækket som .csv"));
    } catch (RuntimeException e) {
      String failure = e.getClass().getSimpleName();
      return Result.rejected(file, new ProblemText("not a valid .xlsx workbook (corrupt or truncated: " + failure + ")",
          "Ikke en gyldig .xlsx-projektmappe (beskadiget eller afkortet: " + failure + ")"));
    }
    if (found.isEmpty()) {
      found.add(first == null ? new SheetHeader(0, "", 0, List.of()) : first);
    }
    List<String> headers = found.get(0).cells();
    if (!headerlessWithCprNumbers.isEmpty()) {
      String sheet = headerlessWithCprNumbers.get(0);
      return Result.rejected(file, new ProblemText("the sheet «" + sheet + "» holds CPR numbers but no header row, so its rows "
          + "would be left out; put the header row above them, or move them under the header on «" + found.get(0).name() + "»",
          "Arket «" + sheet + "» indeholder CPR-numre, men ingen overskriftsrække, så dets rækker ville blive udeladt; "
          + "sæt overskriftsrækken over dem, eller flyt dem ind under overskriften på «" + found.get(0).name() + "»"));
    }
    for (SheetHeader other : found.subList(1, found.size())) {
      if (!folded(other.cells()).equals(folded(headers))) {
        return Result.rejected(file, new ProblemText("the sheets «" + found.get(0).name() + "» and «" + other.name()
            + "» have different header rows; send the extract on one sheet, or the same columns on every sheet",
            "Arkene «" + found.get(0).name() + "» og «" + other.name()
            + "» har forskellige overskriftsrækker; send udtrækket på ét ark, eller med de samme kolonner på alle ark"));
      }
    }
    int[] sheets = found.stream().mapToInt(SheetHeader::sheet).toArray();
    int[] headerRows = found.stream().mapToInt(SheetHeader::row).toArray();
    Dataset<org.apache.spark.sql.Row> rows = spark.read().format("binaryFile").load(file.path())
        .select("content")
        .mapPartitions(new XlsxSheetRows(headers.size(), sheets, headerRows), Encoders.row(TableRows.schema(headers.size())));
    return new Result(headers, Optional.of(rows), Optional.empty());
  }

  private static List<String> folded(List<String> cells) {
    return cells.stream().map(Labels::fold).filter(c -> !c.isEmpty()).toList();
  }

  /** Excel saves a workbook with a password as an encrypted OLE2 container with an EncryptionInfo stream. */
  private boolean isEncrypted(SourceFile file) throws IOException {
    try (InputStream in = open(file); POIFSFileSystem container = new POIFSFileSystem(in)) {
      return container.getRoot().hasEntry("EncryptionInfo");
    } catch (IOException | RuntimeException notOle2) {
      return false;
    }
  }

  private static List<String> cells(Row row) {
    DataFormatter formatter = XlsxSheetRows.formatter();
    List<String> cells = new ArrayList<>();
    for (Cell cell : row) {
      while (cells.size() < cell.getColumnIndex()) {
        cells.add("");
      }
      cells.add(XlsxSheetRows.text(cell, formatter).strip());
    }
    return cells;
  }

  private Result readCsv(SourceFile file, Predicate<List<String>> isHeader) throws IOException {
    byte[] head;
    try (FSDataInputStream in = open(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    CsvDialect dialect = CsvDialect.detect(head, file.size() > head.length, csv, isHeader);
    List<String> headers = splitHeader(dialect.headerLine(), dialect.separator());
    Dataset<org.apache.spark.sql.Row> rows = spark.read().format("binaryFile").load(file.path())
        .select("content")
        .mapPartitions(new CsvFileRows(dialect.charset(), dialect.separator(), headers.size(), dialect.headerIndex()),
            Encoders.row(TableRows.schema(headers.size())));
    return new Result(headers, Optional.of(rows), Optional.empty());
  }

  /** Header cells of a CSV header line; quotes around a header are removed. */
  static List<String> splitHeader(String line, char separator) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == separator && !quoted) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  private FSDataInputStream open(SourceFile file) throws IOException {
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.open(path);
  }

  /** Every file under {@code input}, sub-folders included, skipping hidden and lock files; sorted by name. */
  public static List<SourceFile> discover(SparkSession spark, String input) throws IOException {
    Path root = new Path(input);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
      throw new IOException("--input " + input + " is not a folder");
    }
    String prefix = fs.makeQualified(root).toString();
    List<SourceFile> files = new ArrayList<>();
    var listing = fs.listFiles(root, true);
    while (listing.hasNext()) {
      var status = listing.next();
      String full = status.getPath().toString();
      String relative = full.startsWith(prefix) ? full.substring(prefix.length()).replaceFirst("^/", "") : status.getPath().getName();
      if (status.getPath().getName().startsWith(".") || status.getPath().getName().startsWith("~$")) {
        continue;
      }
      files.add(new SourceFile(full, relative, status.getLen()));
    }
    files.sort((a, b) -> a.name().compareTo(b.name()));
    return files;
  }
}
