package dk.jobsurvey.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.SmallPipeline;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Loading hand-written survey exports for the sample of two census municipalities. */
@ExtendWith(SparkTestSession.class)
class LoadResponsesTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  static final Questionnaire QUESTIONNAIRE = ConfigLoader.questionnaire(TestFiles.questionnaireConfig(), "2023Q2");
  static final String HEADER = "Token;Indsendt;q1;q2;q3;q4;q5;q6;q7;q8;q9;q10;q11;q12;q13;q14;q15";

  @TempDir
  static Path dir;
  static Warehouse warehouse;
  static List<String> tokens;

  @BeforeAll
  static void pipeline(SparkSession spark) throws Exception {
    warehouse = SmallPipeline.invited(spark, SURVEY, dir, "825,563", 7, 0.02);
    tokens = warehouse.readRound(Table.CONTACTS, SURVEY.round()).select("token").orderBy("token")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  static String line(String token, String submitted, String answer, String q14) {
    return token + ";" + submitted + ";" + String.join(";", java.util.Collections.nCopies(13, answer)) + ";" + q14 + ";";
  }

  static Path export(String folder, List<String> lines) throws Exception {
    Path path = dir.resolve(folder);
    Files.createDirectories(path);
    List<String> all = new ArrayList<>(List.of(HEADER));
    all.addAll(lines);
    Files.write(path.resolve("eksport.csv"), all, StandardCharsets.UTF_8);
    return path;
  }

  static LoadResponses.Result load(Path folder) throws Exception {
    return new LoadResponses(SURVEY, QUESTIONNAIRE, warehouse, folder.toString()).execute();
  }

  static List<String> responses() {
    return TableText.rows(warehouse.readRound(Table.RESPONSES, SURVEY.round())).stream().sorted().toList();
  }

  static void assertAccountedFor(LoadResponses.Result result) {
    Map<String, Long> c = result.counts();
    assertThat(c.get("rows_read")).isEqualTo(c.get("inserted") + c.get("updated") + c.get("already_loaded")
        + c.get("superseded_in_load") + c.get("missing_token") + c.get("unknown_token"));
  }

  @Test
  void loadsIdempotentlyLaterSubmissionsWinAndEveryRowIsAccountedFor() throws Exception {
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      first.add(line(tokens.get(i), "2023-08-29 10:00", "4", i == 0 ? "Ring på 22 33 44 55, mit cpr er 610190-1234" : ""));
    }
    first.add(line("", "2023-08-29 11:00", "3", ""));
    first.add(line("ZZZZZZZZZZZZZZZZ", "2023-08-29 11:00", "3", ""));
    first.add(line(" " + tokens.get(30).toLowerCase() + " ", "2023-08-30", "ved ikke", ""));
    first.add(line(tokens.get(31), "30-08-2023 09:15", "fire", ""));
    Path one = export("export1", first);
    // The other tests of this class load other people into the same round, in any order.
    int before = warehouse.exists(Table.RESPONSES) ? responses().size() : 0;
    long quarantinedBefore = warehouse.readRound(Table.RESPONSE_QUARANTINE, SURVEY.round()).count();

    LoadResponses.Result loaded = load(one);
    assertThat(loaded.counts()).containsEntry("rows_read", 34L).containsEntry("inserted", 32L)
        .containsEntry("missing_token", 1L).containsEntry("unknown_token", 1L).containsEntry("answers_out_of_range", 13L);
    assertAccountedFor(loaded);
    List<String> afterFirst = responses();
    assertThat(afterFirst).hasSize(before + 32);

    LoadResponses.Result again = load(one);
    assertThat(again.counts()).containsEntry("inserted", 0L).containsEntry("updated", 0L).containsEntry("already_loaded", 32L);
    assertThat(responses()).isEqualTo(afterFirst);
    assertThat(warehouse.readRound(Table.RESPONSE_QUARANTINE, SURVEY.round()).count()).isEqualTo(quarantinedBefore + 2);

    // An overlapping export: ten of the same people submitted again later (the latest wins), five new.
    List<String> second = new ArrayList<>();
    for (int i = 20; i < 30; i++) {
      second.add(line(tokens.get(i), "2023-09-05 08:00", "2", ""));
      second.add(line(tokens.get(i), "2023-09-01 08:00", "1", ""));
    }
    for (int i = 40; i < 45; i++) {
      second.add(line(tokens.get(i), "2023-09-05 08:00", "5", ""));
    }
    LoadResponses.Result overlapping = load(export("export2", second));
    assertThat(overlapping.counts()).containsEntry("updated", 10L).containsEntry("inserted", 5L).containsEntry("superseded_in_load", 10L);
    assertAccountedFor(overlapping);
    List<Row> updated = warehouse.readRound(Table.RESPONSES, SURVEY.round()).where("q1 = 2").collectAsList();
    assertThat(updated).hasSize(10);
    List<String> afterSecond = responses();
    assertThat(load(one).counts()).containsEntry("updated", 0L);
    assertThat(responses()).isEqualTo(afterSecond);

    Row respondent = warehouse.readRound(Table.RESPONSES, SURVEY.round()).where("q14_text is not null").head();
    assertThat(respondent.<String>getAs("q14_text")).isEqualTo("Ring på [TELEFON], mit cpr er [CPR]");
    Row raw = warehouse.readRound(Table.FREE_TEXT, SURVEY.round()).where("q14_raw is not null").head();
    assertThat(raw.<String>getAs("q14_raw")).contains("22 33 44 55");
    Row dontKnow = warehouse.readRound(Table.RESPONSES, SURVEY.round()).where("q1 is null and q2 is null").orderBy("person_key").head();
    assertThat(dontKnow.<Boolean>getAs("is_respondent")).isFalse();
  }

  @Test
  void aSecondLoadOfSubmissionsWithoutATimeInsertsNothing() throws Exception {
    // The survey tool left "Indsendt" empty for two people no other test loads; loading the same export again must say 0 inserted.
    String one = tokens.get(tokens.size() - 1);
    String two = tokens.get(tokens.size() - 2);
    assertThat(tokens.size()).isGreaterThan(90);
    Path blank = export("export-blank-times", List.of(line(one, "", "4", ""), line(two, "", "3", "")));
    LoadResponses.Result first = load(blank);
    assertThat(first.counts()).containsEntry("inserted", 2L);
    List<String> loaded = responses();
    LoadResponses.Result second = load(blank);
    assertThat(second.counts()).containsEntry("inserted", 0L).containsEntry("updated", 0L).containsEntry("already_loaded", 2L);
    assertAccountedFor(second);
    assertThat(responses()).isEqualTo(loaded);
  }

  @Test
  void monitorReconcilesWithTheSampleAndTheResponses() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 60; i < 80; i++) {
      lines.add(line(tokens.get(i), "2023-09-06 12:00", "3", ""));
    }
    load(export("export-monitor", lines));
    List<Row> rates = new dk.jobsurvey.fieldwork.ResponseMonitor(SURVEY, warehouse).execute();
    double arrived = SURVEY.fieldwork().arrivedBy(warehouse.readRound(Table.RESPONSES, SURVEY.round())
        .agg(org.apache.spark.sql.functions.max("submitted_at")).head().getTimestamp(0).toLocalDateTime()
        .get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    for (String code : List.of("825", "563")) {
      long sampled = warehouse.readRound(Table.SAMPLE, SURVEY.round()).where("kommunekode = '" + code + "'").count();
      long responded = warehouse.readRound(Table.RESPONSES, SURVEY.round())
          .where("is_respondent and kommunekode = '" + code + "'").count();
      Row municipality = rates.stream().filter(r -> r.getAs("kommunekode").equals(code) && r.isNullAt(r.fieldIndex("ydelsesgruppe")))
          .findFirst().orElseThrow();
      assertThat(municipality.<Long>getAs("sampled")).isEqualTo(sampled);
      assertThat(municipality.<Long>getAs("responded")).isEqualTo(responded);
      assertThat(municipality.<Double>getAs("response_rate")).isEqualTo((double) responded / sampled);
      assertThat(municipality.<Double>getAs("projected_responses")).isCloseTo(responded / arrived, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(municipality.<Long>getAs("target_responses")).isEqualTo(200L);
      assertThat(municipality.<Boolean>getAs("at_risk")).isTrue(); // a small census municipality
      long byGroup = rates.stream().filter(r -> r.getAs("kommunekode").equals(code) && !r.isNullAt(r.fieldIndex("ydelsesgruppe")))
          .mapToLong(r -> r.<Long>getAs("responded")).sum();
      assertThat(byGroup).isEqualTo(responded);
    }
    assertThat(warehouse.exists(Table.RESPONSE_RATES)).as("published/response_rates: tabulate is its one writer").isFalse();
  }

  @Test
  void exportWithDuplicateColumnsOrWithoutTokensIsRejected() throws Exception {
    Path folder = dir.resolve("bad");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("dup.csv"), "token;q1;q1\n" + tokens.get(50) + ";4;5\n");
    Files.writeString(folder.resolve("notoken.csv"), "id;q1\n1;4\n");
    LoadResponses.Result result = load(folder);
    assertThat(result.rejected()).extracting(r -> r.file() + ": " + r.problem())
        .anySatisfy(p -> assertThat(p).startsWith("dup.csv: two columns hold q1"))
        .anySatisfy(p -> assertThat(p).startsWith("notoken.csv: no token column"));
  }

  /**
   * A municipality's own questions: loaded from the export's extra columns for its citizens only
   * (an answer under another municipality's token is dropped), the free text scrubbed as every free
   * text, the raw text in restricted/ only.
   */
  @Test
  void aMunicipalitysOwnQuestionsAreKeptForItsCitizensOnlyAndItsFreeTextIsScrubbed() throws Exception {
    var shipped = ConfigLoader.questionnaireVersions(TestFiles.questionnaireConfig());
    var withLocal = new dk.jobsurvey.config.QuestionnaireVersions(shipped.scale(), shipped.positiveValues(),
        shipped.dontKnowValues(), shipped.items(), shipped.freeText(), shipped.rewordings(), shipped.versions(), List.of(
            new Questionnaire.LocalItem("q103", "825", "2023Q2", Questionnaire.LocalItem.RATED, "Færgen passer", "?"),
            new Questionnaire.LocalItem("q104", "825", "2023Q2", Questionnaire.LocalItem.FREE_TEXT, "Læsøs eget", "?")));
    List<String> lines = new ArrayList<>(List.of(HEADER + ";q103;q104"));
    for (String code : List.of("825", "563")) {
      for (String token : warehouse.readRound(Table.CONTACTS, SURVEY.round()).where("kommunekode = '" + code + "'")
          .select("token").orderBy(org.apache.spark.sql.functions.col("token").desc()).limit(3)
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()) {
        lines.add(line(token, "2023-09-10 09:00", "3", "") + ";4;Ring til mig på 22 33 44 55");
      }
    }
    Path folder = dir.resolve("export-local");
    Files.createDirectories(folder);
    Files.write(folder.resolve("eksport.csv"), lines, StandardCharsets.UTF_8);
    new LoadResponses(SURVEY, withLocal.forRound(SURVEY.round()), warehouse, folder.toString()).execute();

    var loaded = warehouse.readRound(Table.RESPONSES, SURVEY.round()).where("submitted_at = timestamp'2023-09-10 09:00:00'");
    assertThat(loaded.count()).isEqualTo(6);
    assertThat(TableText.rows(loaded.where("q103 IS NOT NULL").select("kommunekode", "q103"))).containsOnly("825|4").hasSize(3);
    assertThat(TableText.rows(loaded.where("q104_text IS NOT NULL").select("kommunekode", "q104_text")))
        .containsOnly("825|Ring til mig på [TELEFON]").hasSize(3);
    assertThat(warehouse.readRound(Table.FREE_TEXT, SURVEY.round()).where("q104_raw IS NOT NULL").count()).isEqualTo(3);
  }
}
