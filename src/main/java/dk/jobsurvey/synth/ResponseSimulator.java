package dk.jobsurvey.synth;

import static org.apache.spark.sql.functions.col;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * A survey tool's export for the demo and tests: who responds, when, and what they answer.
 *
 * <p>Response propensity by group (dagpenge 0.38, sygedagpenge 0.34, jobparate 0.28,
 * aktivitetsparate 0.18: KL's later rounds saw 33-39 % overall, lowest among the activity-ready)
 * and rising with age (±0.08 over 20 years from 40). Of those who respond, 55 % answer the
 * invitation (week 35), 30 % the first reminder (36), 15 % the second (37-38). Answers on 1-5 come
 * from a person level, a theme level and item noise, shifted by group (group means 3.2-3.8, as
 * KL's themes), with 5 % "ved ikke". Two pilot municipalities differ for real, so the reports have
 * something to find: Odense (461) rates its relevance theme 0.5 higher, Gentofte (157) its dignity
 * theme 0.4 lower ({@link #MUNICIPALITY_EFFECTS}); from 2024 Gentofte's dignity rises by 0.5, so a later
 * round has a real change to show ({@link #EFFECTS_FROM_2024}). q14 follows q13 (satisfied or not); a few
 * free texts hold a CPR-like number, a phone number or an e-mail address, as real ones do.
 * Deterministic per seed.
 *
 * <p>The answers come from 13 latent questions (the pilot's q1-q13, in its order); the export names
 * them as the round's questionnaire asks them: a latent question the round does not ask is answered
 * under the round's new ids (a rewording, such as q16 for q8), in order.
 */
public final class ResponseSimulator {
  private static final int LATENT_ITEMS = 13;
  private static final int[] THEME_OF_ITEM = {0, 0, 1, 2, 2, 0, 1, 1, 1, 1, 2, 3, 3};
  /** Municipality → shift of the answers per theme (værdighed, kompetence, relevans, progression). */
  static final Map<String, double[]> MUNICIPALITY_EFFECTS = Map.of(
      "461", new double[] {0, 0, 0.5, 0},
      "157", new double[] {-0.4, 0, 0, 0});
  /** Added to {@link #MUNICIPALITY_EFFECTS} in rounds from 2024. */
  static final Map<String, double[]> EFFECTS_FROM_2024 = Map.of("157", new double[] {0.5, 0, 0, 0});
  private static final double[] NO_EFFECT = {0, 0, 0, 0};
  private static final String[] SATISFIED = {"Min sagsbehandler lyttede og tog mig alvorligt.",
      "Jeg fik hurtigt et praktikforløb, som passede til mig.", "De var venlige og forstod min situation.",
      "Jeg er kommet tættere på et job efter kurset."};
  private static final String[] DISSATISFIED = {"Jeg har skiftet sagsbehandler fire gange på et år.",
      "Aktiviteterne gav ingen mening i forhold til mit helbred.", "Jeg føler mig ikke hørt, når jeg siger fra.",
      "Der går for lang tid mellem samtalerne."};
  private static final String[] LOCAL = {"Længere åbningstid i jobcentret.", "Hurtigere svar på mine beskeder.",
      "At jeg kunne tale med den samme person hver gang.", "Bedre information om mine muligheder."};
  private static final String[] BETTER = {"Mere tid til samtalerne og færre skemaer.", "At min læge blev inddraget.",
      "Konkrete jobtilbud i stedet for kurser.", "Én fast kontaktperson."};

  private ResponseSimulator() {}

  /**
   * Writes {@code export.csv} for the round, asked with {@code questionnaire} (the round's version),
   * into {@code folder}; returns the number of responses in it.
   */
  public static long write(Warehouse warehouse, String round, Questionnaire questionnaire, long seed, int untilWeek, Path folder)
      throws IOException {
    String header = "Token;Indsendt;" + String.join(";", exportColumns(questionnaire));
    // The municipality asking each local question, in column order (plain strings: the lambda goes to the executors).
    List<String> localRated = questionnaire.localItems().stream().filter(Questionnaire.LocalItem::rated)
        .map(Questionnaire.LocalItem::kommunekode).toList();
    List<String> localTexts = questionnaire.localItems().stream().filter(l -> !l.rated())
        .map(Questionnaire.LocalItem::kommunekode).toList();
    Dataset<Row> people = warehouse.readRound(Table.CONTACTS, round).select("person_key", "token")
        .join(warehouse.readRound(Table.SAMPLE, round).select("person_key", "ydelsesgruppe", "kommunekode"), "person_key")
        .join(warehouse.readRound(Table.POPULATION, round).where(col("eligible")).select("person_key", "alder"), "person_key");
    Dataset<String> lines = people.mapPartitions((MapPartitionsFunction<Row, String>) rows -> {
      List<String> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        String line = simulate(seed, round, untilWeek, row.getString(0), row.getString(1), row.getString(2), row.getString(3),
            row.getInt(4), localRated, localTexts);
        if (line != null) {
          out.add(line);
        }
      }
      return out.iterator();
    }, Encoders.STRING());
    Files.createDirectories(folder);
    long count = 0;
    try (Writer writer = new BufferedWriter(Files.newBufferedWriter(folder.resolve("export.csv"), StandardCharsets.UTF_8))) {
      writer.write(header + "\n");
      Iterator<String> sorted = lines.orderBy("value").toLocalIterator();
      while (sorted.hasNext()) {
        writer.write(sorted.next() + "\n");
        count++;
      }
    }
    return count;
  }

  /** One person's export line, or null when the person does not respond (by {@code untilWeek}). */
  static String simulate(long seed, String round, int untilWeek, String personKey, String token, String group,
      String kommunekode, int age, List<String> localRated, List<String> localTexts) {
    SplittableRandom random = new SplittableRandom(seed * 31 + personKey.hashCode() * 17L + round.hashCode());
    double propensity = switch (group) {
      case "dagpenge" -> 0.38;
      case "sygedagpenge" -> 0.34;
      case "jobparate" -> 0.28;
      default -> 0.18;
    } + 0.08 * Math.max(-1, Math.min(1, (age - 40) / 20.0));
    if (random.nextDouble() >= propensity) {
      return null;
    }
    double wave = random.nextDouble();
    int week = wave < 0.55 ? 35 : wave < 0.85 ? 36 : 37 + random.nextInt(2);
    if (week > untilWeek) {
      return null;
    }
    LocalDate monday = LocalDate.of(Integer.parseInt(round.substring(0, 4)), 6, 1)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(java.time.DayOfWeek.MONDAY);
    LocalDateTime submitted = monday.plusDays(random.nextInt(7)).atTime(7 + random.nextInt(15), random.nextInt(60));
    double groupMean = switch (group) {
      case "dagpenge" -> 3.6;
      case "sygedagpenge" -> 3.8;
      case "jobparate" -> 3.4;
      default -> 3.2;
    };
    double person = random.nextGaussian() * 0.6;
    double[] theme = {random.nextGaussian() * 0.4, random.nextGaussian() * 0.4, random.nextGaussian() * 0.4, random.nextGaussian() * 0.4};
    StringBuilder line = new StringBuilder(token).append(';').append(submitted.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    int q13 = 3;
    for (int item = 0; item < LATENT_ITEMS; item++) {
      line.append(';');
      if (random.nextInt(20) == 0) {
        line.append("ved ikke");
        continue;
      }
      double shift = MUNICIPALITY_EFFECTS.getOrDefault(kommunekode, NO_EFFECT)[THEME_OF_ITEM[item]]
          + (round.compareTo("2024") >= 0 ? EFFECTS_FROM_2024.getOrDefault(kommunekode, NO_EFFECT)[THEME_OF_ITEM[item]] : 0);
      int value = (int) Math.max(1, Math.min(5, Math.round(groupMean + shift + person + theme[THEME_OF_ITEM[item]]
          + random.nextGaussian() * 0.6)));
      line.append(value);
      if (item == 12) {
        q13 = value;
      }
    }
    line.append(';').append(random.nextInt(100) < 35 ? freeText(random, q13 >= 4 ? SATISFIED : DISSATISFIED) : "");
    line.append(';').append(random.nextInt(100) < 30 ? freeText(random, BETTER) : "");
    // Local questions last, so the common answers are the same with or without them; blank elsewhere.
    for (String asker : localRated) {
      line.append(';');
      if (asker.equals(kommunekode)) {
        line.append((int) Math.max(1, Math.min(5, Math.round(groupMean + person + theme[1] + random.nextGaussian() * 0.6))));
      }
    }
    for (String asker : localTexts) {
      line.append(';').append(asker.equals(kommunekode) && random.nextInt(100) < 40 ? freeText(random, LOCAL) : "");
    }
    return line.toString();
  }

  /**
   * The export's answer columns: the 13 latent questions under the ids the round asks them by, the
   * two free texts, then the municipalities' own questions (rated, then free text).
   */
  static List<String> exportColumns(Questionnaire questionnaire) {
    List<String> asked = questionnaire.items().stream().map(Questionnaire.Item::id).toList();
    List<String> pilotIds = new ArrayList<>();
    for (int item = 1; item <= LATENT_ITEMS; item++) {
      pilotIds.add("q" + item);
    }
    Iterator<String> newIds = asked.stream().filter(id -> !pilotIds.contains(id)).iterator();
    List<String> columns = new ArrayList<>();
    for (String id : pilotIds) {
      if (asked.contains(id)) {
        columns.add(id);
      } else if (newIds.hasNext()) {
        columns.add(newIds.next());
      } else {
        throw new IllegalArgumentException("questionnaire " + questionnaire.version() + " asks neither " + id
            + " nor a new item in its place; the simulator answers 13 rated questions");
      }
    }
    if (newIds.hasNext() || questionnaire.freeText().size() != 2) {
      throw new IllegalArgumentException("questionnaire " + questionnaire.version()
          + ": the simulator answers 13 rated questions and 2 free texts");
    }
    questionnaire.freeText().forEach(text -> columns.add(text.id()));
    questionnaire.localItems().stream().filter(Questionnaire.LocalItem::rated).forEach(l -> columns.add(l.id()));
    questionnaire.localItems().stream().filter(l -> !l.rated()).forEach(l -> columns.add(l.id()));
    return columns;
  }

  private static String freeText(SplittableRandom random, String[] templates) {
    String text = templates[random.nextInt(templates.length)];
    return switch (random.nextInt(40)) {
      case 0 -> text + " Ring på " + (2 + random.nextInt(8)) + String.format("%d %02d %02d %02d", random.nextInt(10),
          random.nextInt(100), random.nextInt(100), random.nextInt(100)) + ".";
      case 1 -> text + " Mit cpr er " + String.format("%02d%02d%02d-%04d", 61 + random.nextInt(28), 1 + random.nextInt(12),
          random.nextInt(100), random.nextInt(10000)) + ".";
      case 2 -> text + " Skriv til borger" + random.nextInt(1000) + "@example.dk.";
      default -> text;
    };
  }
}
