package dk.jobsurvey.jobs;

import dk.jobsurvey.erase.EraseRound;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code erase}: after fieldwork, removes a round's identifying data for good (restricted tables, old versions, outbox files). */
public final class EraseJob {
  static final JobCommand COMMAND = JobCommand.of("erase",
      "after fieldwork: delete the round's identifying data (restricted tables and outbox), vacuum old versions, verify on disk",
      List.of(JobOption.required("confirm", "ROUND", "the round to erase, once more (a safeguard against the wrong round)")),
      EraseJob::erase);

  private EraseJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void erase(JobArgs args, PrintStream out) {
    JobContext context = JobContext.from(args);
    if (!args.value("confirm").equals(context.round())) {
      throw new UsageException("--confirm " + args.value("confirm") + " is not the round to erase (" + context.round()
          + "); give --confirm " + context.round());
    }
    try (SparkSessions.JobSession session = SparkSessions.forJob("erase", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      EraseRound.Result result = context.startRun(warehouse, "erase").commit(
          () -> new EraseRound(warehouse, session.workFolder().path(), context.round()).execute(), erased -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            erased.rowsDeleted().forEach((table, rows) -> counts.put(table.tableName() + "_rows_deleted", rows));
            counts.put("data_files_vacuumed", erased.filesVacuumed());
            counts.put("outbox_files_deleted", erased.outboxFiles());
            return JobRun.Outcome.succeeded(Map.of(), counts);
          });
      out.printf("%nerase %s: identifying data deleted and vacuumed; checked on disk%n", context.round());
      result.rowsDeleted().forEach((table, rows) -> out.printf("  restricted/%-12s %,9d rows%n", table.tableName(), rows));
      out.printf("  %,d old data files vacuumed, %,d outbox files deleted%n", result.filesVacuumed(), result.outboxFiles());
      out.println("analysis/ and published/ are unchanged: " + warehouse.location(Table.ESTIMATES));
    }
  }
}
