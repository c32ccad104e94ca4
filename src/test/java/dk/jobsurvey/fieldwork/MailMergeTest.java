package dk.jobsurvey.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.FieldworkSettings.Letter;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.support.TableText;
import dk.jobsurvey.support.SmallPipeline;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Mail merge on the pilot's two census municipalities (Læsø, Fanø), from generated extracts. */
@ExtendWith(SparkTestSession.class)
class MailMergeTest {
  static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  static final byte[] TOKEN_KEY = SmallPipeline.TOKEN_KEY;

  @TempDir
  static Path dir;
  static Warehouse warehouse;
  static List<MailMerge.MunicipalityOutbox> invitation;

  @BeforeAll
  static void pipeline(SparkSession spark) throws Exception {
    warehouse = SmallPipeline.sampled(spark, SURVEY, dir, "825,563", 7, 0.02);
    invitation = new MailMerge(SURVEY, warehouse, TOKEN_KEY, letter("invitation")).execute();
  }

  static Letter letter(String name) {
    return SURVEY.fieldwork().letters().stream().filter(l -> l.letter().equals(name)).findFirst().orElseThrow();
  }

  static Path outbox(String code, String file) {
    return Path.of(java.net.URI.create(new org.apache.hadoop.fs.Path(warehouse.outbox(
        SURVEY.round(), code), file).toUri().toString()));
  }

  static Map<String, String> tokens() {
    return warehouse.readRound(Table.CONTACTS, SURVEY.round()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("person_key"), r -> r.getAs("token")));
  }

  @Test
  void everySampledPersonGetsAUniqueStableToken() throws Exception {
    Map<String, String> first = tokens();
    assertThat(first).hasSize((int) warehouse.readRound(Table.SAMPLE, SURVEY.round()).count());
    assertThat(first.values()).doesNotHaveDuplicates().allMatch(t -> t.matches("[0-9A-HJKMNP-TV-Z]{16}"));
    new MailMerge(SURVEY, warehouse, TOKEN_KEY, letter("invitation")).execute();
    assertThat(tokens()).isEqualTo(first);
  }

  @Test
  void mailMergeWorkbookHoldsEverySampledPersonWithDanishLettersIntact() throws Exception {
    Map<String, String> names = new HashMap<>();
    warehouse.readRound(Table.IDENTITY, SURVEY.round()).collectAsList()
        .forEach(r -> names.put(r.getAs("cpr"), r.getAs("navn")));
    Path xlsx = outbox("825", "digital_post_invitation_825_" + SURVEY.round() + ".xlsx");
    int rows = 0;
    boolean danishLetters = false;
    try (InputStream in = Files.newInputStream(xlsx); Workbook workbook = new XSSFWorkbook(in)) {
      for (Row row : workbook.getSheetAt(0)) {
        if (row.getRowNum() == 0) {
          assertThat(row.getCell(0).getStringCellValue()).isEqualTo("cpr");
          continue;
        }
        String cpr = row.getCell(0).getStringCellValue();
        assertThat(cpr).matches("[0-9]{10}");
        assertThat(row.getCell(1).getStringCellValue()).isEqualTo(names.get(cpr));
        assertThat(row.getCell(2).getStringCellValue()).startsWith("https://").hasSize(SURVEY.fieldwork().linkTemplate().length() - 7 + 16);
        assertThat(row.getCell(3).getStringCellValue()).isEqualTo("invitation");
        assertThat(row.getCell(4).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
        assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(35.0);
        danishLetters |= row.getCell(1).getStringCellValue().matches(".*[æøåÆØÅ].*");
        rows++;
      }
    }
    long sampled = warehouse.readRound(Table.SAMPLE, SURVEY.round()).where("kommunekode = '825'").count();
    assertThat(rows).isEqualTo(sampled);
    assertThat(danishLetters).isTrue();
    byte[] csv = Files.readAllBytes(outbox("825", "digital_post_invitation_825_" + SURVEY.round() + ".csv"));
    assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("\uFEFFcpr;navn;link;brev;uge\r\n");
    assertThat(new String(csv, StandardCharsets.UTF_8).lines().count()).isEqualTo(sampled + 1);
    String sms = Files.readString(outbox("825", "sms_invitation_825_" + SURVEY.round() + ".csv"));
    assertThat(sms.lines().skip(1)).allMatch(line -> line.matches("\\+45[2-9][0-9]{7};Hej .*https://.*"));
  }

  @Test
  void censusMunicipalitiesShortOfTheFloorGetAnExtraSmsList() {
    assertThat(invitation).allMatch(MailMerge.MunicipalityOutbox::extraSms);
    assertThat(outbox("563", "sms_ekstra_invitation_563_" + SURVEY.round() + ".csv")).exists();
    for (MailMerge.MunicipalityOutbox box : invitation) {
      assertThat(box.letters()).isEqualTo(box.sampled());
      assertThat(box.sms()).isEqualTo(2 * (box.sampled() - box.phonesMissing()));
    }
  }

  @Test
  void remindersLeaveOutThoseWhoHaveResponded(SparkSession spark) throws Exception {
    List<String> sampled = warehouse.readRound(Table.SAMPLE, SURVEY.round()).where("kommunekode = '563'")
        .select("person_key").orderBy("person_key").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> respondents = sampled.subList(0, 40);
    List<String> startedOnly = sampled.subList(40, 45);
    Dataset<org.apache.spark.sql.Row> responses = spark.createDataset(sampled.subList(0, 45), org.apache.spark.sql.Encoders.STRING())
        .toDF("person_key")
        .withColumn("is_respondent", functions.col("person_key").isin(respondents.toArray()))
        .withColumn("submitted_at", functions.lit("2023-09-01 10:00:00").cast("timestamp"));
    Path other = dir.resolve("reminder-warehouse");
    Warehouse reminderWarehouse = new Warehouse(spark, other.toString());
    for (Table table : List.of(Table.IDENTITY, Table.SAMPLE, Table.ALLOCATION, Table.POPULATION)) {
      reminderWarehouse.replaceRound(SURVEY.round(), Map.of(table, warehouse.readRound(table, SURVEY.round()).drop("survey_round")));
    }
    reminderWarehouse.replaceRound(SURVEY.round(), Map.of(Table.RESPONSES, responses));
    List<MailMerge.MunicipalityOutbox> reminder = new MailMerge(SURVEY, reminderWarehouse, TOKEN_KEY, letter("reminder1")).execute();
    MailMerge.MunicipalityOutbox fano = reminder.stream().filter(b -> b.kommunekode().equals("563")).findFirst().orElseThrow();
    assertThat(fano.respondedLeftOut()).isEqualTo(40);
    assertThat(fano.letters()).isEqualTo(sampled.size() - 40);
    Map<String, String> tokenByPerson = reminderWarehouse.readRound(Table.CONTACTS, SURVEY.round()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("person_key"), r -> r.getAs("token")));
    String letters = Files.readString(Path.of(java.net.URI.create(new org.apache.hadoop.fs.Path(
        reminderWarehouse.outbox(SURVEY.round(), "563"),
        "digital_post_reminder1_563_" + SURVEY.round() + ".csv").toUri().toString())));
    assertThat(letters).contains(";reminder1;36");
    respondents.forEach(p -> assertThat(letters).doesNotContain(tokenByPerson.get(p)));
    startedOnly.forEach(p -> assertThat(letters).contains(tokenByPerson.get(p)));

    // The extra SMS round (Fanø is short of the floor): its own text and week, and only to those without a response.
    assertThat(fano.extraSms()).isTrue();
    String extra = Files.readString(Path.of(java.net.URI.create(new org.apache.hadoop.fs.Path(
        reminderWarehouse.outbox(SURVEY.round(), "563"), "sms_ekstra_reminder1_563_" + SURVEY.round() + ".csv").toUri().toString())));
    List<String> lines = extra.lines().toList();
    assertThat(lines.get(0)).isEqualTo("\uFEFFtelefon;tekst;uge");
    String extraText = SURVEY.fieldwork().extraSms().text();
    assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(line -> assertThat(line)
        .contains(extraText.substring(extraText.indexOf('.') + 1, extraText.indexOf("{link}")))
        .endsWith(";" + SURVEY.fieldwork().extraSms().sendWeek()));
    respondents.forEach(p -> assertThat(extra).doesNotContain(tokenByPerson.get(p)));
    startedOnly.stream().filter(p -> phoneOf(reminderWarehouse, p) != null)
        .forEach(p -> assertThat(extra).contains(tokenByPerson.get(p)));
  }

  private static String phoneOf(Warehouse in, String personKey) {
    return in.readRound(Table.IDENTITY, SURVEY.round()).where(functions.col("person_key").equalTo(personKey)).first().getAs("telefon");
  }

  /** The monitor advises the extra round while it can still be sent, and not after its week or after fieldwork. */
  @Test
  void theAdviceForAShortfallFollowsTheWeek() {
    int extraWeek = SURVEY.fieldwork().extraSms().sendWeek();
    assertThat(ResponseMonitor.adviceForShortfall(SURVEY.fieldwork(), 0)).contains("send the extra SMS round in week " + extraWeek);
    assertThat(ResponseMonitor.adviceForShortfall(SURVEY.fieldwork(), extraWeek)).contains("send the extra SMS round");
    assertThat(ResponseMonitor.adviceForShortfall(SURVEY.fieldwork(), extraWeek + 1)).doesNotContain("send the")
        .contains("was due in week " + extraWeek);
    assertThat(ResponseMonitor.adviceForShortfall(SURVEY.fieldwork(), SURVEY.fieldwork().collectionWeeks().last() + 1))
        .contains("fieldwork ended");
  }

  @Test
  void tokensAndIdentifiersStayInRestricted() {
    List<String> secrets = new java.util.ArrayList<>(tokens().values());
    warehouse.readRound(Table.IDENTITY, SURVEY.round()).collectAsList().forEach(r -> {
      secrets.add(r.getAs("cpr"));
      if (r.getAs("telefon") != null) {
        secrets.add(((String) r.getAs("telefon")).substring(3));
      }
    });
    for (Table table : Table.values()) {
      if (table.zone() == Zone.RESTRICTED || !warehouse.exists(table)) {
        continue;
      }
      String all = String.join("\n", TableText.rows(warehouse.read(table)));
      secrets.forEach(secret -> assertThat(all).as(table.tableName()).doesNotContain(secret));
    }
  }
}
