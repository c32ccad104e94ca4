package dk.jobsurvey.jobs;

import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.ingest.DataQualityWorkbooks;
import dk.jobsurvey.ingest.IngestExtracts;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code check-extract}: the preflight check the analyst runs the day an extract arrives (weeks
 * 26-34), so that a municipality can send a corrected file before the sample is drawn. The files
 * are read and checked by exactly the rules of ingest, nothing is written to any warehouse, and the
 * Danish data-quality workbook of each municipality is written to {@code --out} beside the console
 * summary. Exits 0 when every file would be ingested (rows that would be quarantined are counted
 * and listed in the workbook), {@value IngestJob#EXIT_FILES_REJECTED} when a file would be rejected.
 *
 * <p>Needs no keys: the pseudonyms it makes to find duplicates come from a random key of this run
 * alone and are never stored.
 */
public final class CheckExtractJob {
  static final JobCommand COMMAND = JobCommand.of("check-extract",
      "check municipal extracts by the rules of ingest, write their data-quality workbooks, touch no warehouse",
      List.of(JobOption.required("input", "FILE|DIR", "an extract, or a folder of extracts"),
          JobOption.optional("out", "DIR", "folder for the data-quality workbooks", "check-extract")),
      CheckExtractJob::check);

  private CheckExtractJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void check(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    Path input = args.path("input");
    if (!Files.exists(input)) {
      throw new UsageException("--input " + input + " does not exist");
    }
    // A single file is checked on its own: copied into a private folder (the run's temp folder is 700).
    Path workbookFolder = args.path("out");
    Files.createDirectories(workbookFolder);
    Path scratch = Files.createTempDirectory("jobsurvey-check-");
    try {
      Path folder = input;
      if (Files.isRegularFile(input)) {
        folder = Files.createDirectories(scratch.resolve("input"));
        Files.copy(input, folder.resolve(input.getFileName()));
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      try (SparkSessions.JobSession session = SparkSessions.forJob("check-extract", scratch.resolve("warehouse").toString())) {
        // The warehouse object only locates the work folder: check() writes no table.
        Warehouse nowhere = new Warehouse(session.spark(), scratch.resolve("warehouse").toString());
        IngestExtracts ingest = new IngestExtracts(context.survey(), nowhere, key, folder.toString());
        IngestExtracts.Checked checked = ingest.check();
        List<Path> workbooks = checked.dataQuality().isEmpty() ? List.of()
            : DataQualityWorkbooks.writeTo(workbookFolder, context.round(), checked.dataQuality(), checked.rejected(),
                ingest.problemsByFile(checked.quarantined(), checked.dataQuality()));
        IngestJob.printSummary(out, context, new IngestExtracts.Result(checked.files(), checked.ignored(), checked.rejected(),
            checked.columnsByFile(), checked.dataQuality(), checked.unknownBenefits(), List.of()), 0);
        out.println("Data-quality workbooks: " + workbookFolder.toAbsolutePath() + " (" + workbooks.size() + " files); no warehouse was written");
        long quarantined = checked.dataQuality().stream().mapToLong(r -> r.<Long>getAs("rows_quarantined")).sum();
        if (!checked.rejected().isEmpty() || checked.dataQuality().isEmpty()) {
          throw new JobFailedException("would not ingest: " + String.join("; ",
              checked.rejected().stream().map(FileRejection::toString).toList()), IngestJob.EXIT_FILES_REJECTED);
        }
        out.println(quarantined == 0 ? "every file would be ingested as it is"
            : "every file would be ingested; " + quarantined + " row(s) would be quarantined (see the workbooks)");
      }
    } finally {
      try (var paths = Files.walk(scratch)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
