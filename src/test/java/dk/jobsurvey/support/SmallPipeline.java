package dk.jobsurvey.support;

import dk.jobsurvey.config.Survey;
import dk.jobsurvey.fieldwork.MailMerge;
import dk.jobsurvey.ingest.IngestExtracts;
import dk.jobsurvey.sample.DrawSample;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The pipeline's first steps on generated extracts of a few municipalities, for tests of the later steps. */
public final class SmallPipeline {
  public static final byte[] PSEUDONYM_KEY = "a test key that is long enough for HMAC-SHA256!".getBytes(StandardCharsets.UTF_8);
  public static final byte[] TOKEN_KEY = "a token key that is long enough for HMAC-SHA256".getBytes(StandardCharsets.UTF_8);

  private SmallPipeline() {}

  /** Generates extracts under {@code dir/extracts}, ingests them into {@code dir/warehouse} and draws the sample. */
  public static Warehouse sampled(SparkSession spark, Survey survey, Path dir, String municipalities, long seed,
      double defectRate) throws Exception {
    ExtractGenerator.generate(ExtractGenerator.select(municipalities),
        new ExtractGenerator.Settings(seed, 1, defectRate, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    new IngestExtracts(survey, warehouse, PSEUDONYM_KEY, dir.resolve("extracts").toString()).execute();
    new DrawSample(survey, warehouse).execute();
    return warehouse;
  }

  /** {@link #sampled}, then the mail merge of the first letter (the invitation): tokens for everyone sampled. */
  public static Warehouse invited(SparkSession spark, Survey survey, Path dir, String municipalities, long seed,
      double defectRate) throws Exception {
    Warehouse warehouse = sampled(spark, survey, dir, municipalities, seed, defectRate);
    new MailMerge(survey, warehouse, TOKEN_KEY, survey.fieldwork().letters().get(0)).execute();
    return warehouse;
  }
}
