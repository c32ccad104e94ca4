package dk.jobsurvey.jobs;

import dk.jobsurvey.estimate.FreeTextTerms;
import dk.jobsurvey.warehouse.SparkSessions;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/** {@code text-themes}: the most frequent terms and term pairs of the scrubbed free texts, to published/free_text_terms. */
public final class TextThemesJob {
  static final JobCommand COMMAND = JobCommand.of("text-themes",
      "most frequent terms and term pairs of the scrubbed free texts, per group and nationally (MLlib)",
      List.of(), TextThemesJob::themes);

  private TextThemesJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void themes(JobArgs args, PrintStream out) throws Exception {
    JobContext context = JobContext.from(args);
    try (SparkSessions.JobSession session = SparkSessions.forJob("text-themes", context.warehouse().toString())) {
      Warehouse warehouse = new Warehouse(session.spark(), context.warehouse().toString());
      context.requireRound(warehouse, Table.RESPONSES, "responses");
      List<Row> terms = StepRun.start("text-themes", context, warehouse).commit(
          () -> new FreeTextTerms(context.survey(), context.questionnaire(), warehouse).execute(),
          found -> Map.of("terms", (long) found.size()));
      out.printf("%ntext-themes %s: %d terms and pairs (cells and terms with %d or more texts only)%n", context.round(),
          terms.size(), context.survey().suppression().minRespondents());
      terms.stream().filter(r -> r.isNullAt(r.fieldIndex("ydelsesgruppe")))
          .collect(Collectors.groupingBy(r -> r.getAs("item") + " " + r.getAs("kind"), java.util.TreeMap::new, Collectors.toList()))
          .forEach((key, rows) -> out.printf("  %-10s %s%n", key, rows.stream().limit(6)
              .map(r -> r.getAs("term") + " (" + r.getAs("texts_with_term") + ")").collect(Collectors.joining(", "))));
      out.println("Table: " + warehouse.location(Table.FREE_TEXT_TERMS));
    }
  }
}
