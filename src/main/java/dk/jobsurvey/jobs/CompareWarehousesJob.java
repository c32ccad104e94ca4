package dk.jobsurvey.jobs;

import dk.jobsurvey.bench.WarehouseComparison;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code compare-warehouses}: whether two warehouses hold the same tables row for row (the run log
 * aside); exit 1 when any differs. Shows that a change to how the pipeline runs left its output
 * as it was (jobs/bench-identical.sh).
 */
public final class CompareWarehousesJob {
  static final JobCommand COMMAND = JobCommand.of("compare-warehouses",
      "whether two warehouses hold the same tables, row for row (the run log aside)",
      List.of(JobOption.required("against", "DIR", "the other warehouse")), CompareWarehousesJob::compare);

  private CompareWarehousesJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void compare(JobArgs args, PrintStream out) {
    String here = args.path("warehouse").toString();
    try (SparkSessions.JobSession session = SparkSessions.forJob("compare-warehouses", here)) {
      List<WarehouseComparison.TableResult> results = WarehouseComparison.compare(new Warehouse(session.spark(), here),
          new Warehouse(session.spark(), args.path("against").toString()));
      out.printf("%-24s %10s %10s %10s %10s  %s%n", "table", "rows", "against", "only here", "only there", "");
      for (WarehouseComparison.TableResult r : results) {
        out.printf("%-24s %10d %10d %10d %10d  %s%n", r.table().tableName(), r.rows(), r.otherRows(), r.onlyHere(), r.onlyThere(),
            r.identical() ? "identical" : "DIFFERS " + r.columnDifference());
      }
      long differing = results.stream().filter(r -> !r.identical()).count();
      if (differing > 0) {
        throw new JobFailedException(differing + " of " + results.size() + " tables differ", JobCommand.EXIT_FAILED);
      }
      out.printf("all %d tables identical, row for row%n", results.size());
    }
  }
}
