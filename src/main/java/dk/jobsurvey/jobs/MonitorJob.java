package dk.jobsurvey.jobs;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.fieldwork.ResponseMonitor;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** {@code monitor}: response rates against the target, with projected final responses; riskiest first. */
public final class MonitorJob {
  static final JobCommand COMMAND = JobCommand.of("monitor",
      "response rates per municipality and group against the response target (sample.min_responses), with projections",
      List.of(), MonitorJob::monitor);

  private MonitorJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void monitor(JobArgs args, PrintStream out) {
    JobContext context = JobContext.from(args);
    try (SparkSessions.JobSession session = SparkSessions.forJob("monitor", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      ResponseMonitor monitor = new ResponseMonitor(context.survey(), warehouse);
      // The monitor writes no table: its run-log line is all it leaves.
      List<Row> rates = context.startRun(warehouse, "monitor").commit(monitor::execute, computed -> JobRun.Outcome.succeeded(
          Map.of("analysis/sample", computed.stream().filter(r -> r.isNullAt(r.fieldIndex("ydelsesgruppe")))
              .mapToLong(r -> r.<Long>getAs("sampled")).sum()),
          Map.of("municipalities_at_risk", computed.stream().filter(r -> Boolean.TRUE.equals(r.getAs("at_risk"))).count())));
      int week = monitor.currentWeek();
      out.printf("%nmonitor %s, %s (projected = responses so far / share usually in by then)%n", context.round(),
          week == 0 ? "before any response (projected = expected from the allocation)" : "as of week " + week);
      out.printf("%-4s %-16s %8s %9s %6s %9s %7s%n", "kode", "kommune", "sampled", "responded", "rate", "projected", "target");
      for (Row row : rates) {
        if (!row.isNullAt(row.fieldIndex("ydelsesgruppe"))) {
          continue;
        }
        String code = row.getAs("kommunekode");
        out.printf("%-4s %-16.16s %8d %9d %5.1f%% %9.0f %7d%s%n", code,
            Municipalities.byCode(code).map(Municipalities.Municipality::name).orElse("?"), row.<Long>getAs("sampled"),
            row.<Long>getAs("responded"), 100 * row.<Double>getAs("response_rate"), row.<Double>getAs("projected_responses"),
            row.<Long>getAs("target_responses"), row.<Boolean>getAs("at_risk") ? "  " + ResponseMonitor.adviceForShortfall(context.survey().fieldwork(), week) : "");
      }
      out.println("(published/response_rates gets these rates, protected with every other figure, when tabulate runs)");
    }
  }
}
