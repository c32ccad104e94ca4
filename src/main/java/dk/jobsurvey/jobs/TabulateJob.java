package dk.jobsurvey.jobs;

import dk.jobsurvey.estimate.ChangesSinceLastRound;
import dk.jobsurvey.estimate.Measure;
import dk.jobsurvey.estimate.RoundChanges;
import dk.jobsurvey.estimate.TabulateEstimates;
import dk.jobsurvey.estimate.Tabulation;
import dk.jobsurvey.publish.CellSystem;
import dk.jobsurvey.publish.DisclosureControl;
import dk.jobsurvey.publish.DisclosureException;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code tabulate}: weighted and unweighted estimates with SEs for every table, suppressed, to published/. */
public final class TabulateJob {
  static final JobCommand COMMAND = JobCommand.of("tabulate",
      "estimates with SEs, response rates and free-text terms, protected as one system; published/",
      List.of(), TabulateJob::tabulate);

  private TabulateJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void tabulate(JobArgs args, PrintStream out) {
    run(JobContext.from(args), out);
  }

  /** The step on a loaded context, alone or in the pipeline. */
  static void run(JobContext context, PrintStream out) {
    try (SparkSessions.JobSession session = SparkSessions.forJob("tabulate", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      // The estimates and this run's line in the run log together: a run whose log line cannot be written leaves no tables.
      TabulateEstimates.Result result = context.startRun(warehouse, "tabulate").commit(() -> {
        try {
          return new TabulateEstimates(context.survey(), context.questionnaireVersions(), warehouse).execute();
        } catch (DisclosureException e) {
          throw new JobFailedException("tabulate " + context.round() + ": " + e.getMessage(), JobCommand.EXIT_FAILED);
        }
      }, tabulated -> JobRun.Outcome.succeeded(Map.of("analysis/weights (respondents)", tabulated.respondents()),
          Map.of("cells", (long) tabulated.cells(), "rows", (long) tabulated.tabulation().rows().size(),
              "suppressed_primary", tabulated.tabulation().suppressed(DisclosureControl.Reason.PRIMARY),
              "suppressed_secondary", tabulated.tabulation().suppressed(DisclosureControl.Reason.SECONDARY))));
      print(out, context, result);
      out.println("Tables: " + warehouse.location(Table.ESTIMATES) + ", " + warehouse.location(Table.RESPONSE_RATES) + ", "
          + warehouse.location(Table.FREE_TEXT_TERMS) + ", " + warehouse.location(Table.CHANGES) + ", "
          + warehouse.location(Table.SUPPRESSION_LOG));
    }
  }

  private static void print(PrintStream out, JobContext context, TabulateEstimates.Result result) {
    Tabulation.Result tabulation = result.tabulation();
    out.printf(Locale.ROOT, "%ntabulate %s: %,d respondents, %,d rows in %d tables%n", context.round(), result.respondents(),
        tabulation.rows().size(), context.survey().tables().size());
    out.printf("National results (weighted; 95 %% CI; unweighted in brackets)%n");
    out.printf("%-12s %-15s %6s %9s %19s %11s%n", "item", "statistic", "n", "estimate", "95 % CI", "unweighted");
    List<Tabulation.Row> national = tabulation.rows().stream().filter(r -> r.domain().isEmpty()).toList();
    for (Tabulation.Row row : national) {
      if (!row.weighted() && !row.statistic().equals(Measure.CRONBACH_ALPHA)) {
        continue;
      }
      Tabulation.Row plain = national.stream().filter(r -> !r.weighted() && r.item().equals(row.item())
          && r.statistic().equals(row.statistic())).findFirst().orElse(row);
      boolean percent = row.statistic().equals(Measure.SHARE_POSITIVE);
      double scale = percent ? 100 : 1;
      if (row.suppressed() || row.estimate() == null) {
        out.printf("%-12s %-15s %6s %9s%n", row.item(), row.statistic(), row.suppressed() ? "-" : "0",
            row.suppressed() ? "suppressed" : "no answers");
        continue;
      }
      String interval = row.ciLow() == null ? "" : String.format(Locale.ROOT, "[%.2f, %.2f]", scale * row.ciLow(), scale * row.ciHigh());
      out.printf(Locale.ROOT, "%-12s %-15s %,6d %9.2f %19s %11s%n", row.item(), row.statistic() + (percent ? " %" : ""),
          row.n(), scale * row.estimate(), interval, row.weighted()
              ? String.format(Locale.ROOT, "(%.2f)", scale * plain.estimate()) : "");
    }
    CellSystem system = tabulation.system();
    out.printf(Locale.ROOT, "Hidden figures, decided together over estimates, response rates and free-text terms "
        + "(%,d cells, %,d sums, %,d bounds between tables): %,d primary (1-%d respondents), %,d secondary; "
        + "the audit passed after %d repair rounds%n", system.size(), system.relations().size(), system.bounds().size(),
        tabulation.suppressed(DisclosureControl.Reason.PRIMARY), context.survey().suppression().minRespondents() - 1,
        tabulation.suppressed(DisclosureControl.Reason.SECONDARY), tabulation.pattern().auditRounds());
    Map<String, long[]> byTable = new java.util.TreeMap<>();
    for (int cell = 0; cell < system.size(); cell++) {
      DisclosureControl.Reason reason = tabulation.pattern().reasons()[cell];
      if (reason != null) {
        String table = system.keys().get(cell).substring(0, system.keys().get(cell).indexOf(' '));
        byTable.computeIfAbsent(table, t -> new long[2])[reason == DisclosureControl.Reason.PRIMARY ? 0 : 1]++;
      }
    }
    byTable.forEach((table, counts) -> out.printf(Locale.ROOT, "  %-16s %,6d primary %,6d secondary%n", table, counts[0],
        counts[1]));
    out.println("Published rows say only \"hidden\"; why, with the attacker's interval per primary cell: analysis/suppression_log");
    tabulation.termRows().stream().filter(r -> r.isNullAt(r.fieldIndex("ydelsesgruppe")) && !r.<Boolean>getAs("suppressed"))
        .collect(java.util.stream.Collectors.groupingBy(r -> r.getAs("item") + " " + r.getAs("kind"), java.util.TreeMap::new,
            java.util.stream.Collectors.toList()))
        .forEach((key, rows) -> out.printf("  free text %-9s %s%n", key, rows.stream()
            .sorted(java.util.Comparator.comparing(r -> r.<Integer>getAs("rank"))).limit(6)
            .map(r -> r.getAs("term") + " (" + r.getAs("texts_with_term") + ")").collect(java.util.stream.Collectors.joining(", "))));
    printChanges(out, context, result.changes());
    out.println("seconds: " + String.join(", ", result.phaseSeconds().entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList()));
  }

  private static void printChanges(PrintStream out, JobContext context, ChangesSinceLastRound.Result changes) {
    if (changes.previousRound().isEmpty()) {
      out.println("Changes: none, no earlier round in published/estimates");
      return;
    }
    String before = changes.previousRound().get();
    long significant = changes.changes().stream().filter(RoundChanges.Change::significant).count();
    out.printf(Locale.ROOT, "Changes since %s: %,d figures published in both rounds compared, %,d significant at 5 %%%n", before,
        changes.changes().size(), significant);
    out.printf(Locale.ROOT, "  not compared (new or reworded items): %s%n", changes.notCompared().isEmpty() ? "none"
        : String.join(", ", changes.notCompared()));
    out.printf(Locale.ROOT, "  municipalities without figures in %s: %s%n", before,
        changes.municipalitiesWithoutEarlierFigures().isEmpty() ? "none" : String.join(", ", changes.municipalitiesWithoutEarlierFigures()));
    // The SE treats the rounds as independent samples; persons who answered both make it cautious (DESIGN.md §8b).
    out.printf(Locale.ROOT, "  respondents of %s who also answered in %s: %,d (the SE assumes independent samples)%n",
        context.round(), before, changes.respondentsInBoth());
  }
}
