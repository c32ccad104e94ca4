package dk.jobsurvey.ingest;

import static dk.jobsurvey.ingest.ExtractFixtures.substitute;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.warehouse.IdentifierScan;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first wave's hostile cases of issue [J] in one ingest, each as it was found: a kommunekode
 * column holding CPR numbers, path-like and colon codes ({@code ../../../x}, {@code a:b}), and a file
 * whose Navn and Ydelse headers are swapped so that full names arrive as benefit labels. The job
 * must finish (every table committed, no crash after the commit), quarantine the rows with a reason,
 * write nothing outside the warehouse nor a folder named by an unchecked code, and show no CPR
 * number or name on the console, in the logs or anywhere outside restricted/.
 */
@ExtendWith(SparkTestSession.class)
class HostileValuesIngestTest {
  private static final List<String> HEADERS = List.of("CPR-nr", "Navn", "Ydelse", "Dato for overgang", "Passiv", "Kommunekode");
  private static final List<String> SWAPPED = List.of("CPR-nr", "Ydelse", "Navn", "Dato for overgang", "Passiv", "Kommunekode");
  /** A CPR number typed into the kommunekode column, as in the first wave's case. */
  private static final String CPR_AS_CODE = substitute(7, 3, 64, "1234");
  private static final List<String> NAMES = List.of("Karen Margrethe Vestergaard", "Søren Ulrik Thygesen", "Birthe Kjær");

  @TempDir
  static Path dir;
  static int exit;
  static String console;
  static Warehouse warehouse;
  static Path root;

  @BeforeAll
  static void ingest(SparkSession spark) throws Exception {
    Path input = dir.resolve("in");
    List<List<Object>> codes = new ArrayList<>();
    String[] hostile = {"../../../x", "a:b", CPR_AS_CODE, "..", "/etc/passwd", "147"};
    for (int i = 0; i < hostile.length; i++) {
      codes.add(List.of(substitute(i + 1, 4, 81, "4321"), "Jens Ølgaard", "Sygedagpenge", "2022-01-15", "nej", hostile[i]));
    }
    ExtractFixtures.csv(input, "koder_147.csv", StandardCharsets.UTF_8, HEADERS, codes);
    List<List<Object>> swapped = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      swapped.add(List.of(substitute(i + 10, 5, 79, "5678"), NAMES.get(i), "Sygedagpenge", "2022-02-01", "nej", "151"));
    }
    ExtractFixtures.csv(input, "byttet_151.csv", StandardCharsets.UTF_8, SWAPPED, swapped);
    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    root = dir.resolve("warehouse");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LogCapture logs = new LogCapture(); PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, out, out)).isZero();
      exit = Launcher.run(new String[] {"ingest", "--config", config.toString(), "--warehouse", root.toString(),
          "--input", input.toString()}, out, out);
      console = printed.toString(StandardCharsets.UTF_8) + "\n" + logs.text();
    }
    warehouse = new Warehouse(spark, root.toString());
  }

  @Test
  void theJobFinishesAndCommitsEveryTable() {
    assertThat(exit).as(console).isZero();
    assertThat(console).doesNotContain("Exception").doesNotContain("\tat ");
    for (Table table : List.of(Table.RAW_EXTRACT, Table.IDENTITY, Table.POPULATION, Table.QUARANTINE, Table.DATA_QUALITY)) {
      assertThat(warehouse.exists(table)).as(table.tableName()).isTrue();
    }
    assertThat(warehouse.readRound(Table.RAW_EXTRACT, "2023Q2").count()).isEqualTo(9);
    // Nothing lost: every row read is in the population or in quarantine.
    assertThat(warehouse.readRound(Table.POPULATION, "2023Q2").count() + warehouse.readRound(Table.QUARANTINE, "2023Q2").count())
        .isEqualTo(9);
  }

  @Test
  void everyUncheckedCodeIsQuarantinedWithoutItsValue() {
    Map<String, Long> reasons = new TreeMap<>();
    warehouse.readRound(Table.QUARANTINE, "2023Q2").groupBy("reason_code").count().collectAsList()
        .forEach(row -> reasons.put(row.getString(0), row.getLong(1)));
    assertThat(reasons).containsEntry(QuarantineReason.UNKNOWN_MUNICIPALITY.code(), 5L);
    List<String> codes = warehouse.readRound(Table.QUARANTINE, "2023Q2").select("kommunekode").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertThat(codes).allSatisfy(code -> assertThat(code == null || dk.jobsurvey.config.Municipalities.isKnown(code)).as(code).isTrue());
  }

  @Test
  void nothingIsWrittenOutsideTheWarehouseNorInAFolderNamedByAnUncheckedCode() throws Exception {
    try (Stream<Path> children = Files.list(dir)) {
      assertThat(children.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("in", "keys", "survey.yaml", "warehouse");
    }
    try (Stream<Path> children = Files.list(root)) {
      assertThat(children.map(p -> p.getFileName().toString()).toList()).allMatch(List.of("restricted", "analysis", "published")::contains);
    }
    try (Stream<Path> folders = Files.list(root.resolve("restricted/outbox/2023Q2"))) {
      assertThat(folders.map(p -> p.getFileName().toString()).toList()).isNotEmpty()
          .allMatch(dk.jobsurvey.config.Municipalities::isKnown);
    }
  }

  @Test
  void noCprNumberNorNameOutsideRestrictedNorOnTheConsole(SparkSession spark) throws Exception {
    List<String> texts = new ArrayList<>(List.of(console));
    for (Table table : Table.values()) {
      if (table.zone() != Zone.RESTRICTED && warehouse.exists(table)) {
        texts.addAll(TableText.rows(warehouse.read(table)));
      }
    }
    String all = String.join("\n", texts);
    assertThat(all).doesNotContain(CPR_AS_CODE).doesNotContain(CPR_AS_CODE.substring(0, 6) + "-" + CPR_AS_CODE.substring(6));
    for (String name : NAMES) {
      assertThat(all).doesNotContain(name).doesNotContain(name.split(" ")[0] + " ");
    }
    IdentifierScan scan = new IdentifierScan(spark, warehouse.fileSystem());
    for (Zone zone : List.of(Zone.ANALYSIS, Zone.PUBLISHED)) {
      assertThat(scan.findings(warehouse.folder(zone), List.of())).as(zone.toString()).isEmpty();
    }
    // The swapped file's names are reported as unreadable labels: where to find them, not what they are.
    assertThat(console).contains("unreadable label, not shown (first: byttet_151.csv row 2)");
  }
}
