package dk.jobsurvey.jobs;

import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.estimate.CsvEstimates;
import dk.jobsurvey.weight.WeightingException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code estimate-csv}: rakes the golden-format CSVs as rake-csv does, then writes share_positive and
 * mean of every item column (q1, q13, ...) nationally, by kommunekode and by ydelsesgruppe, with
 * linearized SEs, in the columns of expected_estimates.csv. No Spark.
 */
public final class EstimateCsvJob {
  static final JobCommand COMMAND = JobCommand.of("estimate-csv",
      "rake golden-format CSVs and write share_positive and mean per item with SEs (no Spark)",
      RakeCsvJob.withOut(RakeCsvJob.CSV_INPUT, "where to write item,statistic,domain,value,n,estimate,se"),
      EstimateCsvJob::estimate);

  private EstimateCsvJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void estimate(JobArgs args, PrintStream out) throws Exception {
    RakeCsvJob.Raked raked = RakeCsvJob.rake(args);
    List<CsvEstimates.Line> lines;
    try {
      lines = CsvEstimates.estimate(raked.input(), raked.weighting(),
          ConfigLoader.questionnaireVersions(args.path("questionnaire")).positiveValues(), List.of("kommunekode", "ydelsesgruppe"));
    } catch (WeightingException e) {
      throw new JobFailedException(e.getMessage(), JobCommand.EXIT_FAILED);
    }
    CsvEstimates.write(lines, args.path("out"));
    for (CsvEstimates.Line line : lines) {
      if (line.domain().equals("national")) {
        out.printf(Locale.ROOT, "%-5s %-15s n %,5d  estimate %.6f  se %.6f%n", line.item(), line.statistic(), line.n(),
            line.estimate(), line.se());
      }
    }
    out.println(lines.size() + " estimates (national, by kommunekode, by ydelsesgruppe): " + args.path("out"));
  }
}
