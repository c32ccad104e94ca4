package dk.jobsurvey.responses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Forty-one Danish sentences with identifiers written the ways people write them, and sentences with ordinary
 * numbers that must stay as they are. CPR numbers here are substitute numbers (day + 60); phone
 * numbers and e-mail addresses are made up.
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
      "Jeg hedder Sara (sara(at)example.dk)|Jeg hedder Sara ([EMAIL])"})
  void identifiersAreReplaced(String text, String scrubbed) {
    assertThat(SCRUBBER.scrub(text)).isEqualTo(scrubbed);
  }

  @org.junit.jupiter.api.Test
  void noGeneratedIdentifierSurvives() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    String[] cprForms = {"%s%s%s%s", "%s%s%s-%s", "%s%s%s %s", "%s.%s.%s-%s", "%s %s %s %s"};
    String[] phoneForms = {"%s%s%s%s", "%s %s %s %s", "%s%s %s%s", "+45 %s%s%s%s", "0045 %s %s %s %s", "+45%s%s%s%s"};
    String[] templates = {"Mit nummer er %s, ring gerne.", "(%s)", "cpr:%s og tlf %s", "Skriv: %s!", "%s"};
    for (int i = 0; i < 2000; i++) {
      String cpr = String.format(cprForms[random.nextInt(cprForms.length)], 61 + random.nextInt(31),
          String.format("%02d", 1 + random.nextInt(12)), String.format("%02d", random.nextInt(100)),
          String.format("%04d", random.nextInt(10000)));
      String phone = String.format(phoneForms[random.nextInt(phoneForms.length)], 2 + random.nextInt(8) + "" + random.nextInt(10),
          String.format("%02d", random.nextInt(100)), String.format("%02d", random.nextInt(100)), String.format("%02d", random.nextInt(100)));
      String mail = "bruger" + i + "@example.dk";
      String text = String.format(templates[random.nextInt(templates.length)], cpr, phone) + " " + mail;
      String scrubbed = SCRUBBER.scrub(text);
      assertThat(scrubbed.replaceAll("[^0-9]", "")).as(text).hasSizeLessThan(4);
      assertThat(scrubbed).as(text).doesNotContain("@");
    }
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
      "Jeg har søgt 100 stillinger siden 2020-01-01"})
  void ordinaryNumbersStay(String text) {
    assertThat(SCRUBBER.scrub(text)).isEqualTo(text);
  }
}
