package dk.jobsurvey.jobs;

import dk.jobsurvey.config.FieldworkSettings.Letter;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.SecretKeys;
import dk.jobsurvey.fieldwork.MailMerge;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code mailmerge}: survey tokens and links for the sample, and per municipality the Digital Post
 * mail-merge base and SMS list for one letter (invitation, reminder1, reminder2).
 */
public final class MailmergeJob {
  static final JobCommand COMMAND = JobCommand.of("mailmerge",
      "tokens, links, and per municipality the Digital Post mail-merge base and SMS list for one letter",
      List.of(JobOption.optional("letter", "NAME", "which letter: a name from fieldwork.letters in the config", "invitation")),
      MailmergeJob::mailmerge);

  private MailmergeJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void mailmerge(JobArgs args, PrintStream out) {
    run(JobContext.from(args), args.value("letter"), out);
  }

  /** The step on a loaded context, alone or in the pipeline, for the letter named {@code letterName}. */
  static void run(JobContext context, String letterName, PrintStream out) {
    Letter letter = context.survey().fieldwork().letters().stream().filter(l -> l.letter().equals(letterName))
        .findFirst().orElseThrow(() -> new UsageException("--letter: expected one of "
            + context.survey().fieldwork().letters().stream().map(Letter::letter).toList() + ", got '" + letterName + "'"));
    byte[] key = SecretKeys.tokenKey(context.survey().keys(), System.getenv());
    try (SparkSessions.JobSession session = SparkSessions.forJob("mailmerge", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      List<MailMerge.MunicipalityOutbox> outboxes = context.startRun(warehouse, "mailmerge").commit(
          () -> new MailMerge(context.survey(), warehouse, key, letter).execute(),
          merged -> JobRun.Outcome.succeeded(
              Map.of("analysis/sample", merged.stream().mapToLong(MailMerge.MunicipalityOutbox::sampled).sum()),
              Map.of("letters", merged.stream().mapToLong(MailMerge.MunicipalityOutbox::letters).sum(),
                  "sms", merged.stream().mapToLong(MailMerge.MunicipalityOutbox::sms).sum())));
      Map<String, Row> allocation = new HashMap<>();
      for (Row row : warehouse.readRound(Table.ALLOCATION, context.round()).groupBy("kommunekode")
          .agg(functions.sum("N_h").as("N"), functions.max("census").as("census"),
              functions.sum("expected_responses").as("expected")).collectAsList()) {
        allocation.put(row.getAs("kommunekode"), row);
      }
      out.printf("%nmailmerge %s, letter %s (week %d)%n", context.round(), letter.letter(), letter.sendWeek());
      out.printf("%-4s %-16s %7s %6s %6s %8s %7s %6s %8s %9s %s%n", "kode", "kommune", "N", "n", "census", "exp.resp",
          "letters", "sms", "no phone", "responded", "extra sms");
      for (MailMerge.MunicipalityOutbox box : outboxes) {
        Row a = allocation.get(box.kommunekode());
        out.printf("%-4s %-16.16s %7d %6d %6s %8.0f %7d %6d %8d %9d %s%n", box.kommunekode(),
            Municipalities.byCode(box.kommunekode()).map(Municipalities.Municipality::name).orElse("?"),
            a.<Long>getAs("N"), box.sampled(), a.<Boolean>getAs("census") ? "yes" : "", a.<Double>getAs("expected"),
            box.letters(), box.sms(), box.phonesMissing(), box.respondedLeftOut(), box.extraSms() ? "yes" : "");
      }
      out.println("Outbox (restricted; send each municipality its folder): "
          + warehouse.outbox(context.round()));
    }
  }
}
