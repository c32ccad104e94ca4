package dk.jobsurvey.erase;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.HostileExtracts;
import dk.jobsurvey.support.KnownIdentifiers;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md §10 on the whole pipeline, fed as an attacker or a careless sender would feed it: nine
 * municipalities in every layout the generator writes, with defects, with CPR numbers, names and
 * phone numbers written into every free-form column (kommunekode, ydelse, dates, yes/no columns,
 * extra columns), one file with its Navn and Ydelse headers swapped, formula names, path-like
 * municipality codes, and identifiers in the separators people type and full names of the
 * population written into the free texts ({@link HostileExtracts}). No CPR number, phone number,
 * name or token of the input may appear in
 * analysis/ or published/ (tables, every file of them including _delta_log JSON and checkpoints),
 * the reports, the console output and logs, the work and staging folders or new files of the system
 * temp folder; restricted/ is owner-only; nothing is written outside the warehouse; and after
 * {@code erase} no CPR number in any file left under the warehouse, old versions included.
 */
@ExtendWith(SparkTestSession.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentifiersTest {
  @TempDir
  static Path dir;
  static Survey survey;
  static Warehouse warehouse;
  static String printedAndLogged;
  static KnownIdentifiers known = new KnownIdentifiers();

  /** Nine municipalities of 40-56,000 inhabitants: every layout of the generator, at a tenth of their size. */
  private static final String MUNICIPALITIES = "151,167,169,173,175,185,190,210,219";
  static final java.time.Instant started = java.time.Instant.now();

  @BeforeAll
  static void runThePipeline(SparkSession spark) throws Exception {
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    survey = ConfigLoader.survey(config);
    ExtractGenerator.generate(ExtractGenerator.select(MUNICIPALITIES),
        new ExtractGenerator.Settings(11, 0.1, 0.03, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    HostileExtracts hostile = new HostileExtracts(7, survey.ingest());
    hostile.mutate(dir.resolve("extracts"));
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    List<String> pipeline = List.of("pipeline", "--config", config.toString(), "--questionnaire",
        TestFiles.questionnaireConfig().toString(), "--warehouse", dir.resolve("warehouse").toString(),
        "--input", dir.resolve("extracts").toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LogCapture logs = new LogCapture(); PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, out, out)).isZero();
      assertThat(Launcher.run(pipeline.toArray(String[]::new), out, out)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
      ResponseSimulator.write(warehouse, survey.round(), TestFiles.questionnaire(survey.round()), 5, 38, dir.resolve("exports"));
      List<String> inputCprs = new ArrayList<>();
      List<String> inputPhones = new ArrayList<>();
      List<String> inputNames = new ArrayList<>();
      for (var row : warehouse.readRound(Table.IDENTITY, survey.round()).select("cpr", "telefon", "navn").collectAsList()) {
        inputCprs.add(row.getString(0));
        if (row.getString(1) != null) {
          inputPhones.add(row.getString(1));
        }
        if (row.getString(2) != null && row.getString(2).strip().matches("\\p{Lu}\\p{L}+(?: \\p{Lu}\\p{L}+)+")) {
          inputNames.add(row.getString(2).strip());
        }
      }
      hostile.mutateFreeTexts(dir.resolve("exports/export.csv"), inputCprs, inputPhones, inputNames);
      // The scrubber must leave nothing in the hostile texts that the value gate would refuse (synthetic data: shown on failure).
      dk.jobsurvey.responses.FreeTextScrubber scrubber = new dk.jobsurvey.responses.FreeTextScrubber();
      for (String line : Files.readAllLines(dir.resolve("exports/export.csv"))) {
        assertThat(dk.jobsurvey.warehouse.IdentifierPatterns.find(scrubber.scrub(line))).as("scrubbed: %s", scrubber.scrub(line)).isEmpty();
      }
      List<String> rest = new ArrayList<>(pipeline);
      rest.addAll(List.of("--responses", dir.resolve("exports").toString()));
      assertThat(Launcher.run(rest.toArray(String[]::new), out, out)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
      printedAndLogged = printed.toString(StandardCharsets.UTF_8) + "\n" + logs.text();
    }
    // The identifiers of the input, as the extracts wrote them (restricted/raw_extract holds every row read).
    for (var row : warehouse.readRound(Table.RAW_EXTRACT, survey.round()).select("cpr", "navn", "telefon").collectAsList()) {
      known.addCpr(row.getString(0));
      known.addPhone(row.getString(2));
      // A person's full name: capitalised words (the swapped file's navn column holds benefit labels, some names are formulas).
      if (row.getString(1) != null && row.getString(1).strip().matches("\\p{Lu}\\p{L}+(?: \\p{Lu}\\p{L}+)+")) {
        known.addName(row.getString(1));
      }
    }
    warehouse.readRound(Table.CONTACTS, survey.round()).select("token").collectAsList().forEach(row -> known.addToken(row.getString(0)));
    assertThat(hostile.mutatedCells()).as("hostile values written into the input").isGreaterThan(500);
    assertThat(known.cprs()).hasSizeGreaterThan(1000);
    assertThat(known.phones()).hasSizeGreaterThan(500);
    assertThat(known.names()).hasSizeGreaterThan(1000);
    assertThat(known.tokens()).hasSizeGreaterThan(100);
  }

  @Test
  @Order(1)
  void noIdentifierOfTheInputOutsideRestricted() throws Exception {
    List<String> texts = new ArrayList<>();
    for (Table table : Table.values()) {
      if (table.zone() != Zone.RESTRICTED && warehouse.exists(table)) {
        List<String> rows = TableText.rows(warehouse.read(table));
        texts.addAll(rows);
      }
    }
    assertThat(texts).hasSizeGreaterThan(5000);
    Path reports = Path.of(warehouse.folder(Zone.PUBLISHED, "reports").toUri());
    List<Path> reportFiles;
    try (Stream<Path> files = Files.walk(reports)) {
      reportFiles = files.filter(Files::isRegularFile).toList();
    }
    assertThat(reportFiles).anyMatch(f -> f.toString().endsWith(".html")).anyMatch(f -> f.toString().endsWith(".xlsx"));
    for (Path file : reportFiles) {
      texts.add(KnownIdentifiers.textOf(file));
    }
    texts.add(printedAndLogged);
    assertThat(printedAndLogged).contains("== report: succeeded");

    for (String text : texts) {
      assertThat(known.in(text)).as("identifiers in: %.300s", text).isEmpty();
    }
  }

  @Test
  @Order(1)
  void noIdentifierOfTheInputInAnyFileOutsideRestrictedNorInTheTempFolders(SparkSession spark) throws Exception {
    Path root = dir.resolve("warehouse");
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children.filter(p -> !p.getFileName().toString().equals("restricted")).forEach(folders::add);
    }
    folders.add(root.resolve("restricted/work"));
    folders.add(root.resolve("restricted/staging"));
    List<String> found = new ArrayList<>();
    for (Path folder : folders) {
      found.addAll(known.inFiles(spark, folder));
    }
    assertThat(found).isEmpty();
    // Jobs leave no work or staging folder behind, and nothing is written outside the warehouse.
    assertThat(childrenOf(root.resolve("restricted/work"))).isEmpty();
    assertThat(childrenOf(root.resolve("restricted/staging"))).isEmpty();
    assertThat(childrenOf(root)).allMatch(p -> List.of("restricted", "analysis", "published", "_locks").contains(p));
    assertThat(childrenOf(dir)).containsExactlyInAnyOrder("survey.yaml", "keys", "extracts", "exports", "warehouse");
    assertThat(childrenOf(root.resolve("restricted/outbox").resolve(survey.round())))
        .allMatch(dk.jobsurvey.config.Municipalities::isKnown);
    // New files in the system temp folder (other tests' JUnit folders aside).
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> recent = new ArrayList<>();
    // Other processes add and remove files there meanwhile: a file that vanishes is skipped.
    Files.walkFileTree(tmp, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 4, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path folder, java.nio.file.attribute.BasicFileAttributes attributes) {
        return tmp.relativize(folder).toString().startsWith("junit") ? java.nio.file.FileVisitResult.SKIP_SUBTREE
            : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isAfter(started) && Files.isReadable(file)) {
          recent.add(file);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    for (Path file : recent) {
      String text;
      try {
        text = KnownIdentifiers.textOf(file);
      } catch (java.io.IOException vanished) {
        continue;
      }
      assertThat(known.in(text)).as("identifiers in %s", file).isEmpty();
    }
  }

  private static List<String> childrenOf(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  @Order(2)
  void everyOutboxCsvCellThatExcelWouldReadAsAFormulaIsNeutralised() throws Exception {
    Path outbox = dir.resolve("warehouse/restricted/outbox").resolve(survey.round());
    List<Path> csvFiles;
    try (Stream<Path> files = Files.walk(outbox)) {
      csvFiles = files.filter(f -> f.toString().endsWith(".csv")).toList();
    }
    assertThat(csvFiles).isNotEmpty();
    com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
    settings.getFormat().setDelimiter(';');
    settings.setMaxCharsPerColumn(-1);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    int formulaNames = 0;
    for (Path file : csvFiles) {
      for (String[] row : new com.univocity.parsers.csv.CsvParser(settings).parseAll(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
        for (String cell : row) {
          if (cell == null) {
            continue;
          }
          String value = cell.replace("\uFEFF", "");
          // The SMS list's phone column holds checked E.164 numbers ("+4521436587"), which Excel reads as a number.
          if (!value.matches("\\+45[0-9]{8}")) {
            assertThat(value).as("a cell of %s", file).doesNotMatch("(?s)[=+\\-@\t\r].*");
          }
          formulaNames += HostileExtracts.FORMULA_NAMES.contains(value.replaceFirst("^'", "")) ? 1 : 0;
        }
      }
    }
    assertThat(formulaNames).as("formula names that reached the outbox, neutralised").isPositive();
  }

  @Test
  @Order(2)
  void restrictedIsOwnerOnly() throws Exception {
    Path restricted = Path.of(warehouse.folder(Zone.RESTRICTED).toUri());
    try (Stream<Path> paths = Files.walk(restricted)) {
      for (Path path : paths.toList()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        assertThat(permissions).as(path.toString()).allMatch(p -> p.name().startsWith("OWNER"));
      }
    }
  }

  @Test
  @Order(3)
  void eraseLeavesNoCprNumberInAnyFileOfTheWarehouse(SparkSession spark) throws Exception {
    List<String> estimates = TableText.rows(warehouse.readRound(Table.ESTIMATES, survey.round()));
    Path root = dir.resolve("warehouse");
    // Before: the CPR numbers are on disk (the check below can find them).
    assertThat(known.cprsInFiles(spark, root.resolve("restricted"))).isNotEmpty();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = Launcher.run(new String[] {"erase", "--config", dir.resolve("survey.yaml").toString(), "--warehouse", root.toString(),
        "--confirm", survey.round()}, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("checked on disk");

    assertThat(known.cprsInFiles(spark, root)).isEmpty();
    assertThat(TableText.rows(warehouse.readRound(Table.ESTIMATES, survey.round()))).containsExactlyInAnyOrderElementsOf(estimates);
    assertThat(warehouse.readRound(Table.RUN_LOG, survey.round()).where("job = 'erase' and status = 'succeeded'").count()).isOne();
  }
}
