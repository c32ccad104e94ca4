package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Survey;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The row rules worked by hand at the default reference dates (duration 2023-06-30, status 2023-08-01). */
class ExtractRowRulesTest {
  private static final Survey SURVEY = ConfigLoader.survey(TestFiles.surveyConfig());
  private static final ExtractRowRules RULES = new ExtractRowRules(SURVEY);
  /** A substitute number of a woman born 1980-06-15 (day 15 + 60). */
  private static final String CPR = "7506801234";

  private static RawExtractRow row(String cpr, String ydelse, String start) {
    return new RawExtractRow("f.csv", 2, "461", cpr, "Navn", ydelse, start, "2023-07-01", "nej", "22 34 56 78", "nej");
  }

  private static CheckedRow check(String ydelse, String start) {
    return RULES.check(row(CPR, ydelse, start));
  }

  @Test
  void derivesGenderAgeBandsDurationAndPhone() {
    CheckedRow row = check("Kontanthjælp, aktivitetsparat", "2021-06-30");
    assertThat(row.isQuarantined()).isFalse();
    assertThat(row.cpr()).isEqualTo(CPR);
    assertThat(row.koen()).isEqualTo("K");
    assertThat(row.alder()).isEqualTo(43);
    assertThat(row.aldersgruppe()).isEqualTo("40-49");
    assertThat(row.varighedMaaneder()).isEqualTo(24);
    assertThat(row.varighedUger()).isEqualTo(104);
    assertThat(row.varighedsgruppe()).isEqualTo("Over 2 år");
    assertThat(row.ydelsesgruppe()).isEqualTo("aktivitetsparate");
    assertThat(row.telefon()).isEqualTo("+4522345678");
    assertThat(row.exclusionReason()).isNull();
    assertThat(row.cprSubstitute()).isTrue();
  }

  @ParameterizedTest(name = "{0} from {1}: excluded {2}")
  @CsvSource(nullValues = "none", value = {
      // dagpenge: at least 12 calendar months at 2023-06-30
      "A-dagpenge, 2022-06-30, none",
      "A-dagpenge, 2022-07-01, too_short",
      "A-dagpenge, 2021-12-31, none",
      // the other groups: at least 8 weeks (2023-05-05 + 8 weeks = 2023-06-30)
      "Sygedagpenge, 2023-05-05, none",
      "Sygedagpenge, 2023-05-06, too_short",
      "Ledighedsydelse, 2023-05-05, none",
      "Jobafklaringsforløb, 2023-05-06, too_short",
      // started after the duration reference date but before the status date
      "Sygedagpenge, 2023-07-15, too_short"})
  void durationEdges(String ydelse, String start, String exclusion) {
    assertThat(check(ydelse, start).exclusionReason()).isEqualTo(exclusion);
  }

  @Test
  void monthsAreCalendarMonths() {
    CheckedRow row = check("Dagpenge", "2022-06-30");
    assertThat(row.varighedMaaneder()).isEqualTo(12);
    assertThat(row.varighedsgruppe()).isEqualTo("1-2 år");
    assertThat(check("Dagpenge", "2022-07-01").varighedMaaneder()).isEqualTo(11);
  }

  @Test
  void outOfScopeAndUnknownBenefitsAreKeptWithAReason() {
    CheckedRow fleksjob = check("Fleksjob", "2020-01-01");
    assertThat(fleksjob.isQuarantined()).isFalse();
    assertThat(fleksjob.ydelsesgruppe()).isNull();
    assertThat(fleksjob.exclusionReason()).isEqualTo("out_of_scope");
    assertThat(check("Barselsdagpenge", "2020-01-01").exclusionReason()).isEqualTo("unknown_benefit");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"Anne Hansen", "Hansen; Jens \"Jønne\"", "Hansen, Jens", "Ulf Vinge, jr.",
      "Gitte\u0007 Hald\u001b", "Jens (Jønne) Hansen", "Anne\u00A0Hansen"})
  void aNameInTheBenefitColumnIsNotKeptWhateverStandsBetweenItsWords(String name) {
    CheckedRow row = check(name, "2020-01-01");
    assertThat(row.exclusionReason()).isEqualTo("unknown_benefit");
    assertThat(row.ydelse()).isNull();
    assertThat(check("Kontanthjælp til udlandet", "2020-01-01").ydelse()).isEqualTo("Kontanthjælp til udlandet");
    assertThat(check("Barselsdagpenge, Fleksjob", "2020-01-01").ydelse()).isEqualTo("Barselsdagpenge, Fleksjob");
  }

  @Test
  void passiveOnTheStatusDateIsExcluded() {
    RawExtractRow passive = new RawExtractRow("f.csv", 2, "461", CPR, "Navn", "Sygedagpenge", "2023-01-01", "", "Nej", "", "Ja");
    assertThat(RULES.check(passive).exclusionReason()).isEqualTo("passive");
  }

  @Test
  void youngerThanTheFirstAgeBandIsExcluded() {
    String child = "7506104123"; // substitute number, born 2010-06-15
    assertThat(RULES.check(row(child, "Sygedagpenge", "2023-01-01")).exclusionReason()).isEqualTo("age_out_of_range");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "invalid cpr|3213801234|461|Sygedagpenge|2023-01-01|2023-07-01|nej|invalid_cpr",
      "empty cpr||461|Sygedagpenge|2023-01-01|2023-07-01|nej|invalid_cpr",
      "no benefit|7506801234|461| |2023-01-01|2023-07-01|nej|missing_benefit",
      "impossible date|7506801234|461|Sygedagpenge|31-02-2023|2023-07-01|nej|invalid_date",
      "no start date|7506801234|461|Sygedagpenge||2023-07-01|nej|invalid_date",
      "bad meeting date|7506801234|461|Sygedagpenge|2023-01-01|ukendt|nej|invalid_date",
      "future start|7506801234|461|Sygedagpenge|2023-08-02|2023-07-01|nej|future_date",
      "future meeting|7506801234|461|Sygedagpenge|2023-01-01|2023-09-01|nej|future_date",
      "bad yes/no|7506801234|461|Sygedagpenge|2023-01-01|2023-07-01|måske|invalid_yes_no",
      "unknown municipality|7506801234|999|Sygedagpenge|2023-01-01|2023-07-01|nej|unknown_municipality",
      "Christiansø|7506801234|411|Sygedagpenge|2023-01-01|2023-07-01|nej|unknown_municipality"})
  void quarantineReasons(String name, String cpr, String kode, String ydelse, String start, String meeting, String passiv,
      String reason) {
    CheckedRow row = RULES.check(new RawExtractRow("f.csv", 7, kode, cpr, "Navn", ydelse, start, meeting, "nej", "", passiv));
    assertThat(row.quarantineReason()).isEqualTo(reason);
    if (cpr != null) {
      assertThat(row.quarantineDetail()).doesNotContain(cpr);
      assertThat(row.quarantineDetailDansk()).doesNotContain(cpr);
    }
  }

  /** One row for every detail the rules can give: each must have its own Danish text for the workbook. */
  @Test
  void everyQuarantineDetailHasADanishText() {
    List<RawExtractRow> rows = List.of(
        new RawExtractRow("f.csv", 2, "999", CPR, "Navn", "Sygedagpenge", "2023-01-01", "", "nej", "", "nej"),
        row(null, "Sygedagpenge", "2023-01-01"),
        row("1.23E+1", "Sygedagpenge", "2023-01-01"),
        row("12345", "Sygedagpenge", "2023-01-01"),
        row("3213801234", "Sygedagpenge", "2023-01-01"),
        row(CPR, " ", "2023-01-01"),
        row(CPR, "Sygedagpenge", ""),
        row(CPR, "Sygedagpenge", "31-02-2023"),
        new RawExtractRow("f.csv", 2, "461", CPR, "Navn", "Sygedagpenge", "2023-01-01", "ukendt", "nej", "", "nej"),
        row(CPR, "Sygedagpenge", "2023-08-02"),
        new RawExtractRow("f.csv", 2, "461", CPR, "Navn", "Sygedagpenge", "2023-01-01", "2023-09-01", "nej", "", "nej"),
        new RawExtractRow("f.csv", 2, "461", CPR, "Navn", "Sygedagpenge", "2023-01-01", "", "nej", "", "måske"),
        new RawExtractRow("f.csv", 2, "461", CPR, "Navn", "Sygedagpenge", "2023-01-01", "", "måske", "", "nej"));
    List<CheckedRow> checked = rows.stream().map(RULES::check).toList();
    assertThat(checked).extracting(CheckedRow::quarantineDetail).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(checked).extracting(CheckedRow::quarantineDetailDansk).doesNotHaveDuplicates();
    assertThat(checked).allSatisfy(row -> assertThat(row.quarantineDetailDansk())
        .isNotBlank().isNotEqualTo(row.quarantineDetail()).doesNotContain(" is ", " not ", "neither"));
    assertThat(checked.get(9).quarantineDetailDansk()).endsWith("statusdatoen 01-08-2023");
  }

  @Test
  void nineDigitCprIsRepairedAndCounted() {
    String full = String.format("%02d%02d%02d%s", 5, 3, 88, "2346");
    CheckedRow row = RULES.check(row(full.substring(1), "Sygedagpenge", "2023-01-01"));
    assertThat(row.isQuarantined()).isFalse();
    assertThat(row.cpr()).isEqualTo(full);
    assertThat(row.cprRepaired()).isTrue();
  }

  @Test
  void municipalityCodeWrittenAsANumberIsPadded() {
    RawExtractRow numeric = new RawExtractRow("f.xlsx", 2, "101.0", CPR, "Navn", "Sygedagpenge", "45000", "", "", "", "0");
    CheckedRow row = RULES.check(numeric);
    assertThat(row.kommunekode()).isEqualTo("101");
    assertThat(row.datoOvergang()).isEqualTo(LocalDate.of(2023, 3, 15)); // Excel serial 45000
  }
}
