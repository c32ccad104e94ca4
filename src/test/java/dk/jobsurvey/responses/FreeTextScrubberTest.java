package dk.jobsurvey.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.synth.CprGenerator;
import dk.jobsurvey.warehouse.IdentifierPatterns;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Danish sentences with identifiers written the ways people and word processors write them, and
 * sentences with ordinary numbers that must stay as they are; then a generated corpus of both.
 * CPR numbers typed here are substitute numbers (day + 60) or mistyped ones, the generated ones come
 * from {@link CprGenerator}; phone numbers and e-mail addresses are made up.
 */
class FreeTextScrubberTest {
  private static final FreeTextScrubber SCRUBBER = new FreeTextScrubber();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Mit cpr er 6101901234 hvis I vil tjekke|Mit cpr er [CPR] hvis I vil tjekke",
      "CPR: 610190-1234.|CPR: [CPR].",
      "cpr-nr 610190 1234 står på brevet|cpr-nr [CPR] står på brevet",
      "Jeg har cpr 61.01.90-1234|Jeg har cpr [CPR]",
      "personnummer 61 01 90 1234|personnummer [CPR]",
      "Min søns cpr (711205-4321) blev brugt|Min søns cpr ([CPR]) blev brugt",
      "cpr 611190–1234 med lang streg|cpr [CPR] med lang streg",
      "Ring til mig på 22334455|Ring til mig på [TELEFON]",
      "Ring på 22 33 44 55 efter kl 16|Ring på [TELEFON] efter kl 16",
      "tlf. 2233 4455|tlf. [TELEFON]",
      "mobil +45 22334455|mobil [TELEFON]",
      "mobil +4522334455|mobil [TELEFON]",
      "Min telefon: 0045 22 33 44 55.|Min telefon: [TELEFON].",
      "ring +45 22 33 44 55 eller skriv|ring [TELEFON] eller skriv",
      "nummeret er 22-33-44-55|nummeret er [TELEFON]",
      "Sagsbehandleren gav mig nr 9876 5432|Sagsbehandleren gav mig nr [TELEFON]",
      "Skriv til jens.hansen@example.dk|Skriv til [EMAIL]",
      "min mail er søren_ølgaard@mail.example.com.|min mail er [EMAIL].",
      "mail: Anne.Mette+job@example.org tak|mail: [EMAIL] tak",
      "skriv til hans(at)example.dk|skriv til [EMAIL]",
      "kontakt mig på 22334455 eller hans@example.dk|kontakt mig på [TELEFON] eller [EMAIL]",
      "cpr 6101901234 tlf 22334455|cpr [CPR] tlf [TELEFON]",
      "Jeg blev ringet op fra 70 12 34 56 flere gange|Jeg blev ringet op fra [TELEFON] flere gange",
      "Min kone (tlf 40404040) kan også svare|Min kone (tlf [TELEFON]) kan også svare",
      "Jeg hedder Ole, cpr 710385-2221, og er ledig|Jeg hedder Ole, cpr [CPR], og er ledig",
      "Send svar til ole@example.dk eller 31 31 31 31|Send svar til [EMAIL] eller [TELEFON]",
      "Hun har nr. 5050 6060 på kontoret|Hun har nr. [TELEFON] på kontoret",
      "mit nummer:22334455|mit nummer:[TELEFON]",
      "Jeg ringede fra 61 61 61 61 men ingen svarede|Jeg ringede fra [TELEFON] men ingen svarede",
      "Borgerservice bad om mit cpr-nummer 681272-3347|Borgerservice bad om mit cpr-nummer [CPR]",
      "Skriv til mig: maria.jensen@example.dk, tak!|Skriv til mig: [EMAIL], tak!",
      "Min mail er PER.HANSEN@EXAMPLE.DK|Min mail er [EMAIL]",
      "Ring på +45 87 65 43 21 i dagtimerne|Ring på [TELEFON] i dagtimerne",
      "cpr. 6212851234, og jeg har været syg længe|cpr. [CPR], og jeg har været syg længe",
      "Jeg sendte det fra anne-marie_k@example.co.uk|Jeg sendte det fra [EMAIL]",
      "Tlf 26 26 26 26 / mail jens@example.dk|Tlf [TELEFON] / mail [EMAIL]",
      "Mit personnummer er 690391 2345, hvis I skal bruge det|Mit personnummer er [CPR], hvis I skal bruge det",
      "Kontakt: 0045 30303030|Kontakt: [TELEFON]",
      "Hjemmenummer 4545 4545, mobil 2020 2020|Hjemmenummer [TELEFON], mobil [TELEFON]",
      "Sagsnummer står ikke, men cpr 7707881122 gør|Sagsnummer står ikke, men cpr [CPR] gør",
      "Jeg hedder Sara (sara(at)example.dk)|Jeg hedder Sara ([EMAIL])",
      "cpr 841091\u00A04515 med hårdt mellemrum|cpr [CPR] med hårdt mellemrum",
      "Mit cpr er 880397\u20119581.|Mit cpr er [CPR].",
      "cpr 84.10.91-4515 står der|cpr [CPR] står der",
      "cpr 61 01\u00A090 \u2013 1234 blandede mellemrum|cpr [CPR] blandede mellemrum",
      "cpr 610190\u22121234 med minus|cpr [CPR] med minus",
      "cpr 610190\u20141234 med tankestreg|cpr [CPR] med tankestreg",
      "cpr 61/01/90-1234 med skråstreg|cpr [CPR] med skråstreg",
      "cpr 991390-1234 med tastefejl|cpr [CPR] med tastefejl",
      "tlf. 79.57.36.44 efter kl 16|tlf. [TELEFON] efter kl 16",
      "ring 79\u00A057\u00A036\u00A044 i dag|ring [TELEFON] i dag",
      "ring 22 33\u00A044 55 i dag|ring [TELEFON] i dag",
      "mobil 2233\u00A04455|mobil [TELEFON]",
      "mobil +45\u00A079\u00A057\u00A036\u00A044|mobil [TELEFON]",
      "mobil 0045.79.57.36.44|mobil [TELEFON]",
      "mobil +45\u201122\u201133\u201144\u201155|mobil [TELEFON]",
      "Mødet 20230801 ligner en dato|Mødet [TELEFON] ligner en dato"})
  void identifiersAreReplaced(String text, String scrubbed) {
    assertThat(SCRUBBER.scrub(text)).isEqualTo(scrubbed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Jeg har været ledig i 8 uger",
      "Jeg har været på kontanthjælp siden 2019",
      "Forløbet startede 01-03-2022 og sluttede 15.06.2023",
      "Jeg fik 12.000 kr om måneden",
      "Jeg fik 12 000 kr om måneden",
      "Det tog 3 måneder at få et møde, fra 2021 til 2022",
      "Min ydelse faldt med 1.250,50 kr",
      "Jeg søgte 25 job i uge 35",
      "Samtalen varede 45 minutter kl. 10.30",
      "Jeg har en gæld på 150000 kr",
      "Vi var 4 personer til mødet den 3/5",
      "Jeg er 34 år og har 2 børn",
      "Jobcentret ligger på Vestergade 12, 8000 Aarhus C",
      "Kursus nr. 1234 var godt",
      "Jeg fik 20 timer om ugen i 6 måneder",
      "Det er 10 år siden jeg sidst havde job",
      "Karakteren var 7 og 10 på to fag",
      "Jeg har søgt 100 stillinger siden 2020-01-01",
      "Vi mødtes 2023-08-01 og igen 01-08-2023",
      "Jeg fik 12.500 kr i 8 uger",
      "Jeg arbejdede kl. 20.30-22.45 tre aftener"})
  void ordinaryNumbersStay(String text) {
    assertThat(SCRUBBER.scrub(text)).isEqualTo(text);
  }

  private static final List<String> SPACES = List.of(" ", "\u00A0", "\u2007", "\u202F");
  private static final List<String> DASHES = List.of("-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212");
  /** The separators of {@link IdentifierPatterns} by kind; a phone number in pairs keeps to one kind. */
  private static final List<List<String>> SEPARATOR_KINDS = List.of(SPACES, DASHES, List.of("."), List.of("/"));
  /** Sentences without digits, with the identifier at the start, in the middle, at the end and next to punctuation. */
  private static final List<String> SENTENCES = List.of("%s er mit nummer", "Mit nummer er %s, ring gerne.",
      "Ring til mig på %s", "Skriv eller ring: %s!", "(%s)", "nr.:%s", "\"%s\"", "Jeg oplyste %s; var det forkert?",
      "Kan I bruge %s?", "cpr/tlf %s.", "Min datter har %s - ikke mig", "Oplysninger:%s");

  @Test
  void noGeneratedIdentifierSurvives() {
    SplittableRandom random = new SplittableRandom(20230801);
    for (int i = 0; i < 4000; i++) {
      boolean cpr = random.nextBoolean();
      String identifier = cpr ? typedCpr(random) : typedPhone(random);
      String sentence = SENTENCES.get(random.nextInt(SENTENCES.size()));
      boolean mail = random.nextInt(4) == 0;
      String text = sentence.formatted(identifier) + (mail ? " Mail: bruger" + i + "@example.dk" : "");

      String scrubbed = SCRUBBER.scrub(text);

      assertThat(scrubbed.replaceAll("[^0-9]", "")).as(text).doesNotContain(identifier.replaceAll("[^0-9]", ""));
      assertThat(IdentifierPatterns.find(scrubbed)).as(text).isEmpty();
      assertThat(scrubbed).as(text).isEqualTo(sentence.formatted(cpr ? "[CPR]" : "[TELEFON]") + (mail ? " Mail: [EMAIL]" : ""));
    }
  }

  @Test
  void generatedOrdinaryNumbersStay() {
    SplittableRandom random = new SplittableRandom(8);
    List<String> sentences = List.of("Forløbet startede %s og sluttede %s.", "Jeg fik %s, og det var %s",
        "%s: mødet blev flyttet til %s", "Fra %s til %s (ca.)");
    for (int i = 0; i < 2000; i++) {
      String text = sentences.get(random.nextInt(sentences.size())).formatted(ordinaryNumber(random), ordinaryNumber(random));
      assertThat(SCRUBBER.scrub(text)).isEqualTo(text);
    }
  }

  /** A CPR number from the generator, with random separators between day, month, year and serial. */
  private static String typedCpr(SplittableRandom random) {
    LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(30_000));
    String digits = CprGenerator.make(birth, random.nextBoolean() ? "K" : "M", random.nextInt(100), random.nextBoolean(), random);
    String[] serialGaps = {"", separator(random), " " + separator(random) + " ", "\u00A0" + separator(random) + "\u00A0"};
    return digits.substring(0, 2) + optionalSeparator(random) + digits.substring(2, 4) + optionalSeparator(random)
        + digits.substring(4, 6) + serialGaps[random.nextInt(serialGaps.length)] + digits.substring(6);
  }

  /** A Danish phone number, maybe with +45 or 0045, as eight digits, two fours or four pairs. */
  private static String typedPhone(SplittableRandom random) {
    StringBuilder digits = new StringBuilder().append(2 + random.nextInt(8));
    for (int d = 1; d < 8; d++) {
      digits.append(random.nextInt(10));
    }
    String number = switch (random.nextInt(3)) {
      case 0 -> digits.toString();
      case 1 -> digits.substring(0, 4) + separator(random) + digits.substring(4);
      default -> {
        List<String> kind = SEPARATOR_KINDS.get(random.nextInt(SEPARATOR_KINDS.size()));
        StringBuilder pairs = new StringBuilder(digits.substring(0, 2));
        for (int p = 2; p < 8; p += 2) {
          pairs.append(kind.get(random.nextInt(kind.size()))).append(digits, p, p + 2);
        }
        yield pairs.toString();
      }
    };
    String[] countryCodes = {"", "+45", "+45" + separator(random), "0045", "0045" + separator(random)};
    return countryCodes[random.nextInt(countryCodes.length)] + number;
  }

  private static String separator(SplittableRandom random) {
    List<String> kind = SEPARATOR_KINDS.get(random.nextInt(SEPARATOR_KINDS.size()));
    return kind.get(random.nextInt(kind.size()));
  }

  private static String optionalSeparator(SplittableRandom random) {
    return random.nextBoolean() ? "" : separator(random);
  }

  /** A date in one of several layouts, an amount, a year, a duration or a time of day. */
  private static String ordinaryNumber(SplittableRandom random) {
    LocalDate date = LocalDate.of(1990, 1, 1).plusDays(random.nextInt(15_000));
    String dash = DASHES.get(random.nextInt(DASHES.size()));
    return switch (random.nextInt(10)) {
      case 0 -> "%02d%s%02d%s%d".formatted(date.getDayOfMonth(), dash, date.getMonthValue(), dash, date.getYear());
      case 1 -> "%d.%d.%d".formatted(date.getDayOfMonth(), date.getMonthValue(), date.getYear());
      case 2 -> "%02d/%02d/%d".formatted(date.getDayOfMonth(), date.getMonthValue(), date.getYear());
      case 3 -> date.toString();
      case 4 -> "%d.%03d kr".formatted(1 + random.nextInt(999), random.nextInt(1000));
      case 5 -> "%d%s%03d,%02d kr".formatted(1 + random.nextInt(999), SPACES.get(random.nextInt(SPACES.size())),
          random.nextInt(1000), random.nextInt(100));
      case 6 -> "året " + date.getYear();
      case 7 -> (1 + random.nextInt(52)) + " uger";
      case 8 -> "kl. %d.%02d".formatted(random.nextInt(24), random.nextInt(60));
      default -> "kl. %02d:%02d".formatted(random.nextInt(24), random.nextInt(60));
    };
  }
}
