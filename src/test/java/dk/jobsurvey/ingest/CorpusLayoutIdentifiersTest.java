package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.HostileExtracts;
import dk.jobsurvey.support.KnownIdentifiers;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md §10 on every layout of the project's corpora of real extracts: the accepted files of
 * header-variants/ (title rows, a cover sheet, two sheets, a total line, qualified and reordered
 * headers, trailing empty columns, a configured header, missing optional columns) and the files of
 * bad-input/extracts/ that are read (UTF-16, Windows-1252, a byte-order mark, ',' as separator,
 * quoted values with the separator in them, mixed line ends, blank lines, formulas, an extra column,
 * a kommunekode column, no rows at all), in one folder, with CPR numbers, names and phone numbers
 * written in the file's own layout into every free-form column of every table ({@link
 * HostileExtracts}: kommunekode, ydelse, the dates, the yes/no columns, extra and unnamed columns,
 * and the text above the header). Ingest is the one step that sees a file's layout (the later
 * steps read its tables, see IdentifiersTest): after it no CPR number, phone number or name of the
 * input, original or injected, is anywhere outside restricted/, nor in its work and staging folders.
 *
 * <p>The files of header-variants/ are all of municipality 825, and hold the same six people:
 * ingest reads several files of one municipality as one extract, so every person is kept once and
 * the rest are duplicates; no file's outcome depends on the others (HeaderVariantsTest ingests them
 * together too).
 */
@ExtendWith(SparkTestSession.class)
class CorpusLayoutIdentifiersTest {
  private static final Path HEADER_VARIANTS = TestFiles.projectDir().resolve("src/test/resources/header-variants");
  /** Where a hostile value makes the row fail a row rule: these rows must be quarantined. */
  private static final Set<String> CHECKED_COLUMNS = Set.of("kommunekode", "dato_overgang", "dato_seneste_samtale",
      "afsluttet_forloeb", "passiv");

  @TempDir
  static Path dir;
  static int exit;
  static String printedAndLogged;
  static Warehouse warehouse;
  static HostileExtracts hostile;
  static final KnownIdentifiers known = new KnownIdentifiers();
  static final List<String> files = new ArrayList<>();
  static final Map<Table, List<Row>> rows = new HashMap<>();
  static final Map<String, Row> quality = new HashMap<>();
  private static final String ROUND = "2023Q2";

  @BeforeAll
  static void ingestTheHostileCorpus(SparkSession spark) throws Exception {
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    // Læsø's own header for the phone column (override_825.csv), as HeaderVariantsTest configures it.
    Files.writeString(config, Files.readString(config).replace("header_overrides: {}",
        "header_overrides:\n    \"825\": { telefon: \"Kontakt (privat)\" }"));
    Path input = Files.createDirectories(dir.resolve("extracts"));
    HeaderVariantsTest.cases().filter(c -> c.outcome().equals("accepted")).forEach(c -> files.add(c.file()));
    int variants = files.size();
    BadInputCorpusTest.cases().filter(c -> !List.of("rejected", "ignored").contains(c.outcome())).map(BadInputCorpusTest.Case::file)
        .distinct().forEach(files::add);
    for (int i = 0; i < files.size(); i++) {
      Path corpus = i < variants ? HEADER_VARIANTS : BadInputCorpusTest.CORPUS;
      Files.copy(corpus.resolve(files.get(i)), input.resolve(files.get(i)));
    }
    hostile = new HostileExtracts(23, ConfigLoader.survey(config).ingest());
    hostile.mutate(input, new HostileExtracts.Options(2, false, true));
    hostile.addIdentifiersTo(known);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LogCapture logs = new LogCapture(); PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, out, out)).isZero();
      exit = Launcher.run(new String[] {"ingest", "--config", config.toString(), "--warehouse", dir.resolve("warehouse").toString(),
          "--input", input.toString()}, out, out);
      printedAndLogged = printed.toString(StandardCharsets.UTF_8) + "\n" + logs.text();
    }
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    // The ingest tables' rows by "file#row" (a further sheet's rows under their " [sheet]" name), read once.
    for (Table table : List.of(Table.RAW_EXTRACT, Table.QUARANTINE, Table.POPULATION)) {
      String eligible = table == Table.POPULATION ? "eligible" : "false";
      rows.put(table, warehouse.readRound(table, ROUND).selectExpr("concat(source_file, '#', source_row)", eligible).collectAsList());
    }
    warehouse.readRound(Table.DATA_QUALITY, ROUND).collectAsList().forEach(r -> quality.put(r.getAs("source_file"), r));
  }

  @Test
  void everyFileIsReadWithItsHostileValuesAndEveryRowIsCounted() {
    assertThat(exit).as(printedAndLogged).isZero();
    assertThat(printedAndLogged).doesNotContain("\tat ").doesNotContain("Exception:");
    assertThat(files).hasSize(25);
    // Every file is read as without the hostile values (two_sheets_825.xlsx has a row for its second sheet);
    // every row read is stored, and is in the population or in quarantine.
    assertThat(quality.keySet().stream().map(CorpusLayoutIdentifiersTest::file).distinct()).containsExactlyInAnyOrderElementsOf(files);
    assertThat(quality.values()).allMatch(r -> r.<String>getAs("file_status").equals("read"));
    Map<String, Long> raw = perFile(Table.RAW_EXTRACT);
    Map<String, Long> population = perFile(Table.POPULATION);
    Map<String, Long> quarantined = perFile(Table.QUARANTINE);
    Map<String, Long> read = new HashMap<>();
    Map<String, Long> counted = new HashMap<>();
    quality.values().forEach(r -> {
      read.merge(file(r.getAs("source_file")), r.<Long>getAs("rows_read"), Long::sum);
      counted.merge(file(r.getAs("source_file")), r.<Long>getAs("rows_accepted") + r.<Long>getAs("rows_quarantined"), Long::sum);
    });
    for (String file : files) {
      long rowsRead = read.get(file);
      assertThat(counted.get(file)).as(file).isEqualTo(rowsRead);
      assertThat(raw.getOrDefault(file, 0L)).as("%s: rows stored", file).isEqualTo(rowsRead);
      assertThat(population.getOrDefault(file, 0L) + quarantined.getOrDefault(file, 0L)).as("%s: rows counted", file).isEqualTo(rowsRead);
    }
    // 13 variants of six people, the total line, 29 rows of bad input.
    assertThat(read.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13 * 6 + 7 + 29);
  }

  @Test
  void theHostileValuesReachEveryFreeFormColumnAndTheRowRules() {
    List<HostileExtracts.Mutation> mutations = hostile.mutations();
    assertThat(mutations).hasSizeGreaterThan(200);
    // Every table with rows had every free-form column mutated; the text above a header too.
    Set<String> columns = mutations.stream().map(m -> m.sourceFile() + " " + m.column()).collect(Collectors.toSet());
    assertThat(columns).contains("plain_825.csv kommunekode", "plain_825.csv ydelse", "plain_825.csv dato_overgang",
        "plain_825.csv dato_seneste_samtale", "plain_825.csv afsluttet_forloeb", "plain_825.csv passiv",
        "two_sheets_825.xlsx [Ark2] passiv", "trailing_empty_825.csv unnamed", "override_825.csv ydelse",
        "ekstra_kolonne_175.csv extra", "utf16_187.csv ydelse", "windows1252_151.csv dato_overgang", "komma_185.csv passiv",
        "formler_173.xlsx dato_overgang", "us_datoer_219.xlsx dato_overgang", "kommunekolonne_169.csv kommunekode",
        "title_rows_825.csv title", "title_rows_825.xlsx title", "second_sheet_825.xlsx title");
    // Every file with rows (kun_overskrift_183.csv has none).
    assertThat(mutations.stream().map(m -> file(m.sourceFile())).distinct()).hasSize(24);

    Set<String> quarantined = keys(Table.QUARANTINE, r -> true);
    // An unknown benefit, or a duplicate (the variants' six people are in every file of 825), is no eligible row.
    Set<String> notEligible = keys(Table.POPULATION, r -> !r.getBoolean(1));
    List<String> checked = mutations.stream().filter(m -> CHECKED_COLUMNS.contains(m.column()))
        .map(m -> m.sourceFile() + "#" + m.row()).distinct().toList();
    assertThat(checked).hasSizeGreaterThan(50);
    assertThat(quarantined).containsAll(checked);
    List<String> benefits = mutations.stream().filter(m -> m.column().equals("ydelse")).map(m -> m.sourceFile() + "#" + m.row())
        .filter(key -> !quarantined.contains(key)).distinct().toList();
    assertThat(benefits).hasSizeGreaterThan(20);
    assertThat(notEligible).containsAll(benefits);
    assertThat(known.cprs()).hasSizeGreaterThan(25);
    assertThat(known.names()).hasSizeGreaterThan(25);
    assertThat(known.phones()).hasSizeGreaterThan(5);
  }

  @Test
  void noIdentifierOfTheInputOutsideRestricted(SparkSession spark) throws Exception {
    List<String> texts = new ArrayList<>();
    for (Table table : Table.values()) {
      if (table.zone() != Zone.RESTRICTED && warehouse.exists(table)) {
        texts.addAll(TableText.rows(warehouse.read(table)));
      }
    }
    assertThat(texts).hasSizeGreaterThan(100);
    texts.add(printedAndLogged);
    assertThat(printedAndLogged).contains("unknown benefit labels");
    List<String> found = new ArrayList<>();
    for (String text : texts) {
      known.in(text).forEach(hit -> found.add(hit + " in: " + text.substring(0, Math.min(300, text.length()))));
    }

    // The data-quality workbooks go back to the municipalities: counts, and problem rows by file and row number.
    Path root = dir.resolve("warehouse");
    List<Path> workbooks;
    try (Stream<Path> walk = Files.walk(root.resolve("restricted/outbox"))) {
      workbooks = walk.filter(f -> f.toString().endsWith(".xlsx")).toList();
    }
    assertThat(workbooks).hasSizeGreaterThanOrEqualTo(10);
    for (Path workbook : workbooks) {
      known.in(KnownIdentifiers.workbookText(workbook)).forEach(hit -> found.add(workbook + ": " + hit));
    }
    for (String folder : List.of("analysis", "published", "restricted/work", "restricted/staging")) {
      found.addAll(known.inFiles(spark, root.resolve(folder)));
    }
    assertThat(found).isEmpty();
    assertThat(children(root)).allMatch(p -> List.of("restricted", "analysis", "published", "_locks").contains(p));
    assertThat(children(root.resolve("restricted/work"))).isEmpty();
    assertThat(children(root.resolve("restricted/staging"))).isEmpty();
    // The scan can find them: restricted/ holds them.
    assertThat(known.inFiles(spark, root.resolve("restricted/raw_extract"))).isNotEmpty();
  }

  private static List<String> children(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** A file's name without the " [sheet]" of its further sheets. */
  private static String file(String sourceFile) {
    return sourceFile.replaceFirst(" \\[.*\\]$", "");
  }

  private static Set<String> keys(Table table, java.util.function.Predicate<Row> which) {
    return rows.get(table).stream().filter(which).map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  /** Rows per file; a workbook's further sheets count for the workbook. */
  private static Map<String, Long> perFile(Table table) {
    return rows.get(table).stream().collect(Collectors.groupingBy(r -> file(r.getString(0).replaceFirst("#[0-9]+$", "")),
        Collectors.counting()));
  }
}
