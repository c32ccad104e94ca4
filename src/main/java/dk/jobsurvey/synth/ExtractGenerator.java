package dk.jobsurvey.synth;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Municipalities.Municipality;
import dk.jobsurvey.config.ReferenceDates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes synthetic population extracts, one file per municipality, the way municipalities send them
 * (see {@link ExtractLayout} for the formats and {@link BenefitMix} for the figures). Rows per
 * municipality = population × {@value #ROWS_PER_INHABITANT} × scale, so all 98 give about 510,000.
 *
 * <p>Every row draws from its own random stream, seeded by (seed, municipality, row), so the same
 * seed gives the same files whatever runs in parallel. Defects (at {@code defectRate} of the rows,
 * spread evenly over the kinds in {@link Defect}) are the ones real extracts have; lost leading zeros
 * come from the layouts that store CPR numbers as spreadsheet numbers.
 *
 * <p>Cost: all rows of a run are held in memory before writing (about 300 bytes a row); files are
 * written in parallel on the local machine.
 */
public final class ExtractGenerator {
  /** Extract rows per inhabitant: unemployed on any benefit in Q2 (≈ 8.8 % of the population). */
  static final double ROWS_PER_INHABITANT = 0.088;

  /** The nine pilot municipalities: two large, four middle-sized, three small (two of them a census). */
  public static final List<String> PILOT = List.of("461", "157", "370", "540", "420", "787", "482", "563", "825");

  /** Defects real extracts carry, one kind per affected row. */
  enum Defect { INVALID_CPR, UNKNOWN_BENEFIT, MISSING_BENEFIT, MALFORMED_DATE, FUTURE_DATE, INVALID_YES_NO,
    DUPLICATE_WITHIN, MOVED_FROM_ELSEWHERE }

  private static final String MARKER = ".jobsurvey-synthetic";

  /** Options of one generation run. */
  public record Settings(long seed, double scale, double defectRate, String round, ReferenceDates dates) {
    public Settings {
      if (scale <= 0) {
        throw new IllegalArgumentException("--scale must be positive, got " + scale);
      }
      if (defectRate < 0 || defectRate > 0.5) {
        throw new IllegalArgumentException("--defect-rate must be within 0-0.5, got " + defectRate);
      }
    }
  }

  /** One written file. */
  public record WrittenFile(String kommunekode, String fileName, String format, int rows) {}

  private ExtractGenerator() {}

  /** The municipalities named by {@code --municipalities}: pilot, all, or a comma-separated code list. */
  public static List<Municipality> select(String selection) {
    List<String> codes = switch (selection) {
      case "pilot" -> PILOT;
      case "all" -> Municipalities.all().stream().map(Municipality::code).toList();
      default -> List.of(selection.split(","));
    };
    List<Municipality> selected = new ArrayList<>();
    for (String code : codes) {
      selected.add(Municipalities.byCode(code.strip()).orElseThrow(() -> new IllegalArgumentException(
          "--municipalities: '" + code.strip() + "' is not a municipality code (pilot, all, or codes like 101,461)")));
    }
    return selected;
  }

  /** Generates and writes the extracts into {@code outDir}, replacing an earlier synthetic set there. */
  public static List<WrittenFile> generate(List<Municipality> municipalities, Settings settings, Path outDir)
      throws IOException {
    prepare(outDir);
    int count = municipalities.size();
    List<PersonFactory.Rows> generated = IntStream.range(0, count).parallel()
        .mapToObj(i -> rowsOf(municipalities.get(i), settings)).toList();
    return IntStream.range(0, count).parallel().mapToObj(i -> {
      Municipality m = municipalities.get(i);
      // A person who moved appears again, in an earlier spell, in the previous municipality of the selection.
      List<ExtractRow> rows = new ArrayList<>(generated.get(i).rows());
      rows.addAll(generated.get((i + 1) % count).movedAway());
      ExtractLayout layout = ExtractLayout.forPosition(i, m.code(), m.name(), settings.round());
      try {
        ExtractFileWriter.write(layout, rows, outDir.resolve(layout.fileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new WrittenFile(m.code(), layout.fileName(), layout.fileType().name().toLowerCase(Locale.ROOT), rows.size());
    }).toList();
  }

  private static void prepare(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Path marker = outDir.resolve(MARKER);
    try (Stream<Path> files = Files.list(outDir)) {
      List<Path> existing = files.toList();
      if (!existing.isEmpty() && !Files.exists(marker)) {
        throw new IllegalArgumentException("--out " + outDir + " holds files not written by generate; choose an empty folder");
      }
      for (Path file : existing) {
        if (!file.equals(marker)) {
          Files.delete(file);
        }
      }
    }
    Files.writeString(marker, "Synthetic extracts written by jobsurvey generate; this folder is replaced on every run.\n");
  }

  private static PersonFactory.Rows rowsOf(Municipality municipality, Settings settings) {
    int n = (int) Math.max(1, Math.round(municipality.population() * ROWS_PER_INHABITANT * settings.scale()));
    int block = Municipalities.all().indexOf(municipality);
    PersonFactory factory = new PersonFactory(block, settings);
    for (int i = 0; i < n; i++) {
      factory.addRow(new SplittableRandom(mix(settings.seed(), block, i)));
    }
    return factory.rows();
  }

  private static long mix(long seed, int block, int row) {
    long h = seed * 0x9E3779B97F4A7C15L + block * 0xC2B2AE3D27D4EB4FL + row * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    return h ^ (h >>> 29);
  }
}
