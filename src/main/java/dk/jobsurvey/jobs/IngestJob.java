package dk.jobsurvey.jobs;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.SecretKeys;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.ingest.ExclusionReason;
import dk.jobsurvey.ingest.IngestExtracts;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * {@code ingest}: every extract in {@code --input}, validated, pseudonymised and classified into the
 * round's ingest tables, with a data-quality workbook per municipality. Exits with
 * {@value #EXIT_FILES_REJECTED} when a file was rejected (the others are ingested), so a scheduler
 * notices.
 */
public final class IngestJob {
  public static final int EXIT_FILES_REJECTED = 3;

  static final JobCommand COMMAND = JobCommand.of("ingest",
      "read, validate, pseudonymise and classify the municipal extracts of a round",
      List.of(JobOption.required("input", "DIR", "folder of extracts (.xlsx, .csv; sub-folders too)")),
      IngestJob::ingest);

  private IngestJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void ingest(JobArgs args, PrintStream out) {
    run(JobContext.from(args), args.value("input"), out);
  }

  /** The step on a loaded context, alone or in the pipeline, for the extracts in {@code input}. */
  static void run(JobContext context, String input, PrintStream out) {
    byte[] key = SecretKeys.pseudonymKey(context.survey().keys(), System.getenv());
    try (SparkSessions.JobSession session = SparkSessions.forJob("ingest", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      JobRun run = context.startRun(warehouse, "ingest");
      long started = System.nanoTime();
      // The tables and this run's line in the run log together; a run that rejected a file is logged as partial.
      // Nothing read at all is a failure (exit 2, nothing written), so no step after it goes on.
      IngestExtracts.Result result = run.commit(() -> {
        IngestExtracts.Result ingested;
        try {
          ingested = new IngestExtracts(context.survey(), warehouse, key, input).execute();
        } catch (java.io.IOException e) {
          throw new UsageException(e.getMessage());
        }
        if (ingested.dataQuality().isEmpty()) {
          String why = ingested.files().isEmpty() ? "the folder is empty" : "no file could be read";
          ingested.rejected().forEach(r -> out.println("  rejected " + r));
          throw new JobFailedException("no extracts ingested from " + input + ": " + why
              + " (expected .xlsx or .csv files, one per municipality)", JobCommand.EXIT_USAGE);
        }
        return ingested;
      }, ingested -> new JobRun.Outcome(ingested.rejected().isEmpty() ? JobCommand.EXIT_OK : EXIT_FILES_REJECTED,
          Map.of("extract files (rows)", ingested.dataQuality().stream().mapToLong(r -> r.<Long>getAs("rows_read")).sum()),
          Map.of("files", (long) ingested.files().size(), "files_rejected", (long) ingested.rejected().size(),
              "files_ignored", (long) ingested.ignored().size())));
      double seconds = (System.nanoTime() - started) / 1e9;
      var workbooks = result.workbooks();
      printSummary(out, context, result, seconds);
      out.println("Data-quality workbooks (one per municipality): "
          + warehouse.outbox(context.round()) + " (" + workbooks.size() + " files)");
      out.println("Tables: " + warehouse.location(Table.POPULATION) + " and the other ingest tables under "
          + context.warehouse().toAbsolutePath().normalize());
      if (!result.rejected().isEmpty()) {
        throw new JobFailedException(result.rejected().size() + " file(s) rejected, the others ingested: "
            + String.join("; ", result.rejected().stream().map(FileRejection::toString).toList()), EXIT_FILES_REJECTED);
      }
    }
  }


  static void printSummary(PrintStream out, JobContext context, IngestExtracts.Result result, double seconds) {
    List<BenefitGroup> groups = context.survey().groups();
    Map<String, long[]> byMunicipality = new TreeMap<>();
    List<String> counted = List.of("rows_read", "rows_quarantined", "excluded", "eligible");
    long[] total = new long[counted.size() + groups.size()];
    for (Row row : result.dataQuality()) {
      String code = row.getAs("kommunekode") == null ? "?" : row.getAs("kommunekode");
      long[] sums = byMunicipality.computeIfAbsent(code, c -> new long[total.length]);
      for (int i = 0; i < total.length; i++) {
        String column = i < counted.size() ? counted.get(i) : "eligible_" + groups.get(i - counted.size()).id();
        long value = row.<Long>getAs(column);
        sums[i] += value;
        total[i] += value;
      }
    }
    out.printf("%ningest %s: %d files read, %d rejected, %d ignored, in %.1f s%n", context.round(),
        result.files().size() - result.rejected().size() - result.ignored().size(), result.rejected().size(),
        result.ignored().size(), seconds);
    StringBuilder header = new StringBuilder(String.format("%-4s %-16s %9s %9s %9s %9s", "kode", "kommune", "read",
        "quarant.", "excluded", "eligible"));
    groups.forEach(g -> header.append(String.format(" %9.9s", g.id())));
    out.println(header);
    byMunicipality.forEach((code, sums) -> out.println(line(code,
        Municipalities.byCode(code).map(Municipalities.Municipality::name).orElse("(unknown)"), sums)));
    out.println(line("", "total", total));
    Map<String, Long> excluded = new TreeMap<>();
    for (Row row : result.dataQuality()) {
      for (ExclusionReason reason : ExclusionReason.values()) {
        excluded.merge(reason.code(), row.<Long>getAs("excluded_" + reason.code()), Long::sum);
      }
    }
    out.println("excluded by reason: " + excluded);
    if (!result.unknownBenefits().isEmpty()) {
      out.println("unknown benefit labels (add them to groups or out_of_scope_benefits in the config):");
      for (Row row : result.unknownBenefits()) {
        String label = row.getString(0);
        Row first = row.getStruct(2);
        // A null label is one that may be a name or a number (BenefitClassifier.isReportable): only where to find it is shown.
        out.printf("  %6d  %s%n", row.getLong(1), label != null ? label
            : "unreadable label, not shown (first: " + first.getString(0) + " row " + first.getLong(1) + ")");
      }
    }
    // Nothing ignored silently: how columns were found, what was not used, and what a missing column costs.
    result.columnsByFile().forEach((file, columns) -> {
      if (columns.isNoteworthy()) {
        out.println("  columns of " + file + ":");
        columns.matched().stream().filter(m -> !m.endsWith("(alias)")).forEach(m -> out.println("    " + m));
        columns.unused().forEach(u -> out.println("    not used: «" + u + "»"));
        columns.missing().forEach(m -> out.println("    missing " + m));
      }
    });
    result.ignored().forEach(f -> out.println("  ignored (not an extract): " + f.name()));
    result.rejected().forEach(r -> out.println("  REJECTED " + r));
  }

  private static String line(String code, String name, long[] sums) {
    StringBuilder text = new StringBuilder(String.format("%-4s %-16.16s", code, name));
    for (long value : sums) {
      text.append(String.format(" %9d", value));
    }
    return text.toString();
  }
}
