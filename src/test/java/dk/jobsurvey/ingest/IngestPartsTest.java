package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.Labels;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Labels, headers, benefits, dates and phones: the pure parts of ingest. */
class IngestPartsTest {
  private static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Kontanthjælp, jobparat|kontanthjaelp jobparat",
      "KONTANTHJÆLP - JOBPARAT|kontanthjaelp jobparat",
      "  Passiv pr. 1/8 |passiv pr 1 8",
      "Ressourceforløbsydelse – jobafklaringsforløb|ressourceforloebsydelse jobafklaringsforloeb",
      "Åbenlyst uddannelsesparat|aabenlyst uddannelsesparat"})
  void labelsFold(String label, String folded) {
    assertThat(Labels.fold(label)).isEqualTo(folded);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "A-dagpenge|dagpenge", "DAGPENGE|dagpenge", "sygedagpenge|sygedagpenge",
      "Kontanthjælp - jobparat|jobparate", "Jobparat kontanthjaelp|jobparate",
      "Uddannelseshjælp, åbenlyst uddannelsesparat|jobparate", "Ledighedsydelse|jobparate",
      "Kontanthjælp, aktivitetsparat|aktivitetsparate", "Aktivitetsparat uddannelseshjælp|aktivitetsparate",
      "Ressourceforløbsydelse - jobafklaringsforløb|aktivitetsparate", "Ressourceforløb|aktivitetsparate"})
  void benefitsFallIntoTheirGroups(String label, String group) {
    assertThat(new BenefitClassifier(SURVEY).classify(label).group()).isEqualTo(group);
  }

  @Test
  void headersMapThroughAliasesAndReportWhatIsMissing() {
    HeaderMapping ok = HeaderMapping.of(List.of("CPR nummer", "Fulde navn", "Ydelsestype", "Overgangsdato", "Passiv pr. 1/8",
        "Team"), SURVEY.ingest().headers(), SURVEY.ingest().requiredColumns());
    assertThat(ok.problem()).isEmpty();
    assertThat(ok.columns()).containsEntry("cpr", "CPR nummer").containsEntry("passiv", "Passiv pr. 1/8");
    assertThat(ok.extraHeaders()).containsExactly("Team");

    HeaderMapping missing = HeaderMapping.of(List.of("CPR", "Navn", "Ydelse", "Passiv"), SURVEY.ingest().headers(),
        SURVEY.ingest().requiredColumns());
    assertThat(missing.problem().orElseThrow().english())
        .contains("no column for dato_overgang", "dato for overgang, overgangsdato", "the file has: CPR, Navn, Ydelse, Passiv");
    assertThat(missing.problem().orElseThrow().dansk())
        .contains("Ingen kolonne for dato_overgang", "dato for overgang, overgangsdato", "filen har: CPR, Navn, Ydelse, Passiv");

    HeaderMapping twice = HeaderMapping.of(List.of("CPR", "Navn", "navn", "Ydelse"), SURVEY.ingest().headers(),
        SURVEY.ingest().requiredColumns());
    assertThat(twice.problem().orElseThrow().english()).contains("the header 'navn' appears twice");

    HeaderMapping twoForOne = HeaderMapping.of(List.of("CPR", "Personnummer", "Ydelse", "Overgangsdato", "Passiv"),
        SURVEY.ingest().headers(), SURVEY.ingest().requiredColumns());
    assertThat(twoForOne.problem().orElseThrow().english()).contains("both 'CPR' and 'Personnummer' fit the column cpr");
    assertThat(twoForOne.problem().orElseThrow().dansk()).contains("Både 'CPR' og 'Personnummer' passer til kolonnen cpr");
  }

  @Test
  void headersAsTheSeedAndRealSystemsWriteThemMatchByWordsAndWithoutQualifiers() {
    HeaderMapping seed = HeaderMapping.of(List.of("CPR-nr.", "Ydelse", "Dato for overgang til aktuel ydelse", "Dato for seneste samtale",
        "Afsluttet forløb", "Telefonnr.", "Passiv"), SURVEY.ingest().headers(), SURVEY.ingest().requiredColumns());
    assertThat(seed.problem()).isEmpty();
    assertThat(seed.columns()).containsEntry("dato_overgang", "Dato for overgang til aktuel ydelse").containsEntry("ydelse", "Ydelse")
        .containsEntry("telefon", "Telefonnr.");
    assertThat(seed.matchedBy()).containsEntry("dato_overgang", HeaderMapping.Match.WORDS).containsEntry("telefon", HeaderMapping.Match.WORDS)
        .containsEntry("cpr", HeaderMapping.Match.ALIAS);
    assertThat(HeaderMapping.withoutQualifiers("Passiv pr. 1/8-2023 (ja/nej)")).isEqualTo("passiv");
    assertThat(HeaderMapping.withoutQualifiers("Forløb afsluttet j/n")).isEqualTo("forloeb afsluttet");
    HeaderMapping override = HeaderMapping.of(List.of("CPR", "Ydelse", "Overgangsdato", "Passiv", "Kontakt (privat)"),
        SURVEY.ingest().headers(), java.util.Map.of("telefon", "kontakt (PRIVAT)"), SURVEY.ingest().requiredColumns());
    assertThat(override.columns()).containsEntry("telefon", "Kontakt (privat)");
    assertThat(override.matchedBy()).containsEntry("telefon", HeaderMapping.Match.OVERRIDE);
    // A caseworker's name and phone are not the citizen's.
    HeaderMapping staff = HeaderMapping.of(List.of("CPR", "Ydelse", "Overgangsdato", "Passiv", "Sagsbehandler navn", "Sagsbehandler tlf"),
        SURVEY.ingest().headers(), SURVEY.ingest().requiredColumns());
    assertThat(staff.columns()).doesNotContainKeys("navn", "telefon");
    assertThat(staff.extraHeaders()).containsExactly("Sagsbehandler navn", "Sagsbehandler tlf");
  }

  @Test
  void datesInEveryAcceptedLayout() {
    DateValues dates = new DateValues(SURVEY.ingest().dateFormats());
    LocalDate expected = LocalDate.of(2023, 3, 5);
    for (String text : List.of("2023-03-05", "05-03-2023", "05.03.2023", "05/03/2023", "5-3-2023", "5.3.2023", "44990", "44990.0")) {
      assertThat(dates.parse(text)).as(text).isEqualTo(expected);
    }
    for (String text : List.of("31-02-2023", "2023-13-01", "ukendt", "00.00.0000", "1", "99999")) {
      assertThat(dates.parse(text)).as(text).isNull();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "22345678|+4522345678", "22 34 56 78|+4522345678", "2234 5678|+4522345678", "+45 22345678|+4522345678",
      "0045 22 34 56 78|+4522345678", "4522345678|+4522345678", "+4622345678|none", "1234567|none", "02345678|none",
      "|none"})
  void phonesBecomeE164(String raw, String e164) {
    assertThat(PhoneNumbers.toE164(raw)).isEqualTo(e164);
  }
}
