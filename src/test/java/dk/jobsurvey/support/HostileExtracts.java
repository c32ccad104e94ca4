package dk.jobsurvey.support;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import dk.jobsurvey.config.HeaderAliases;
import dk.jobsurvey.ingest.HeaderMapping;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Turns generated extracts into what a careless sender or an attacker would send: identifiers of
 * the file's own people (CPR numbers, full names, phone numbers, in the separators people type)
 * written into the columns that should never hold them (kommunekode, ydelse, the dates, the yes/no
 * columns, columns nobody asked for), one file with its Navn and Ydelse headers swapped, names that
 * are spreadsheet formulas, and path-like and colon municipality codes. Works on every layout the
 * generator writes (.xlsx, and .csv in UTF-8 or Windows-1252).
 */
public final class HostileExtracts {
  /** The columns that are not identifiers and so must never carry one out of restricted/. */
  private static final List<String> FREE_FORM = List.of("kommunekode", "ydelse", "dato_overgang", "dato_seneste_samtale",
      "afsluttet_forloeb", "passiv");
  private static final String[] CPR_SEPARATORS = {"", "-", " ", "\u00A0", "\u2011", "\u2013", "."};
  private static final String[] PHONE_SEPARATORS = {" ", ".", "\u00A0", "-"};
  public static final List<String> FORMULA_NAMES = List.of("=HYPERLINK(\"http://example.invalid\",\"klik\")",
      "+2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0");
  private static final List<String> HOSTILE_CODES = List.of("../../../x", "a:b", "..", "/etc/passwd");

  private final Random random;
  private final HeaderAliases aliases;
  private int mutatedCells;

  public HostileExtracts(long seed, HeaderAliases aliases) {
    this.random = new Random(seed);
    this.aliases = aliases;
  }

  /** How many cells were given a hostile value. */
  public int mutatedCells() {
    return mutatedCells;
  }

  /** Rewrites every extract under {@code folder} in place; the first CSV file gets its Navn and Ydelse headers swapped. */
  public void mutate(Path folder) throws Exception {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".xlsx")).sorted().toList();
    }
    boolean swapped = false;
    for (Path file : files) {
      boolean swap = !swapped && file.toString().endsWith(".csv");
      swapped |= swap;
      if (file.toString().endsWith(".csv")) {
        mutateCsv(file, swap);
      } else {
        mutateXlsx(file);
      }
    }
  }

  /**
   * Writes CPR and phone numbers of the given people, in the separators people type, into about a
   * third of the free-text answers (q14, q15) of a survey export (';'-separated, UTF-8).
   */
  public void mutateFreeTexts(Path export, List<String> cprs, List<String> phones, List<String> names) throws Exception {
    CsvParserSettings parsing = new CsvParserSettings();
    parsing.getFormat().setDelimiter(';');
    parsing.getFormat().setLineSeparator("\n");
    parsing.setMaxCharsPerColumn(-1);
    parsing.setNullValue("");
    parsing.setEmptyValue("");
    List<String[]> all = new CsvParser(parsing).parseAll(new StringReader(Files.readString(export)));
    String[] header = all.get(0);
    List<Integer> texts = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      if (header[c].equals("q14") || header[c].equals("q15")) {
        texts.add(c);
      }
    }
    for (String[] row : all.subList(1, all.size())) {
      if (random.nextInt(3) == 0) {
        int column = texts.get(random.nextInt(texts.size()));
        String cpr = cpr(cprs.get(random.nextInt(cprs.size())), false);
        String phone = phone(phones.get(random.nextInt(phones.size())), false);
        String name = names.get(random.nextInt(names.size()));
        name = random.nextBoolean() ? name : name.toLowerCase(java.util.Locale.ROOT);
        row[column] = (row[column] + (random.nextBoolean() ? " Mit cpr er " + cpr + ", ring på " + phone + ". Hilsen " + name
            : " tlf." + phone + " / cpr-nr. " + cpr + " (" + name + ")")).strip();
        mutatedCells++;
      }
    }
    CsvWriterSettings writing = new CsvWriterSettings();
    writing.getFormat().setDelimiter(';');
    writing.getFormat().setLineSeparator("\n");
    try (OutputStreamWriter writer = new OutputStreamWriter(Files.newOutputStream(export), StandardCharsets.UTF_8)) {
      CsvWriter csv = new CsvWriter(writer, writing);
      all.forEach(row -> csv.writeRow((Object[]) row));
      csv.close();
    }
  }

  /** A value for one row, from the identifiers of the file's rows. */
  private String hostileValue(List<List<String>> rows, int cprColumn, int navnColumn, int telefonColumn, boolean ascii) {
    List<String> donor = rows.get(random.nextInt(rows.size()));
    switch (random.nextInt(4)) {
      case 0:
        return cpr(donor.get(cprColumn), ascii);
      case 1:
        return donor.get(navnColumn);
      case 2:
        return telefonColumn >= 0 && donor.get(telefonColumn) != null && !donor.get(telefonColumn).isBlank()
            ? phone(donor.get(telefonColumn), ascii) : cpr(donor.get(cprColumn), ascii);
      default:
        return donor.get(navnColumn) + " " + cpr(donor.get(cprColumn), ascii);
    }
  }

  private String cpr(String raw, boolean ascii) {
    String digits = raw == null ? "" : raw.replaceAll("[^0-9]", "");
    if (digits.length() == 9) {
      digits = "0" + digits;
    }
    if (digits.length() != 10) {
      return raw;
    }
    String separator = CPR_SEPARATORS[random.nextInt(ascii ? 3 : CPR_SEPARATORS.length)];
    return digits.substring(0, 6) + separator + digits.substring(6);
  }

  private String phone(String raw, boolean ascii) {
    String digits = raw.replaceAll("[^0-9]", "");
    digits = digits.substring(Math.max(0, digits.length() - 8));
    String separator = PHONE_SEPARATORS[random.nextInt(ascii ? 2 : PHONE_SEPARATORS.length)];
    String grouped = random.nextBoolean() ? String.join(separator, digits.substring(0, 2), digits.substring(2, 4),
        digits.substring(4, 6), digits.substring(6)) : digits.substring(0, 4) + separator + digits.substring(4);
    return random.nextInt(3) == 0 ? "+45 " + grouped : grouped;
  }

  /** Mutates the data rows in place: about one row in six gets an identifier in a free-form column. */
  private void mutateRows(List<String> headers, List<List<String>> rows, boolean ascii) {
    HeaderMapping mapping = HeaderMapping.of(headers, aliases, List.of());
    Map<String, String> columns = mapping.columns();
    int cpr = headers.indexOf(columns.get("cpr"));
    int navn = headers.indexOf(columns.get("navn"));
    int telefon = columns.containsKey("telefon") ? headers.indexOf(columns.get("telefon")) : -1;
    List<Integer> targets = new ArrayList<>();
    FREE_FORM.stream().filter(columns::containsKey).forEach(c -> targets.add(headers.indexOf(columns.get(c))));
    mapping.extraHeaders().forEach(h -> targets.add(headers.indexOf(h)));
    int kommunekode = columns.containsKey("kommunekode") ? headers.indexOf(columns.get("kommunekode")) : -1;
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (random.nextInt(6) == 0) {
        int column = targets.get(random.nextInt(targets.size()));
        row.set(column, hostileValue(rows, cpr, navn, telefon, ascii));
        mutatedCells++;
      } else if (random.nextInt(40) == 0) {
        row.set(navn, FORMULA_NAMES.get(random.nextInt(FORMULA_NAMES.size())));
        mutatedCells++;
      } else if (kommunekode >= 0 && random.nextInt(40) == 0) {
        row.set(kommunekode, HOSTILE_CODES.get(random.nextInt(HOSTILE_CODES.size())));
        mutatedCells++;
      }
    }
  }

  private void mutateCsv(Path file, boolean swapNameAndBenefit) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Charset charset = isUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    String text = new String(bytes, charset);
    boolean bom = text.startsWith("\uFEFF");
    CsvParserSettings parsing = new CsvParserSettings();
    parsing.getFormat().setDelimiter(';');
    parsing.getFormat().setLineSeparator(text.contains("\r\n") ? "\r\n" : "\n");
    parsing.setMaxCharsPerColumn(-1);
    parsing.setNullValue("");
    parsing.setEmptyValue("");
    List<List<String>> all = new ArrayList<>();
    for (String[] cells : new CsvParser(parsing).parseAll(new StringReader(bom ? text.substring(1) : text))) {
      all.add(new ArrayList<>(Arrays.asList(cells)));
    }
    List<String> headers = all.get(0);
    List<List<String>> rows = all.subList(1, all.size());
    mutateRows(headers, rows, charset != StandardCharsets.UTF_8);
    if (swapNameAndBenefit) {
      HeaderMapping mapping = HeaderMapping.of(headers, aliases, List.of());
      int navn = headers.indexOf(mapping.columns().get("navn"));
      int ydelse = headers.indexOf(mapping.columns().get("ydelse"));
      String navnHeader = headers.get(navn);
      headers.set(navn, headers.get(ydelse));
      headers.set(ydelse, navnHeader);
    }
    CsvWriterSettings writing = new CsvWriterSettings();
    writing.getFormat().setDelimiter(';');
    writing.getFormat().setLineSeparator(parsing.getFormat().getLineSeparatorString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(out, charset)) {
      if (bom) {
        writer.write('\uFEFF');
      }
      CsvWriter csv = new CsvWriter(writer, writing);
      all.forEach(row -> csv.writeRow(row.toArray()));
      csv.close();
    }
    Files.write(file, out.toByteArray());
  }

  private void mutateXlsx(Path file) throws Exception {
    XSSFWorkbook workbook;
    try (InputStream in = Files.newInputStream(file)) {
      workbook = new XSSFWorkbook(in);
    }
    Sheet sheet = workbook.getSheetAt(0);
    DataFormatter formatter = new DataFormatter();
    List<List<String>> all = new ArrayList<>();
    int width = sheet.getRow(0).getLastCellNum();
    for (Row row : sheet) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        Cell cell = row.getCell(c);
        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
      }
      all.add(cells);
    }
    List<List<String>> rows = all.subList(1, all.size());
    List<List<String>> before = rows.stream().map(r -> (List<String>) new ArrayList<>(r)).toList();
    mutateRows(all.get(0), rows, false);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < width; c++) {
        if (!rows.get(r).get(c).equals(before.get(r).get(c))) {
          Row row = sheet.getRow(r + 1);
          Cell cell = row.getCell(c) == null ? row.createCell(c) : row.getCell(c);
          cell.setBlank();
          cell.setCellValue(rows.get(r).get(c));
          if (cell.getCellType() != CellType.STRING) {
            throw new IllegalStateException("not a text cell");
          }
        }
      }
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      workbook.write(out);
    }
    workbook.close();
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
