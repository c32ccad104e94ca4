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
  /** The input options of rake-csv and estimate-csv. */
  static final List<JobOption> CSV_INPUT = List.of(
      JobOption.required("respondents", "FILE", "respondent_id, N_h, and a column per stratum and margin variable"),
      JobOption.required("margins", "FILE", "margin (variables joined by *), category (values joined by |), total"),
      JobOption.optional("strata", "VARS", "comma-separated stratum variables", String.join(",", CsvRaking.DEFAULT_STRATA)));

  static final JobCommand COMMAND = JobCommand.of("rake-csv",
      "rake a CSV of respondents to a CSV of population margins; writes respondent_id,weight (no Spark)",
      withOut(CSV_INPUT, "where to write respondent_id,weight"), RakeCsvJob::rakeCsv);

  /** The CSV input read and raked, with the survey configuration it was raked by. */
  record Raked(Survey survey, CsvRaking.Input input, WeightingResult weighting) {}

  private RakeCsvJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  static List<JobOption> withOut(List<JobOption> options, String description) {
    List<JobOption> all = new java.util.ArrayList<>(options);
    all.add(JobOption.required("out", "FILE", description));
    return List.copyOf(all);
  }

  private static void rakeCsv(JobArgs args, PrintStream out) throws Exception {
    Raked raked = rake(args);
    CsvRaking.write(CsvRaking.weights(raked.input(), raked.weighting()), args.path("out"));
    WeightingPrinter.print(out, raked.weighting(), raked.survey().weighting());
    out.println("weights: " + args.path("out"));
  }

  /** Reads {@code --respondents} and {@code --margins} and rakes them; bad input fails the job with its message. */
  static Raked rake(JobArgs args) throws Exception {
    Survey survey = ConfigLoader.survey(args.path("config"));
    Path respondents = existingFile(args, "respondents");
    Path margins = existingFile(args, "margins");
    try {
      CsvRaking.Input input = CsvRaking.read(respondents, margins, List.of(args.value("strata").split(",")));
      return new Raked(survey, input, new CellWeighting(survey.weighting(), MergeRules.of(survey)).weigh(input.problem()));
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
