package dk.jobsurvey.erase;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md §10 on the whole pipeline (three small municipalities, with defects in the extracts and
 * identifiers written into free texts): no CPR number, phone number, name or token of the input in
 * analysis/, published/, the reports or the logs; restricted/ owner-only; and after {@code erase} no
 * CPR number in any file left under the warehouse, old versions included.
 */
@ExtendWith(SparkTestSession.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentifiersTest {
  private static final Pattern CPR = Pattern.compile("(?<![0-9])([0-9]{6})[- ]?([0-9]{4})(?![0-9])");
  private static final Pattern PHONE = Pattern.compile("(?<![0-9])(?:\\+45)?((?:[0-9] ?){7}[0-9])(?![0-9])");
  private static final Pattern TOKEN = Pattern.compile("[0-9A-Z]{16}");

  @TempDir
  static Path dir;
  static Survey survey;
  static Warehouse warehouse;
  static String printedAndLogged;
  static Set<String> cprs = new HashSet<>();
  static Set<String> phones = new HashSet<>();
  static Set<String> names = new HashSet<>();
  static Set<String> tokens = new HashSet<>();

  @BeforeAll
  static void runThePipeline(SparkSession spark) throws Exception {
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    survey = ConfigLoader.survey(config);
    ExtractGenerator.generate(ExtractGenerator.select("825,563,482"),
        new ExtractGenerator.Settings(11, 1, 0.03, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    List<String> pipeline = List.of("pipeline", "--config", config.toString(), "--questionnaire",
        TestFiles.questionnaireConfig().toString(), "--warehouse", dir.resolve("warehouse").toString(),
        "--input", dir.resolve("extracts").toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LogCapture logs = new LogCapture(); PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, out, out)).isZero();
      assertThat(Launcher.run(pipeline.toArray(String[]::new), out, out)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
      ResponseSimulator.write(warehouse, survey.round(), 5, 38, dir.resolve("exports"));
      List<String> rest = new ArrayList<>(pipeline);
      rest.addAll(List.of("--responses", dir.resolve("exports").toString()));
      assertThat(Launcher.run(rest.toArray(String[]::new), out, out)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
      printedAndLogged = printed.toString(StandardCharsets.UTF_8) + "\n" + logs.text();
    }
    // The identifiers of the input, as the extracts wrote them (restricted/raw_extract holds every row read).
    for (var row : warehouse.readRound(Table.RAW_EXTRACT, survey.round()).select("cpr", "navn", "telefon").collectAsList()) {
      addMatches(CPR, row.getString(0), cprs);
      addMatches(PHONE, row.getString(2), phones);
      if (row.getString(1) != null && row.getString(1).strip().contains(" ")) {
        names.add(normalName(row.getString(1)));
      }
    }
    warehouse.readRound(Table.CONTACTS, survey.round()).select("token").collectAsList().forEach(row -> tokens.add(row.getString(0)));
    assertThat(cprs).hasSizeGreaterThan(1000);
    assertThat(phones).hasSizeGreaterThan(500);
    assertThat(names).hasSizeGreaterThan(1000);
    assertThat(tokens).hasSizeGreaterThan(100);
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
      texts.add(file.toString().endsWith(".xlsx") ? workbookText(file) : new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }
    texts.add(printedAndLogged);
    assertThat(printedAndLogged).contains("== report: succeeded");

    for (String text : texts) {
      assertThat(identifiersIn(text)).as("identifiers in: %.300s", text).isEmpty();
    }
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
    assertThat(cprsInFiles(spark, root.resolve("restricted"))).isNotEmpty();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = Launcher.run(new String[] {"erase", "--config", dir.resolve("survey.yaml").toString(), "--warehouse", root.toString(),
        "--confirm", survey.round()}, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("checked on disk");

    assertThat(cprsInFiles(spark, root)).isEmpty();
    assertThat(TableText.rows(warehouse.readRound(Table.ESTIMATES, survey.round()))).containsExactlyInAnyOrderElementsOf(estimates);
    assertThat(warehouse.readRound(Table.RUN_LOG, survey.round()).where("job = 'erase' and status = 'succeeded'").count()).isOne();
  }

  /** CPR numbers of the input in any file under {@code folder}: Parquet read as tables, workbooks as cells, the rest as text. */
  private static Set<String> cprsInFiles(SparkSession spark, Path folder) throws Exception {
    Set<String> found = new HashSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      List<String> texts = name.endsWith(".parquet") ? TableText.rows(spark.read().parquet(file.toString()))
          : name.endsWith(".xlsx") ? List.of(workbookText(file))
          : List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      for (String text : texts) {
        Matcher matcher = CPR.matcher(text);
        while (matcher.find()) {
          if (cprs.contains(matcher.group(1) + matcher.group(2))) {
            found.add(file + ": " + matcher.group());
          }
        }
      }
    }
    return found;
  }

  private static List<String> identifiersIn(String text) {
    List<String> found = new ArrayList<>();
    collect(CPR, text, cprs, found);
    collect(PHONE, text, phones, found);
    Matcher token = TOKEN.matcher(text);
    while (token.find()) {
      if (tokens.contains(token.group())) {
        found.add("token " + token.group());
      }
    }
    String[] words = normalName(text).split(" ");
    for (int n = 2; n <= 4; n++) {
      for (int i = 0; i + n <= words.length; i++) {
        String candidate = String.join(" ", List.of(words).subList(i, i + n));
        if (names.contains(candidate)) {
          found.add("name " + candidate);
        }
      }
    }
    return found;
  }

  private static void collect(Pattern pattern, String text, Set<String> known, List<String> found) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      String digits = matcher.group().replaceAll("[^0-9]", "").replaceFirst("^45(?=[0-9]{8}$)", "");
      if (known.contains(digits)) {
        found.add(matcher.group());
      }
    }
  }

  private static void addMatches(Pattern pattern, String value, Set<String> into) {
    if (value != null) {
      String digits = value.replaceAll("[^0-9]", "");
      if (pattern == CPR && digits.length() == 10 || pattern == PHONE && digits.length() >= 8) {
        into.add(digits.substring(digits.length() - (pattern == CPR ? 10 : 8)));
      }
    }
  }

  private static String normalName(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]+", " ").strip();
  }

  private static String workbookText(Path file) throws Exception {
    StringBuilder text = new StringBuilder();
    DataFormatter formatter = new DataFormatter();
    try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
      for (Sheet sheet : workbook) {
        for (Row row : sheet) {
          for (Cell cell : row) {
            text.append(formatter.formatCellValue(cell)).append(' ');
          }
          text.append('\n');
        }
      }
    }
    return text.toString();
  }
}
