package dk.jobsurvey.support;

import dk.jobsurvey.config.IngestSettings;
import dk.jobsurvey.files.CsvDialect;
import dk.jobsurvey.ingest.HeaderMapping;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The cells of one extract (.csv or .xlsx) as text, with its header row found as ingest finds it
 * (the first row, within the first 20, that maps the required columns, with the municipality's
 * header overrides; in a CSV file with {@link CsvDialect}'s encoding and separator), to be changed
 * cell by cell and written back in the file's own layout: a CSV file keeps its encoding, byte-order
 * mark, separator, quoting and line ends, every byte but the changed cells' as it was; a workbook
 * keeps its sheets, title rows and the styles of its cells.
 */
public final class ExtractCells {
  private static final int HEADER_SEARCH_ROWS = 20;

  /**
   * One table of the file: a CSV file, or a sheet of a workbook.
   *
   * @param sourceFile the name ingest gives its rows (a further sheet with a header: " [sheet]" after the file's name)
   * @param header the index in {@code lines} of the header row, -1 for a sheet without one
   * @param rowNumbers each line's number as ingest numbers rows (a CSV file's line, a sheet's row, from 1)
   * @param lines every line's cells, blank lines and lines above the header included
   */
  public record Table(String sourceFile, int header, List<Long> rowNumbers, List<List<String>> lines) {
    public List<String> headerCells() {
      return header < 0 ? List.of() : lines.get(header);
    }

    /** Indexes of the lines below the header that hold any text. */
    public List<Integer> dataLines() {
      List<Integer> data = new ArrayList<>();
      for (int i = header < 0 ? lines.size() : header + 1; i < lines.size(); i++) {
        if (lines.get(i).stream().anyMatch(cell -> !cell.isBlank())) {
          data.add(i);
        }
      }
      return data;
    }

    /** Indexes of the lines that hold text but are neither the header nor below it (title rows, a cover sheet). */
    public List<Integer> textLines() {
      List<Integer> text = new ArrayList<>();
      for (int i = 0; i < (header < 0 ? lines.size() : header); i++) {
        if (lines.get(i).stream().anyMatch(cell -> !cell.isBlank())) {
          text.add(i);
        }
      }
      return text;
    }
  }

  private record Change(Table table, int line, int column, String value) {}

  private final Path file;
  private final List<Table> tables = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();
  private final Map<String, String> overrides;
  private final IngestSettings settings;
  // A CSV file: its text (without a byte-order mark), and where each line's cells stand in it.
  private Charset charset;
  private boolean byteOrderMark;
  private char separator;
  private String text;
  private final List<List<int[]>> spans = new ArrayList<>();

  private ExtractCells(Path file, IngestSettings settings) {
    this.file = file;
    this.settings = settings;
    Matcher code = settings.fileNamePattern().matcher(file.getFileName().toString());
    this.overrides = settings.overridesFor(code.find() ? code.group(1) : null);
  }

  /** An extract's cells; {@code name} is the file's name as ingest gives it (its path under the input folder). */
  public static ExtractCells read(Path file, String name, IngestSettings settings) throws Exception {
    ExtractCells cells = new ExtractCells(file, settings);
    if (file.getFileName().toString().endsWith(".xlsx")) {
      cells.readWorkbook(name);
    } else {
      cells.readCsv(name);
    }
    return cells;
  }

  public List<Table> tables() {
    return List.copyOf(tables);
  }

  /** Whether the file's encoding can hold {@code value}. */
  public boolean canWrite(String value) {
    if (charset == null) {
      return true;
    }
    CharsetEncoder encoder = charset.newEncoder();
    return encoder.canEncode(value);
  }

  /** Changes one cell (of a line that exists; the column may lie past the line's last cell in a workbook). */
  public void set(Table table, int line, int column, String value) {
    List<String> cells = table.lines().get(line);
    while (cells.size() <= column) {
      cells.add("");
    }
    cells.set(column, value);
    changes.add(new Change(table, line, column, value));
  }

  /** How ingest maps a table's header: canonical column → header, and the headers it does not know. */
  public HeaderMapping mapping(Table table) {
    return HeaderMapping.of(table.headerCells(), settings.headers(), overrides, List.of());
  }

  /** Writes the changed cells into the file, in its layout. */
  public void write() throws Exception {
    if (charset == null) {
      writeWorkbook();
    } else {
      writeCsv();
    }
  }

  private Predicate<List<String>> isHeader() {
    return cells -> HeaderMapping.of(cells, settings.headers(), overrides, settings.requiredColumns()).problem().isEmpty();
  }

  private void readCsv(String name) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    CsvDialect dialect = CsvDialect.detect(bytes, false, settings.csv(), isHeader());
    charset = dialect.charset();
    separator = dialect.separator();
    String decoded = new String(bytes, charset);
    byteOrderMark = decoded.startsWith("\uFEFF");
    text = byteOrderMark ? decoded.substring(1) : decoded;
    List<Long> numbers = new ArrayList<>();
    List<List<String>> lines = new ArrayList<>();
    int header = -1;
    int i = 0;
    long line = 1;
    while (i < text.length()) {
      numbers.add(line);
      if (line == dialect.headerIndex() + 1) {
        header = lines.size();
      }
      List<String> cells = new ArrayList<>();
      List<int[]> where = new ArrayList<>();
      boolean more = true;
      while (more) {
        int start = i;
        StringBuilder value = new StringBuilder();
        if (i < text.length() && text.charAt(i) == '"') {
          i++;
          while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"' && (i == text.length() || text.charAt(i) != '"')) {
              break;
            }
            i += c == '"' ? 1 : 0; // a doubled quote is one quote
            line += c == '\n' ? 1 : 0;
            value.append(c);
          }
        }
        while (i < text.length() && text.charAt(i) != separator && text.charAt(i) != '\n') {
          value.append(text.charAt(i++));
        }
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        where.add(new int[] {start, end});
        cells.add(value.toString().replaceFirst("\r$", ""));
        more = i < text.length() && text.charAt(i) == separator;
        i++;
      }
      line++;
      lines.add(cells);
      spans.add(where);
    }
    tables.add(new Table(name, header, numbers, lines));
  }

  private void writeCsv() throws Exception {
    StringBuilder changed = new StringBuilder(text);
    List<Change> byPlace = new ArrayList<>(changes);
    // From the end of the text: a change does not move the cells before it.
    byPlace.sort(Comparator.comparingInt((Change c) -> spans.get(c.line()).get(c.column())[0]).reversed());
    for (Change change : byPlace) {
      int[] span = spans.get(change.line()).get(change.column());
      changed.replace(span[0], span[1], quoted(change.value()));
    }
    Files.write(file, ((byteOrderMark ? "\uFEFF" : "") + changed).getBytes(charset));
  }

  private String quoted(String value) {
    boolean quote = value.indexOf(separator) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  private XSSFWorkbook workbook;

  private void readWorkbook(String name) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      workbook = new XSSFWorkbook(in);
    }
    DataFormatter formatter = new DataFormatter();
    formatter.setUseCachedValuesForFormulaCells(true);
    int withHeader = 0;
    for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
      Sheet sheet = workbook.getSheetAt(s);
      List<Long> numbers = new ArrayList<>();
      List<List<String>> lines = new ArrayList<>();
      int header = -1;
      for (Row row : sheet) {
        List<String> cells = new ArrayList<>();
        for (Cell cell : row) {
          while (cells.size() < cell.getColumnIndex()) {
            cells.add("");
          }
          cells.add(formatter.formatCellValue(cell).strip());
        }
        if (header < 0 && row.getRowNum() < HEADER_SEARCH_ROWS && isHeader().test(cells)) {
          header = lines.size();
        }
        numbers.add((long) row.getRowNum() + 1);
        lines.add(cells);
      }
      String part = header < 0 || withHeader++ == 0 ? "" : " [" + sheet.getSheetName() + "]";
      tables.add(new Table(name + part, header, numbers, lines));
    }
  }

  private void writeWorkbook() throws Exception {
    for (Change change : changes) {
      int index = 0;
      while (tables.get(index) != change.table()) {
        index++;
      }
      Sheet sheet = workbook.getSheetAt(index);
      Row row = sheet.getRow((int) (change.table().rowNumbers().get(change.line()) - 1));
      Cell cell = row.getCell(change.column()) == null ? row.createCell(change.column()) : row.getCell(change.column());
      cell.setBlank(); // a formula or a date cell becomes a text cell
      cell.setCellValue(change.value());
      if (cell.getCellType() != CellType.STRING) {
        throw new IllegalStateException("not a text cell");
      }
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      workbook.write(out);
    }
    workbook.close();
  }
}
