package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.estimate.TabulateEstimates;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.weight.WeightRespondents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tabulate step with every configured table on a {@link PopulationFrame} of the national size
 * and multiples of it, with its respondents answering every item, weighted first (and a sample drawn,
 * for the response rates written beside the estimates). Reports seconds per
 * phase and the number of Spark jobs: of computing every figure, and of the whole step with its
 * Delta writes.
 */
public final class TabulateBenchmark {
  private TabulateBenchmark() {}

  public static BenchmarkReport run(SparkSession spark, Survey survey, QuestionnaireVersions versions, List<Integer> scales,
      Path work) throws Exception {
    BenchmarkReport report = new BenchmarkReport("tabulate: every table, estimates, SEs, suppression");
    Questionnaire questionnaire = versions.forRound(survey.round());
    AtomicInteger jobs = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    });
    for (int scale : scales) {
      Warehouse warehouse = new Warehouse(spark, work.resolve("x" + scale).toString());
      PopulationFrame.write(spark, survey, warehouse, scale);
      long respondents = PopulationFrame.writeRespondents(survey,
          questionnaire.items().stream().map(Questionnaire.Item::id).toList(),
          questionnaire.freeText().stream().map(Questionnaire.FreeText::id).toList(), warehouse);
      new WeightRespondents(survey, warehouse).execute();
      new DrawSample(survey, warehouse).execute();
      sampleEveryEligible(survey, warehouse);
      TabulateEstimates step = new TabulateEstimates(survey, versions, warehouse);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      int before = jobs.get();
      step.compute();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      int computeJobs = jobs.get() - before;
      TabulateEstimates.Result[] result = new TabulateEstimates.Result[1];
      report.time(scale + "x national: tabulate step, respondents", () -> {
        result[0] = step.execute();
        return respondents;
      });
      spark.sparkContext().listenerBus().waitUntilEmpty();
      int stepJobs = jobs.get() - before - computeJobs;
      result[0].phaseSeconds().forEach((phase, seconds) -> report.record(scale + "x national: " + phase, seconds, respondents));
      dk.jobsurvey.publish.CellSystem system = result[0].tabulation().system();
      report.note(String.format("%dx: %,d respondents, %,d cells, %,d rows; Spark jobs: %d to compute every figure, %d for "
          + "the whole step with its Delta writes", scale, respondents, result[0].cells(), result[0].tabulation().rows().size(),
          computeJobs, stepJobs));
      report.note(String.format("%dx: one disclosure system of %,d cells, %,d sums and %,d bounds between tables; %,d primary "
          + "and %,d secondary decisions, %d audit repair rounds", scale, system.size(), system.relations().size(),
          system.bounds().size(), result[0].tabulation().suppressed(dk.jobsurvey.publish.DisclosureControl.Reason.PRIMARY),
          result[0].tabulation().suppressed(dk.jobsurvey.publish.DisclosureControl.Reason.SECONDARY),
          result[0].tabulation().pattern().auditRounds()));
    }
    report.note("rows = respondents; tables, items and measures from conf/survey.yaml and conf/questionnaire.yaml");
    return report;
  }

  /**
   * The frame's respondents come from the whole eligible population, not from the drawn sample; as in
   * a real round every respondent must have been sampled (the response rates bound the estimates'
   * counts), so the eligible population becomes the sample (the allocation stays as drawn).
   */
  private static void sampleEveryEligible(Survey survey, Warehouse warehouse) {
    org.apache.spark.sql.types.StructType sample = warehouse.readRound(Table.SAMPLE, survey.round())
        .drop(Warehouse.ROUND_COLUMN).schema();
    Dataset<Row> population = warehouse.readRound(Table.POPULATION, survey.round()).where(col("eligible"));
    List<Column> columns = new java.util.ArrayList<>();
    for (var field : sample.fields()) {
      columns.add(java.util.Arrays.asList(population.columns()).contains(field.name()) ? col(field.name())
          : lit(1.0).cast(field.dataType()).as(field.name()));
    }
    warehouse.replaceRound(survey.round(), Map.of(Table.SAMPLE, population.select(columns.toArray(Column[]::new))));
  }
}
