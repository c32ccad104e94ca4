package dk.jobsurvey.support;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import dk.jobsurvey.config.IngestSettings;
import dk.jobsurvey.ingest.HeaderMapping;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns extracts into what a careless sender or an attacker would send: identifiers (CPR numbers,
 * full names, phone numbers, in the separators people type) written into the columns that should
 * never hold them (kommunekode, ydelse, the dates, the yes/no columns, columns nobody asked for,
 * columns without a header) and into the text above the header, names that are spreadsheet
 * formulas, path-like and colon municipality codes, and, if asked, one file with its Navn and
 * Ydelse headers swapped. Every free-form column of every table of a file (a CSV file, each sheet
 * of a workbook) gets a hostile value in at least one row, and one row in {@code oneRowIn} one
 * more. The identifiers are those of the extracts' own people (the cpr, navn and telefon columns of
 * all files). Works on any layout ingest reads ({@link ExtractCells}): CSV in any encoding,
 * separator, quoting and header row, workbooks with title rows and several sheets; each file is
 * written back in its own layout.
 */
public final class HostileExtracts {
  /** The columns that are not identifiers and so must never carry one out of restricted/. */
  public static final List<String> FREE_FORM = List.of("kommunekode", "ydelse", "dato_overgang", "dato_seneste_samtale",
      "afsluttet_forloeb", "passiv");
  private static final String[] CPR_SEPARATORS = {"", "-", " ", "\u00A0", "\u2011", "\u2013", "."};
  private static final String[] PHONE_SEPARATORS = {" ", ".", "\u00A0", "-"};
  public static final List<String> FORMULA_NAMES = List.of("=HYPERLINK(\"http://example.invalid\",\"klik\")",
      "+2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0");
  private static final List<String> HOSTILE_CODES = List.of("../../../x", "a:b", "..", "/etc/passwd");

  /**
   * One hostile cell.
   *
   * @param sourceFile the name ingest gives the row's file (and sheet)
   * @param row the row's number, as ingest numbers it (source_row)
   * @param column the canonical column, "extra" for a header no column fits, "unnamed" for a column without a header,
   *     "title" for text above the header or on a sheet without one, "navn" for a formula name
   */
  public record Mutation(String sourceFile, long row, String column, String value) {}

  private final Random random;
  private final IngestSettings settings;
  private final List<String> cprs = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<String> phones = new ArrayList<>();
  private final List<Mutation> mutations = new ArrayList<>();
  private int freeTexts;

  public HostileExtracts(long seed, IngestSettings settings) {
    this.random = new Random(seed);
    this.settings = settings;
  }

  /** How many cells were given a hostile value. */
  public int mutatedCells() {
    return mutations.size() + freeTexts;
  }

  public List<Mutation> mutations() {
    return List.copyOf(mutations);
  }

  /** The identifiers of the extracts' people, which the hostile values are made of. */
  public void addIdentifiersTo(KnownIdentifiers known) {
    cprs.forEach(known::addCpr);
    names.forEach(known::addName);
    phones.forEach(known::addPhone);
  }

  /**
   * How hostile the extracts are made.
   *
   * @param oneRowIn one row in this many gets a hostile value besides the one every free-form column gets
   * @param swapFirstCsv whether the first CSV file gets its Navn and Ydelse headers swapped
   * @param everyNameAsBenefit whether every name of the extracts is also written, as the file wrote it, into the ydelse
   *     cell of a row (the free-form column whose values reach the analysis tables): for a small corpus, where the
   *     names' shapes (punctuation, quotes, control characters) are the point
   */
  public record Options(int oneRowIn, boolean swapFirstCsv, boolean everyNameAsBenefit) {}

  /** For the generator's extracts: one row in six, the first CSV file's Navn and Ydelse headers swapped. */
  public static final Options GENERATED = new Options(6, true, false);

  /** Rewrites every extract under {@code folder} in place, as {@link #GENERATED} says. */
  public void mutate(Path folder) throws Exception {
    mutate(folder, GENERATED);
  }

  /** Rewrites every .csv and .xlsx file under {@code folder} (sub-folders too) in place. */
  public void mutate(Path folder, Options options) throws Exception {
    List<Path> paths;
    try (Stream<Path> listing = Files.walk(folder)) {
      paths = listing.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".xlsx")).sorted().toList();
    }
    List<ExtractCells> files = new ArrayList<>();
    for (Path path : paths) {
      ExtractCells cells = ExtractCells.read(path, folder.relativize(path).toString(), settings);
      files.add(cells);
      for (ExtractCells.Table table : cells.tables()) {
        collectIdentifiers(cells, table);
      }
    }
    if (cprs.isEmpty() || names.isEmpty()) {
      throw new IllegalStateException("no CPR numbers or names in the extracts under " + folder);
    }
    for (ExtractCells cells : files) {
      for (ExtractCells.Table table : cells.tables()) {
        mutateRows(cells, table, options.oneRowIn());
      }
    }
    if (options.everyNameAsBenefit()) {
      everyNameAsBenefit(files);
    }
    boolean swapped = !options.swapFirstCsv();
    for (int f = 0; f < files.size(); f++) {
      if (!swapped && paths.get(f).toString().endsWith(".csv")) {
        swapNameAndBenefit(files.get(f), files.get(f).tables().get(0));
        swapped = true;
      }
      files.get(f).write();
    }
  }

  /**
   * Each name, once, into the ydelse cell of a row whose ydelse holds no hostile value yet; rows
   * without any hostile value first, so that the row's other cells let it pass the row rules.
   */
  private void everyNameAsBenefit(List<ExtractCells> files) {
    record Place(ExtractCells cells, ExtractCells.Table table, int line, int column) {}
    Set<String> taken = new HashSet<>();
    Set<String> touched = new HashSet<>();
    mutations.forEach(m -> (m.column().equals("ydelse") ? taken : touched).add(m.sourceFile() + "#" + m.row()));
    List<Place> places = new ArrayList<>();
    for (ExtractCells cells : files) {
      for (ExtractCells.Table table : cells.tables()) {
        String header = table.header() < 0 ? null : cells.mapping(table).columns().get("ydelse");
        for (int line : header == null ? List.<Integer>of() : table.dataLines()) {
          if (!taken.contains(table.sourceFile() + "#" + table.rowNumbers().get(line))) {
            places.add(new Place(cells, table, line, table.headerCells().indexOf(header)));
          }
        }
      }
    }
    Collections.shuffle(places, random);
    places.sort(Comparator.comparing(p -> touched.contains(p.table().sourceFile() + "#" + p.table().rowNumbers().get(p.line()))));
    for (String name : new LinkedHashSet<>(names)) {
      places.stream().filter(p -> p.cells().canWrite(name)).findFirst().ifPresent(place -> {
        set(place.cells(), place.table(), place.line(), place.column(), "ydelse", name);
        places.remove(place);
      });
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
        String cpr = cpr(cprs.get(random.nextInt(cprs.size())), any -> true);
        String phone = phone(phones.get(random.nextInt(phones.size())), any -> true);
        String name = names.get(random.nextInt(names.size()));
        name = random.nextBoolean() ? name : name.toLowerCase(java.util.Locale.ROOT);
        row[column] = (row[column] + (random.nextBoolean() ? " Mit cpr er " + cpr + ", ring på " + phone + ". Hilsen " + name
            : " tlf." + phone + " / cpr-nr. " + cpr + " (" + name + ")")).strip();
        freeTexts++;
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

  private void collectIdentifiers(ExtractCells cells, ExtractCells.Table table) {
    Map<String, String> columns = cells.mapping(table).columns();
    for (int line : table.header() < 0 ? List.<Integer>of() : table.dataLines()) {
      List<String> row = table.lines().get(line);
      String cpr = cell(table, row, columns.get("cpr"));
      String digits = cpr.replaceAll("[^0-9]", "");
      if (digits.length() == 9 || digits.length() == 10) {
        cprs.add(cpr);
      }
      String navn = cell(table, row, columns.get("navn"));
      if (navn.strip().contains(" ")) {
        names.add(navn);
      }
      String telefon = cell(table, row, columns.get("telefon"));
      if (telefon.replaceAll("[^0-9]", "").length() >= 8) {
        phones.add(telefon);
      }
    }
  }

  private static String cell(ExtractCells.Table table, List<String> row, String header) {
    int index = header == null ? -1 : table.headerCells().indexOf(header);
    return index < 0 || index >= row.size() ? "" : row.get(index);
  }

  /** Every free-form column gets a hostile value in one row; one row in {@code oneRowIn} gets one more; the text above the header gets one. */
  private void mutateRows(ExtractCells cells, ExtractCells.Table table, int oneRowIn) {
    for (int line : table.textLines()) {
      List<String> row = table.lines().get(line);
      int column = row.get(0).isBlank() ? row.indexOf(row.stream().filter(c -> !c.isBlank()).findFirst().get()) : 0;
      set(cells, table, line, column, "title", row.get(column) + " – " + hostileValue(cells));
    }
    List<Integer> rows = table.dataLines();
    if (table.header() < 0 || rows.isEmpty()) {
      return;
    }
    HeaderMapping mapping = cells.mapping(table);
    Map<String, String> columns = mapping.columns();
    List<String> headers = table.headerCells();
    List<Integer> targets = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    FREE_FORM.stream().filter(columns::containsKey).forEach(c -> {
      targets.add(headers.indexOf(columns.get(c)));
      kinds.add(c);
    });
    mapping.extraHeaders().forEach(h -> {
      targets.add(headers.indexOf(h));
      kinds.add("extra");
    });
    for (int c = 0; c < headers.size(); c++) {
      if (headers.get(c).isBlank()) {
        targets.add(c);
        kinds.add("unnamed");
      }
    }
    for (int t = 0; t < targets.size(); t++) {
      set(cells, table, rows.get(random.nextInt(rows.size())), targets.get(t), kinds.get(t), hostileValue(cells));
    }
    int navn = columns.containsKey("navn") ? headers.indexOf(columns.get("navn")) : -1;
    int kommunekode = columns.containsKey("kommunekode") ? headers.indexOf(columns.get("kommunekode")) : -1;
    for (int line : rows) {
      if (random.nextInt(oneRowIn) == 0) {
        int t = random.nextInt(targets.size());
        set(cells, table, line, targets.get(t), kinds.get(t), hostileValue(cells));
      } else if (navn >= 0 && random.nextInt(40) == 0) {
        set(cells, table, line, navn, "navn", FORMULA_NAMES.get(random.nextInt(FORMULA_NAMES.size())));
      } else if (kommunekode >= 0 && random.nextInt(40) == 0) {
        set(cells, table, line, kommunekode, "kommunekode", HOSTILE_CODES.get(random.nextInt(HOSTILE_CODES.size())));
      }
    }
  }

  private void set(ExtractCells cells, ExtractCells.Table table, int line, int column, String kind, String value) {
    cells.set(table, line, column, value);
    mutations.add(new Mutation(table.sourceFile(), table.rowNumbers().get(line), kind, value));
  }

  private void swapNameAndBenefit(ExtractCells cells, ExtractCells.Table table) {
    Map<String, String> columns = cells.mapping(table).columns();
    List<String> headers = table.headerCells();
    int navn = headers.indexOf(columns.get("navn"));
    int ydelse = headers.indexOf(columns.get("ydelse"));
    String navnHeader = headers.get(navn);
    cells.set(table, table.header(), navn, headers.get(ydelse));
    cells.set(table, table.header(), ydelse, navnHeader);
  }

  /** A CPR number, a full name, a phone number or a name and a CPR number, of someone in the extracts, in what the file's encoding can hold. */
  private String hostileValue(ExtractCells cells) {
    while (true) {
      String value = switch (random.nextInt(4)) {
        case 0 -> cpr(pick(cprs), cells::canWrite);
        case 1 -> pick(names);
        case 2 -> phones.isEmpty() ? cpr(pick(cprs), cells::canWrite) : phone(pick(phones), cells::canWrite);
        default -> pick(names) + " " + cpr(pick(cprs), cells::canWrite);
      };
      if (cells.canWrite(value)) {
        return value;
      }
    }
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String cpr(String raw, Predicate<String> writable) {
    String digits = raw.replaceAll("[^0-9]", "");
    if (digits.length() == 9) {
      digits = "0" + digits;
    }
    String separator = separator(CPR_SEPARATORS, writable);
    return digits.substring(0, 6) + separator + digits.substring(6);
  }

  private String phone(String raw, Predicate<String> writable) {
    String digits = raw.replaceAll("[^0-9]", "");
    digits = digits.substring(digits.length() - 8);
    String separator = separator(PHONE_SEPARATORS, writable);
    String grouped = random.nextBoolean() ? String.join(separator, digits.substring(0, 2), digits.substring(2, 4),
        digits.substring(4, 6), digits.substring(6)) : digits.substring(0, 4) + separator + digits.substring(4);
    return random.nextInt(3) == 0 ? "+45 " + grouped : grouped;
  }

  private String separator(String[] separators, Predicate<String> writable) {
    List<String> usable = Arrays.stream(separators).filter(writable).toList();
    return usable.get(random.nextInt(usable.size()));
  }
}
