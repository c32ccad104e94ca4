package dk.jobsurvey.jobs;

import dk.jobsurvey.config.Municipalities.Municipality;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.synth.ExtractGenerator.WrittenFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code generate}: synthetic population extracts, one file per municipality, as municipalities send
 * them (half .xlsx, half ';'-separated .csv, varied headers, realistic defects). Runs on the driver
 * alone; no Spark job.
 */
public final class GenerateJob {
  static final JobCommand COMMAND = JobCommand.of("generate",
      "write synthetic municipal population extracts (for the demo, tests and benchmarks)",
      List.of(
          JobOption.optional("out", "DIR", "folder for the extracts (replaced on every run)", "extracts"),
          JobOption.optional("municipalities", "WHICH", "pilot (9), all (98) or codes like 101,461", "pilot"),
          JobOption.optional("scale", "F", "multiply every municipality's size by F", "1"),
          JobOption.optional("seed", "N", "random seed; the same seed gives the same files", "2023"),
          JobOption.optional("defect-rate", "P", "share of rows with a realistic defect", "0.02")),
      GenerateJob::generate);

  private GenerateJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void generate(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    List<Municipality> municipalities;
    ExtractGenerator.Settings settings;
    try {
      municipalities = ExtractGenerator.select(args.value("municipalities"));
      settings = new ExtractGenerator.Settings(args.wholeNumber("seed"), args.number("scale"),
          args.number("defect-rate"), context.round(), context.survey().referenceDates());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path folder = args.path("out");
    long started = System.nanoTime();
    List<WrittenFile> files = ExtractGenerator.generate(municipalities, settings, folder);
    double seconds = (System.nanoTime() - started) / 1e9;
    int rows = files.stream().mapToInt(WrittenFile::rows).sum();
    long xlsx = files.stream().filter(f -> f.format().equals("xlsx")).count();
    out.printf("generate: %d extracts (%d xlsx, %d csv), %,d rows, round %s, seed %d, in %.1f s%n",
        files.size(), xlsx, files.size() - xlsx, rows, context.round(), settings.seed(), seconds);
    out.println("Extracts written to " + folder.toAbsolutePath().normalize());
  }
}
