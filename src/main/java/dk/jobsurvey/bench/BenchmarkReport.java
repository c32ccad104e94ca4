package dk.jobsurvey.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Figures of one benchmark run: named measurements (seconds, rows, rows/s), the machine, and the
 * driver's peak heap. Written as JSON and as a Markdown table, and printed.
 */
public final class BenchmarkReport {
  private static final HeapSampler HEAP = new HeapSampler();
  /** One timed measurement. */
  public record Measurement(String name, double seconds, long rows) {
    public double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }
  }

  private final String title;
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Section> sections = new ArrayList<>();

  /** A table of its own below the measurements (a breakdown of where the time went). */
  private record Section(String heading, List<String> columns, List<List<Object>> rows) {}

  public BenchmarkReport(String title) {
    this.title = title;
  }

  /** Runs {@code work}, which returns the rows it handled, and records its time. */
  public Measurement time(String name, RowsWork work) throws Exception {
    long started = System.nanoTime();
    long rows = work.run();
    return record(name, (System.nanoTime() - started) / 1e9, rows);
  }

  /** Records a measurement timed elsewhere (a phase the step itself timed). */
  public Measurement record(String name, double seconds, long rows) {
    Measurement measurement = new Measurement(name, seconds, rows);
    measurements.add(measurement);
    System.out.printf(Locale.ROOT, "  %-48s %8.2f s %10d rows %10.0f rows/s%n", name, seconds, rows,
        measurement.rowsPerSecond());
    return measurement;
  }

  public void note(String note) {
    notes.add(note);
  }

  /** Adds a table below the measurements: its heading, column names and rows (numbers right-aligned). */
  public void section(String heading, List<String> columns, List<List<Object>> rows) {
    sections.add(new Section(heading, List.copyOf(columns), List.copyOf(rows)));
    System.out.println("  " + heading);
    rows.forEach(row -> System.out.println("    " + row));
  }

  /** Work that reports how many rows it handled. */
  @FunctionalInterface
  public interface RowsWork {
    long run() throws Exception;
  }

  /** Starts the heap peaks again from the heap in use now (after a collection). */
  public static void resetPeakHeap() {
    HEAP.reset();
  }

  /** The most heap this JVM used at any moment so far (or since {@link #resetPeakHeap()}), in MiB. */
  public static long peakHeapMiB() {
    return HEAP.peakUsedMiB();
  }

  /** The most heap still in use after a collection so far (or since {@link #resetPeakHeap()}), in MiB. */
  public static long peakLiveHeapMiB() {
    return HEAP.peakLiveMiB();
  }

  static String machine() {
    return String.format(Locale.ROOT, "%d cores, %d MiB max heap, Java %s, %s %s, load average %.2f", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.arch"), loadAverage());
  }

  /** The machine's load average over the last minute (negative where the system does not say). */
  public static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * Waits until the last minute's load average is below {@code quiet}, at most {@code maxSeconds}
   * (a run just before leaves the average high for a minute); returns the load average then.
   */
  public static double loadAverageAfterQuiet(double quiet, int maxSeconds) throws InterruptedException {
    for (int waited = 0; loadAverage() >= quiet && waited < maxSeconds; waited += 5) {
      Thread.sleep(5000);
    }
    return loadAverage();
  }

  private static String cell(Object value) {
    if (value instanceof Double number) {
      return String.format(Locale.ROOT, "%.2f", number);
    }
    return value instanceof Number number ? String.format(Locale.ROOT, "%,d", number.longValue()) : String.valueOf(value);
  }

  /** Writes {@code <dir>/<name>.json} and {@code <dir>/<name>.md}; returns the Markdown. */
  public String write(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    long peak = peakHeapMiB();
    long live = peakLiveHeapMiB();
    // Jackson (which Spark brings) writes the JSON, so names and notes with quotes or backslashes stay valid.
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", title);
    json.put("finished_at", Instant.now().toString());
    json.put("machine", machine());
    json.put("peak_driver_heap_mib", peak);
    json.put("peak_live_driver_heap_mib", live);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Measurement m : measurements) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", m.name());
      row.put("seconds", Math.round(m.seconds() * 100) / 100.0);
      row.put("rows", m.rows());
      row.put("rows_per_second", Math.round(m.rowsPerSecond()));
      rows.add(row);
    }
    json.put("measurements", rows);
    json.put("notes", notes);
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Section section : sections) {
      List<Map<String, Object>> sectionRows = new ArrayList<>();
      for (List<Object> row : section.rows()) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int c = 0; c < section.columns().size(); c++) {
          named.put(section.columns().get(c), row.get(c));
        }
        sectionRows.add(named);
      }
      tables.add(Map.of("heading", section.heading(), "rows", sectionRows));
    }
    json.put("sections", tables);
    StringBuilder md = new StringBuilder("## " + title + "\n\n");
    md.append("Machine: ").append(machine()).append("; finished ").append(Instant.now()).append("; peak driver heap ")
        .append(peak).append(" MiB (live after a collection: ").append(live).append(" MiB).\n\n| measurement | seconds | rows | rows/s |\n|---|---:|---:|---:|\n");
    for (Measurement m : measurements) {
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %,d | %,.0f |%n", m.name(), m.seconds(), m.rows(), m.rowsPerSecond()));
    }
    for (Section section : sections) {
      md.append("\n### ").append(section.heading()).append("\n\n| ").append(String.join(" | ", section.columns())).append(" |\n|");
      section.columns().forEach(c -> md.append(c.equals(section.columns().get(0)) ? "---|" : "---:|"));
      md.append('\n');
      for (List<Object> row : section.rows()) {
        md.append("| ").append(String.join(" | ", row.stream().map(BenchmarkReport::cell).toList())).append(" |\n");
      }
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    Files.writeString(dir.resolve(name + ".json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(name + ".md"), md.toString(), StandardCharsets.UTF_8);
    return md.toString();
  }
}
