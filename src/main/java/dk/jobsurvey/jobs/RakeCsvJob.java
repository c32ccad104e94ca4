package dk.jobsurvey.jobs;

import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.weight.CellWeighting;
import dk.jobsurvey.weight.CsvRaking;
import dk.jobsurvey.weight.MergeRules;
import dk.jobsurvey.weight.WeightingException;
import dk.jobsurvey.weight.WeightingResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rake-csv}: rakes a CSV of respondents to a CSV of margins (the formats of
 * testdata/golden-raking) with the method and settings of the weight step, and writes
 * {@code respondent_id,weight}. No Spark: for checking a weighting by hand or against R.
 */
public final class RakeCsvJob {
  static final JobCommand COMMAND = JobCommand.of("rake-csv",
      "rake a CSV of respondents to a CSV of population margins; writes respondent_id,weight (no Spark)",
      List.of(JobOption.required("respondents", "FILE", "respondent_id, N_h, and a column per stratum and margin variable"),
          JobOption.required("margins", "FILE", "margin (variables joined by *), category (values joined by |), total"),
          JobOption.required("out", "FILE", "where to write respondent_id,weight"),
          JobOption.optional("strata", "VARS", "comma-separated stratum variables", String.join(",", CsvRaking.DEFAULT_STRATA))),
      RakeCsvJob::rake);

  private RakeCsvJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void rake(JobArgs args, PrintStream out) throws Exception {
    Survey survey = ConfigLoader.survey(args.path("config"));
    Path respondents = existingFile(args, "respondents");
    Path margins = existingFile(args, "margins");
    List<String> strata = List.of(args.value("strata").split(","));
    try {
      CsvRaking.Input input = CsvRaking.read(respondents, margins, strata);
      WeightingResult result = new CellWeighting(survey.weighting(), MergeRules.of(survey)).weigh(input.problem());
      CsvRaking.write(CsvRaking.weights(input, result), args.path("out"));
      WeightingPrinter.print(out, result, survey.weighting());
      out.println("weights: " + args.path("out"));
    } catch (WeightingException e) {
      throw new JobFailedException(e.getMessage(), JobCommand.EXIT_FAILED);
    }
  }

  private static Path existingFile(JobArgs args, String option) {
    Path file = args.path(option);
    if (!Files.isRegularFile(file)) {
      throw new UsageException("--" + option + ": no such file " + file);
    }
    return file;
  }
}
