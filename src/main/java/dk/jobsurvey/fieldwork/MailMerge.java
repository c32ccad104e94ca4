package dk.jobsurvey.fieldwork;

import static org.apache.spark.sql.functions.col;

import dk.jobsurvey.config.FieldworkSettings;
import dk.jobsurvey.config.FieldworkSettings.Letter;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.DriverTasks;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The mail-merge step (DESIGN.md §5): a token and survey link for every sampled person
 * (restricted/contacts), and per municipality under restricted/outbox/ROUND/KOMMUNEKODE/ the
 * Digital Post mail-merge base for one letter (.xlsx and .csv: cpr, navn, link, brev, uge) and an SMS list (E.164 phone, a short Danish text with the link). Reminders leave out
 * everyone who has responded by then. Municipalities whose projected responses ({@link
 * ResponseMonitor}) fall short of the floor also get an extra SMS list (the seed's "intensified
 * effort towards smaller municipalities").
 *
 * <p>Cost: one join of the sample with restricted/identity; the recipients stream to the driver one
 * partition at a time, sorted by municipality, and each municipality's files are written as its
 * rows pass (at most a few thousand rows are held).
 */
public final class MailMerge {
  /** Excel shows at most this many characters in a cell; a longer name would be cut in the mail merge. */
  static final int MAX_CELL_CHARACTERS = 32_767;
  /** Danish field names, as a Word mail merge shows them: the person, the link, which letter, its send week. */
  static final List<OutboxFiles.Column> LETTER_COLUMNS = List.of(OutboxFiles.Column.text("cpr"), OutboxFiles.Column.text("navn"),
      OutboxFiles.Column.text("link"), OutboxFiles.Column.text("brev"), OutboxFiles.Column.wholeNumber("uge"));
  /** The phone goes to the SMS gateway as restricted/identity holds it: E.164, from PhoneNumbers at ingest. */
  static final List<OutboxFiles.Column> SMS_COLUMNS = List.of(OutboxFiles.Column.e164Phone("telefon"),
      OutboxFiles.Column.text("tekst"));
  /** The extra round's list also says its send week, which is not the letter's. */
  static final List<OutboxFiles.Column> EXTRA_SMS_COLUMNS = List.of(OutboxFiles.Column.e164Phone("telefon"),
      OutboxFiles.Column.text("tekst"), OutboxFiles.Column.wholeNumber("uge"));
  private static final StructType CONTACT_SCHEMA = new StructType()
      .add("person_key", DataTypes.StringType).add("kommunekode", DataTypes.StringType)
      .add("cpr", DataTypes.StringType).add("navn", DataTypes.StringType).add("telefon", DataTypes.StringType)
      .add("token", DataTypes.StringType).add("survey_link", DataTypes.StringType);

  /** What was written for one municipality. */
  public record MunicipalityOutbox(String kommunekode, long sampled, long letters, long sms, long phonesMissing,
      long respondedLeftOut, boolean extraSms) {}

  private final Survey survey;
  private final Warehouse warehouse;
  private final byte[] tokenKey;
  private final Letter letter;

  /** The mail merge of {@code letter} (invitation, reminder1, reminder2). */
  public MailMerge(Survey survey, Warehouse warehouse, byte[] tokenKey, Letter letter) {
    this.survey = survey;
    this.warehouse = warehouse;
    this.tokenKey = tokenKey.clone();
    this.letter = letter;
  }

  /** Writes restricted/contacts and the outbox files of the letter for every municipality. */
  public List<MunicipalityOutbox> execute() {
    warehouse.requireRound(Table.SAMPLE, survey.round());
    // Contacts and every outbox file, or none of them.
    return warehouse.allOrNothing(List.of(Table.CONTACTS), this::write);
  }

  private List<MunicipalityOutbox> write() throws IOException {
    String round = survey.round();
    Dataset<Row> sample = warehouse.readRound(Table.SAMPLE, round).select("person_key", "kommunekode");
    Dataset<Row> identity = warehouse.readRound(Table.IDENTITY, round).select("person_key", "cpr", "navn", "telefon");
    SurveyTokens tokens = new SurveyTokens(tokenKey);
    String template = survey.fieldwork().linkTemplate();
    Dataset<Row> contacts = sample.join(identity, "person_key")
        .map((MapFunction<Row, Row>) row -> {
          String token = tokens.token(round, row.getString(0));
          return RowFactory.create(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
              token, SurveyTokens.link(template, token));
        }, Encoders.row(CONTACT_SCHEMA))
        .localCheckpoint(true);
    warehouse.replaceRound(round, Map.of(Table.CONTACTS, contacts.select("person_key", "token", "survey_link", "kommunekode")));

    Dataset<Row> recipients = contacts.withColumn("responded", org.apache.spark.sql.functions.lit(false));
    if (warehouse.exists(Table.RESPONSES)) {
      Dataset<Row> respondents = warehouse.readRound(Table.RESPONSES, round).where(col("is_respondent"))
          .select("person_key").distinct().withColumn("has_responded", org.apache.spark.sql.functions.lit(true));
      recipients = contacts.join(respondents, contacts.col("person_key").equalTo(respondents.col("person_key")), "left")
          .drop(respondents.col("person_key"))
          .withColumn("responded", org.apache.spark.sql.functions.coalesce(col("has_responded"), org.apache.spark.sql.functions.lit(false)))
          .drop("has_responded");
    }
    // The monitor's projection: the allocation's expectation before any response, then responses so far scaled up.
    Map<String, Double> expected = ResponseMonitor.projectedByMunicipality(new ResponseMonitor(survey, warehouse).execute());
    Iterator<Row> rows = recipients.orderBy("kommunekode", "cpr").toLocalIterator();
    // Each municipality's files are written on a free core while the next municipality's rows arrive.
    try (DriverTasks<MunicipalityOutbox> tasks = new DriverTasks<>("mailmerge")) {
      Row pending = rows.hasNext() ? rows.next() : null;
      while (pending != null) {
        String code = pending.getAs("kommunekode");
        List<Row> municipality = new ArrayList<>();
        while (pending != null && code.equals(pending.getAs("kommunekode"))) {
          municipality.add(pending);
          pending = rows.hasNext() ? rows.next() : null;
        }
        boolean extra = expected.getOrDefault(code, 0.0) < survey.sample().minResponses();
        tasks.submit(() -> writeMunicipality(code, municipality, extra));
      }
      return tasks.results();
    }
  }

  /**
   * A municipality's letter list, SMS list and, when {@code extraSms}, the extra SMS round. A reminder
   * leaves out everyone who has responded; so does the extra round, whichever letter it is made with
   * (the invitation goes to everyone sampled).
   */
  private MunicipalityOutbox writeMunicipality(String code, List<Row> rows, boolean extraSms) throws IOException {
    boolean reminder = !letter.letter().equals(survey.fieldwork().letters().get(0).letter());
    FieldworkSettings.ExtraSms extraRound = survey.fieldwork().extraSms();
    List<List<String>> letters = new ArrayList<>();
    List<List<String>> sms = new ArrayList<>();
    List<List<String>> extra = new ArrayList<>();
    long phonesMissing = 0;
    long responded = 0;
    for (Row row : rows) {
      boolean hasResponded = row.<Boolean>getAs("responded");
      String link = row.getAs("survey_link");
      String phone = row.getAs("telefon");
      if (extraSms && !hasResponded && phone != null) {
        extra.add(List.of(phone, text(extraRound.text(), row.getAs("navn"), link), String.valueOf(extraRound.sendWeek())));
      }
      if (reminder && hasResponded) {
        responded++;
        continue;
      }
      String navn = nullToEmpty(row.getAs("navn"));
      if (navn.length() > MAX_CELL_CHARACTERS) {
        throw new IllegalStateException("A name in restricted/identity for municipality " + code + " is " + navn.length()
            + " characters long, more than an Excel cell holds (" + MAX_CELL_CHARACTERS + "); correct the extract and ingest again");
      }
      letters.add(List.of(row.getAs("cpr"), navn, link, letter.letter(),
          String.valueOf(letter.sendWeek())));
      if (phone == null) {
        phonesMissing++;
      } else {
        sms.add(List.of(phone, text(survey.fieldwork().smsText(), row.getAs("navn"), link)));
      }
    }
    Path folder = warehouse.outbox(survey.round(), code);
    var fs = warehouse.deliverables();
    String stem = letter.letter() + "_" + code + "_" + survey.round();
    OutboxFiles.writeXlsx(fs, warehouse.stage(new Path(folder, "digital_post_" + stem + ".xlsx")), "Flettebreve", LETTER_COLUMNS, letters);
    OutboxFiles.writeCsv(fs, warehouse.stage(new Path(folder, "digital_post_" + stem + ".csv")), LETTER_COLUMNS, letters);
    OutboxFiles.writeCsv(fs, warehouse.stage(new Path(folder, "sms_" + stem + ".csv")), SMS_COLUMNS, sms);
    if (extraSms) {
      OutboxFiles.writeCsv(fs, warehouse.stage(new Path(folder, "sms_ekstra_" + stem + ".csv")), EXTRA_SMS_COLUMNS, extra);
    }
    return new MunicipalityOutbox(code, rows.size(), letters.size(), sms.size() + extra.size(), phonesMissing,
        responded, extraSms);
  }

  /** An SMS text from its template: the first name for {navn}, the person's link for {link}. */
  private static String text(String template, String navn, String link) {
    String firstName = navn == null || navn.isBlank() ? "" : navn.strip().split("\\s+")[0];
    return template.replace("{navn}", firstName).replace("{link}", link);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
