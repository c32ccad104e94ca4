package dk.jobsurvey.jobs;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.sample.MunicipalityAllocation;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sample}: allocation by municipality size and benefit group, and stratified selection by
 * permanent random numbers with the seed from the configuration; recorded in analysis/run_log.
 */
public final class SampleJob {
  static final JobCommand COMMAND = JobCommand.of("sample",
      "allocate the sample and draw it with permanent random numbers (needs ingest for the round)",
      List.of(), SampleJob::sample);

  private SampleJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void sample(JobArgs args, PrintStream out) {
    run(JobContext.from(args), out);
  }

  /** The step on a loaded context, alone or in the pipeline. */
  static void run(JobContext context, PrintStream out) {
    try (SparkSessions.JobSession session = SparkSessions.forJob("sample", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      // The sample and this run's line in the run log together.
      DrawSample.Result result = context.startRun(warehouse, "sample").commit(
          () -> new DrawSample(context.survey(), warehouse).execute(),
          drawn -> JobRun.Outcome.succeeded(Map.of("analysis/population (eligible)", drawn.populationRows()),
              Map.of("sampled", drawn.sampled())));
      print(out, context, result);
    }
  }

  /** A margin of error above which a municipality × group figure is called too uncertain to read: ±15 points. */
  private static final double UNCERTAIN = 0.15;

  private static String points(double marginOfError) {
    return Double.isNaN(marginOfError) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * marginOfError);
  }

  private static void print(PrintStream out, JobContext context, DrawSample.Result result) {
    out.printf("%nsample %s (seed %d): %,d of %,d eligible persons sampled%n", context.round(),
        context.survey().sample().seed(), result.sampled(), result.populationRows());
    out.printf("%-4s %-16s %8s %8s %7s %9s %6s  %-23s %s%n", "kode", "kommune", "N", "n", "census", "exp.resp", "±95%",
        "n by group", "±95% by group");
    List<String> uncertain = new ArrayList<>();
    for (MunicipalityAllocation m : result.allocations()) {
      String name = Municipalities.byCode(m.kommunekode()).map(Municipalities.Municipality::name).orElse("?");
      out.printf(Locale.ROOT, "%-4s %-16.16s %8d %8d %7s %9.0f %6s  %-23s %s%s%n", m.kommunekode(), name, m.populationSize(),
          m.sampleSize(), m.census() ? "yes" : "", m.expectedResponses(), points(m.marginOfError()),
          String.join(" ", m.strata().stream().map(s -> s.sampleSize() + (s.takeAll() ? "*" : "")).toList()),
          String.join(" ", m.strata().stream().map(s -> points(s.marginOfError())).toList()),
          m.shortOfFloor() ? "  SHORT of " + m.minResponses() + " expected responses even as a census" : "");
      m.strata().stream().filter(s -> s.populationSize() > 0 && !(s.marginOfError() <= UNCERTAIN))
          .forEach(s -> uncertain.add(s.kommunekode() + "|" + s.ydelsesgruppe()));
    }
    out.println("(* = the whole stratum is sampled; groups in config order: "
        + String.join(", ", context.survey().groups().stream().map(g -> g.id()).toList())
        + "; ±95% = expected margin of error of a 50 % share in percentage points, with the finite population "
        + "correction and, for the municipality, the allocation's design effect; - = under 2 expected responses)");
    out.printf(Locale.ROOT, "%d municipality × group figures are expected to be uncertain by more than ±%.0f points%s%n",
        uncertain.size(), 100 * UNCERTAIN, uncertain.isEmpty() ? ""
            : ": " + String.join(", ", uncertain.subList(0, Math.min(12, uncertain.size()))) + (uncertain.size() > 12 ? ", ..." : ""));
  }

}
