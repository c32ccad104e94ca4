package dk.jobsurvey.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.fieldwork.MailMerge;
import dk.jobsurvey.fieldwork.ResponseMonitor;
import dk.jobsurvey.responses.LoadResponses;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.synth.ResponseSimulator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Loading a national survey export and running the monitor. The national sample comes from the
 * Spark-made national frame ({@link SampleBenchmark}), with made-up identities (no CPR numbers),
 * tokens from the mail merge, and the simulator's export up to the last week.
 */
public final class ResponsesBenchmark {
  private final SparkSession spark;
  private final Survey survey;
  private final Questionnaire questionnaire;

  public ResponsesBenchmark(SparkSession spark, Survey survey, Questionnaire questionnaire) {
    this.spark = spark;
    this.survey = survey;
    this.questionnaire = questionnaire;
  }

  public BenchmarkReport run(Path work) throws Exception {
    BenchmarkReport report = new BenchmarkReport("responses: national export load and monitor");
    Warehouse warehouse = new Warehouse(spark, work.resolve("warehouse").toString());
    PopulationFrame.write(spark, survey, warehouse, 1);
    new DrawSample(survey, warehouse).execute();
    warehouse.replaceRound(survey.round(), Map.of(Table.IDENTITY, warehouse.readRound(Table.SAMPLE, survey.round())
        .select(col("person_key"), lit("0000000000").as("cpr"), lit("Borger").as("navn"),
            lit(null).cast(DataTypes.StringType).as("telefon"), col("kommunekode"))));
    new MailMerge(survey, warehouse, "benchmark token key, not a secret of any survey".getBytes(StandardCharsets.UTF_8), survey.fieldwork().letters().get(0))
        .execute();
    long responses = ResponseSimulator.write(warehouse, survey.round(), questionnaire, 38, 38, work.resolve("export"));
    report.time("load a national export (first load)", () -> {
      LoadResponses.Result result = new LoadResponses(survey, questionnaire, warehouse, work.resolve("export").toString()).execute();
      return result.counts().get("rows_read");
    });
    report.time("load the same export again (no change)", () -> {
      LoadResponses.Result result = new LoadResponses(survey, questionnaire, warehouse, work.resolve("export").toString()).execute();
      return result.counts().get("rows_read");
    });
    report.time("monitor (rates and projections)", () -> new ResponseMonitor(survey, warehouse).execute().size());
    report.note("export of " + responses + " responses from a sample of "
        + warehouse.readRound(Table.SAMPLE, survey.round()).count() + " persons; monitor rows = strata + municipalities");
    return report;
  }
}
