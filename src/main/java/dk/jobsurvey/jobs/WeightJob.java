package dk.jobsurvey.jobs;

import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import dk.jobsurvey.weight.WeightingException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code weight}: base weights and raking of the round's respondents to the eligible population's margins. */
public final class WeightJob {
  static final JobCommand COMMAND = JobCommand.of("weight",
      "base weights N_h/r_h and raking to the population margins; analysis/weights and weighting_diagnostics",
      List.of(), WeightJob::weight);

  private WeightJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void weight(JobArgs args, PrintStream out) {
    run(JobContext.from(args), out);
  }

  /** The step on a loaded context, alone or in the pipeline. */
  static void run(JobContext context, PrintStream out) {
    try (SparkSessions.JobSession session = SparkSessions.forJob("weight", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      // The weights and this run's line in the run log together.
      WeightRespondents.Result result = context.startRun(warehouse, "weight").commit(() -> {
        try {
          return new WeightRespondents(context.survey(), warehouse).execute();
        } catch (WeightingException e) {
          throw new JobFailedException("weighting " + context.round() + " failed, the tables are unchanged: " + e.getMessage(),
              JobCommand.EXIT_FAILED);
        }
      }, weighted -> JobRun.Outcome.succeeded(Map.of("analysis/responses (respondents)", weighted.weighting().respondents()),
          Map.of("respondents_outside_population", weighted.respondentsOutsidePopulation(),
              "cells", (long) weighted.weighting().cells().size(), "sweeps", (long) weighted.weighting().sweeps())));
      out.printf("%nweight %s: ", context.round());
      WeightingPrinter.print(out, result.weighting(), context.survey().weighting());
      if (result.respondentsOutsidePopulation() > 0) {
        out.printf("%,d respondents are not in the round's eligible population and got no weight (check the round)%n",
            result.respondentsOutsidePopulation());
      }
      out.println("seconds: " + String.join(", ", result.phaseSeconds().entrySet().stream()
          .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList()));
      out.println("Tables: " + warehouse.location(Table.WEIGHTS) + ", " + warehouse.location(Table.WEIGHTING_DIAGNOSTICS));
    }
  }
}
