package dk.jobsurvey.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.Launcher;
import dk.jobsurvey.support.LogCapture;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated extracts, a few hundred per run, seeded (-Djobsurvey.fuzz.seed=N repeats a run): random
 * bytes, quotes, separators, line breaks and truncations over files of the corpora, all in one
 * folder and one ingest. The only assertions are the contract: the job ends in bounded time, in
 * words (no stack trace); every file is either rejected or read, and of a read file every row is
 * in the population or in quarantine; a mutation that leaves a file's line structure alone loses
 * no row of it.
 *
 * <p>One ingest of every mutant rather than one per mutant (as a property-testing library would
 * run them): an ingest costs seconds, and the contract is per file either way.
 */
@ExtendWith(SparkTestSession.class)
class ExtractFuzzTest {
  private static final long SEED = Long.getLong("jobsurvey.fuzz.seed", 20261201L);
  private static final int MUTANTS = 240;
  private static final Path BAD_INPUT = TestFiles.projectDir().resolve("src/test/resources/bad-input/extracts");
  private static final Path VARIANTS = TestFiles.projectDir().resolve("src/test/resources/header-variants");
  /** Plain CSV files of the corpora whose data rows are one per non-blank line after the header. */
  private static final List<Path> CSV = List.of(BAD_INPUT.resolve("raekker_147.csv"), VARIANTS.resolve("plain_825.csv"),
      VARIANTS.resolve("seed_names_825.csv"), VARIANTS.resolve("title_rows_825.csv"), BAD_INPUT.resolve("windows1252_151.csv"));
  private static final List<Path> XLSX = List.of(VARIANTS.resolve("seed_names_825.xlsx"), VARIANTS.resolve("two_sheets_825.xlsx"),
      BAD_INPUT.resolve("formler_173.xlsx"), BAD_INPUT.resolve("us_datoer_219.xlsx"));
  private static final byte[] STRUCTURE = {'"', ';', ',', '\t', '\n', '\r'};

  @Test
  void everyMutantIsRejectedOrReadInFullAndTheJobEndsInWords(SparkSession spark, @TempDir Path dir) throws Exception {
    System.out.println("ExtractFuzzTest: seed " + SEED + " (-Djobsurvey.fuzz.seed=" + SEED + " repeats this run)");
    Random random = new Random(SEED);
    Path input = dir.resolve("mutants");
    Files.createDirectories(input);
    // For mutants that keep their file's lines: how many data rows the original has.
    Map<String, Long> keepsItsRows = new HashMap<>();
    for (int i = 0; i < MUTANTS; i++) {
      boolean csv = random.nextInt(3) > 0;
      Path base = (csv ? CSV : XLSX).get(random.nextInt((csv ? CSV : XLSX).size()));
      byte[] bytes = Files.readAllBytes(base);
      String code = base.getFileName().toString().replaceAll(".*_([0-9]{3})\\..*", "$1");
      // The municipality first: ingest takes the first 3-digit group of a name.
      String name = String.format("%s_mutant_%03d.%s", code, i, csv ? "csv" : "xlsx");
      int kind = random.nextInt(6);
      byte[] mutant = switch (kind) {
        case 0 -> letterInsideALine(bytes, random);
        case 1 -> insertSome(bytes, random, STRUCTURE);
        case 2 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
        case 3 -> flipBytes(bytes, random, 1 + random.nextInt(8));
        case 4 -> insertSome(bytes, random, new byte[] {0, (byte) 0xFF, (byte) 0xC3, (byte) 0xA0, 'E', '+', '9'});
        default -> insertLongValue(bytes, random);
      };
      if (csv && kind == 0) {
        keepsItsRows.put(name, dataLines(base));
      }
      Files.write(input.resolve(name), mutant);
    }

    Path config = TestFiles.surveyConfigWithKeysIn(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit;
    try (LogCapture logs = new LogCapture()) {
      assertThat(Launcher.run(new String[] {"create-keys", "--config", config.toString()}, printed, printed)).isZero();
      exit = assertTimeoutPreemptively(Duration.ofMinutes(5), () -> Launcher.run(new String[] {"ingest", "--config",
          config.toString(), "--warehouse", dir.resolve("warehouse").toString(), "--input", input.toString()}, printed, printed));
      printed.flush();
      assertThat(out.toString(StandardCharsets.UTF_8) + logs.text()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
    assertThat(exit).isIn(0, 3);

    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    String round = "2023Q2";
    // A workbook's further sheets have rows of their own: " [Ark2]" after the name.
    Map<String, Row> quality = new HashMap<>();
    warehouse.readRound(Table.DATA_QUALITY, round).groupBy(baseName().as("source_file"))
        .agg(org.apache.spark.sql.functions.max("file_status").as("file_status"),
            org.apache.spark.sql.functions.sum("rows_read").as("rows_read"),
            org.apache.spark.sql.functions.sum("rows_accepted").as("rows_accepted"),
            org.apache.spark.sql.functions.sum("rows_quarantined").as("rows_quarantined"),
            org.apache.spark.sql.functions.countDistinct("file_status").as("statuses"))
        .collectAsList().forEach(r -> quality.put(r.getAs("source_file"), r));
    assertThat(quality.keySet()).as("every mutant is listed once").hasSize(MUTANTS);
    Map<String, Long> raw = perFile(warehouse.readRound(Table.RAW_EXTRACT, round));
    Map<String, Long> quarantined = perFile(warehouse.readRound(Table.QUARANTINE, round).where("step = 'ingest'"));
    Map<String, Long> population = perFile(warehouse.readRound(Table.POPULATION, round));
    for (Row file : quality.values()) {
      String name = file.getAs("source_file");
      String status = file.getAs("file_status");
      assertThat(status).as(name).isIn("read", "rejected");
      assertThat(file.<Long>getAs("statuses")).as(name).isOne();
      long read = file.<Long>getAs("rows_read");
      if (status.equals("rejected")) {
        assertThat(read).as(name).isZero();
        assertThat(raw.getOrDefault(name, 0L)).as(name).isZero();
        continue;
      }
      assertThat(read).as(name).isEqualTo(file.<Long>getAs("rows_accepted") + file.<Long>getAs("rows_quarantined"));
      assertThat(raw.getOrDefault(name, 0L)).as("%s: rows stored", name).isEqualTo(read);
      assertThat(population.getOrDefault(name, 0L) + quarantined.getOrDefault(name, 0L))
          .as("%s: rows in the population or in quarantine", name).isEqualTo(read);
      if (keepsItsRows.containsKey(name)) {
        assertThat(read).as("%s: a changed letter loses no row", name).isEqualTo(keepsItsRows.get(name));
      }
    }
  }

  /** Rows per source file; a workbook's further sheets count for the workbook. */
  private static Map<String, Long> perFile(org.apache.spark.sql.Dataset<Row> table) {
    Map<String, Long> counts = new HashMap<>();
    table.groupBy(baseName().as("file")).count()
        .collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }

  private static org.apache.spark.sql.Column baseName() {
    return org.apache.spark.sql.functions.regexp_replace(col("source_file"), " \\[.*\\]$", "");
  }

  /** Non-blank lines below the header: the file's data rows. */
  private static long dataLines(Path csv) throws Exception {
    String text = new String(Files.readAllBytes(csv), csv.toString().contains("windows1252")
        ? java.nio.charset.Charset.forName("windows-1252") : StandardCharsets.UTF_8);
    List<String> lines = text.replace("\uFEFF", "").lines().filter(l -> !l.isBlank()).toList();
    int header = 0;
    while (!lines.get(header).toLowerCase(java.util.Locale.ROOT).startsWith("cpr")) {
      header++;
    }
    return lines.size() - header - 1;
  }

  /** One byte of a data line's cell replaced by a letter: the file keeps its lines, separators and quotes. */
  private static byte[] letterInsideALine(byte[] bytes, Random random) {
    byte[] mutant = bytes.clone();
    int firstBreak = indexOf(bytes, (byte) '\n');
    for (int tries = 0; tries < 100; tries++) {
      int at = firstBreak + 1 + random.nextInt(Math.max(1, bytes.length - firstBreak - 1));
      if (at < bytes.length && isPlain(bytes[at])) {
        mutant[at] = (byte) ('a' + random.nextInt(26));
        return mutant;
      }
    }
    return mutant;
  }

  private static boolean isPlain(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return 0;
  }

  private static byte[] insertSome(byte[] bytes, Random random, byte[] alphabet) {
    byte[] mutant = bytes;
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      int at = random.nextInt(mutant.length + 1);
      byte[] longer = new byte[mutant.length + 1];
      System.arraycopy(mutant, 0, longer, 0, at);
      longer[at] = alphabet[random.nextInt(alphabet.length)];
      System.arraycopy(mutant, at, longer, at + 1, mutant.length - at);
      mutant = longer;
    }
    return mutant;
  }

  private static byte[] flipBytes(byte[] bytes, Random random, int flips) {
    byte[] mutant = bytes.clone();
    for (int i = 0; i < flips; i++) {
      mutant[random.nextInt(mutant.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return mutant;
  }

  /** A value of 10-200 kB somewhere: a pasted document in a cell. */
  private static byte[] insertLongValue(byte[] bytes, Random random) {
    int at = random.nextInt(bytes.length + 1);
    byte[] value = "x".repeat(10_000 + random.nextInt(190_000)).getBytes(StandardCharsets.US_ASCII);
    byte[] mutant = new byte[bytes.length + value.length];
    System.arraycopy(bytes, 0, mutant, 0, at);
    System.arraycopy(value, 0, mutant, at, value.length);
    System.arraycopy(bytes, at, mutant, at + value.length, bytes.length - at);
    return mutant;
  }
}
