package dk.jobsurvey.ingest;

import dk.jobsurvey.config.Band;
import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.MinDuration;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.Labels;
import dk.jobsurvey.files.ProblemText;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The row rules of DESIGN.md §3, as plain Java: validate one extract row (quarantine reasons),
 * derive birth date, gender, age, duration and bands, normalise the phone, classify the benefit and
 * decide eligibility (except duplicates, which need all rows of a person). Messages never repeat a
 * value, so no identifier can reach the quarantine table through them; each is in English and in
 * Danish ({@link ProblemText}).
 */
public final class ExtractRowRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu");

  private final LocalDate durationDate;
  private final LocalDate statusDate;
  private final DateValues dates;
  private final Set<String> yes = new HashSet<>();
  private final Set<String> no = new HashSet<>();
  private final BenefitClassifier classifier;
  private final Map<String, MinDuration> minDurationByGroup = new HashMap<>();
  private final List<Band> ageBands;
  private final List<Band> durationBands;

  public ExtractRowRules(Survey survey) {
    this.durationDate = survey.referenceDates().duration();
    this.statusDate = survey.referenceDates().status();
    this.dates = new DateValues(survey.ingest().dateFormats());
    survey.ingest().yesValues().forEach(v -> yes.add(v.strip().toLowerCase(Locale.ROOT)));
    survey.ingest().noValues().forEach(v -> no.add(v.strip().toLowerCase(Locale.ROOT)));
    this.classifier = new BenefitClassifier(survey);
    for (BenefitGroup group : survey.groups()) {
      minDurationByGroup.put(group.id(), group.minDuration());
    }
    this.ageBands = survey.ageBands();
    this.durationBands = survey.durationBands();
  }

  /** The first word of a total line, folded: "I alt: 1.234", "Total", "Sum", "Antal i alt". */
  private static final java.util.regex.Pattern TOTAL = java.util.regex.Pattern.compile("^(i alt|ialt|total|totalt|sum|antal)( |$)");

  public CheckedRow check(RawExtractRow row) {
    if (isTotalLine(row)) {
      return CheckedRow.quarantined(null, QuarantineReason.TOTAL_LINE,
          new ProblemText("a total line, not a person", "En sumlinje, ikke en borger"));
    }
    String kommunekode = row.kommunekode() == null ? null : row.kommunekode().strip();
    if (kommunekode != null && kommunekode.length() < 3 || kommunekode != null && kommunekode.endsWith(".0")) {
      kommunekode = paddedCode(kommunekode);
    }
    if (kommunekode == null || !Municipalities.isKnown(kommunekode)) {
      // The value itself stays in restricted/raw_extract: it could be anything typed into the column, a CPR number too.
      return CheckedRow.quarantined(null, QuarantineReason.UNKNOWN_MUNICIPALITY, new ProblemText(
          "kommunekode is not one of the 98 municipality codes", "Kommunekoden er ikke en af de 98 kommunekoder"));
    }
    CprNumber.Parsed cpr = CprNumber.parse(row.cpr());
    if (!cpr.isValid()) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.INVALID_CPR, cpr.problem());
    }
    if (isBlank(row.ydelse())) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.MISSING_BENEFIT,
          new ProblemText("ydelse is empty", "Ydelsen mangler"));
    }
    if (isBlank(row.datoOvergang())) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.INVALID_DATE,
          new ProblemText("dato_overgang is empty", "Datoen for overgang mangler"));
    }
    LocalDate start = dates.parse(row.datoOvergang());
    if (start == null) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.INVALID_DATE, new ProblemText(
          "dato_overgang is not a date in an accepted layout", "Datoen for overgang er ikke en dato i et godkendt format"));
    }
    LocalDate latestMeeting = null;
    if (!isBlank(row.datoSenesteSamtale())) {
      latestMeeting = dates.parse(row.datoSenesteSamtale());
      if (latestMeeting == null) {
        return CheckedRow.quarantined(kommunekode, QuarantineReason.INVALID_DATE, new ProblemText(
            "dato_seneste_samtale is not a date in an accepted layout",
            "Datoen for seneste samtale er ikke en dato i et godkendt format"));
      }
    }
    if (start.isAfter(statusDate)) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.FUTURE_DATE, new ProblemText(
          "dato_overgang is after the status date " + statusDate, "Datoen for overgang ligger efter statusdatoen " + dansk(statusDate)));
    }
    if (latestMeeting != null && latestMeeting.isAfter(statusDate)) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.FUTURE_DATE, new ProblemText(
          "dato_seneste_samtale is after the status date " + statusDate,
          "Datoen for seneste samtale ligger efter statusdatoen " + dansk(statusDate)));
    }
    Boolean passiv = yesNo(row.passiv());
    if (passiv == null) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.INVALID_YES_NO,
          new ProblemText("passiv is neither yes nor no", "Passiv er hverken ja eller nej"));
    }
    Boolean afsluttet = yesNo(row.afsluttetForloeb());
    if (afsluttet == null) {
      return CheckedRow.quarantined(kommunekode, QuarantineReason.INVALID_YES_NO,
          new ProblemText("afsluttet_forloeb is neither yes nor no", "Afsluttet forløb er hverken ja eller nej"));
    }
    return accepted(row, kommunekode, cpr.number(), start, latestMeeting, passiv, afsluttet);
  }

  private CheckedRow accepted(RawExtractRow row, String kommunekode, CprNumber cpr, LocalDate start, LocalDate latestMeeting,
      boolean passiv, boolean afsluttet) {
    int age = cpr.ageOn(durationDate);
    String ageBand = age < 0 ? null : Band.labelOf(ageBands, age);
    boolean started = !start.isAfter(durationDate);
    Integer weeks = started ? (int) ChronoUnit.WEEKS.between(start, durationDate) : null;
    Integer months = started ? (int) Period.between(start, durationDate).toTotalMonths() : null;
    String durationBand = months == null ? null : Band.labelOf(durationBands, months);
    String ydelse = row.ydelse().strip();
    BenefitClassifier.Classification classification = classifier.classify(ydelse);
    String exclusion = classification.exclusionReason();
    if (ExclusionReason.UNKNOWN_BENEFIT.code().equals(exclusion) && !classifier.isReportable(ydelse)) {
      ydelse = null; // an unreadable label: the value stays in restricted/raw_extract only
    }
    if (exclusion == null && !minDurationByGroup.get(classification.group()).isMetBy(start, durationDate)) {
      exclusion = ExclusionReason.TOO_SHORT.code();
    }
    if (exclusion == null && passiv) {
      exclusion = ExclusionReason.PASSIVE.code();
    }
    if (exclusion == null && ageBand == null) {
      exclusion = ExclusionReason.AGE_OUT_OF_RANGE.code();
    }
    String phone = PhoneNumbers.toE164(row.telefon());
    boolean phoneInvalid = phone == null && !isBlank(row.telefon());
    return new CheckedRow(cpr.digits(), kommunekode, blankToNull(row.navn()), phone, ydelse, classification.group(),
        cpr.gender(), age, ageBand, start, weeks, months, durationBand, latestMeeting, afsluttet, passiv, exclusion, null, null,
        null, cpr.repaired(), cpr.substitute(), phoneInvalid);
  }

  /** A date as Danes write it (01-08-2023), for the Danish messages. */
  private static String dansk(LocalDate date) {
    return date.format(DANISH_DATE);
  }

  /** A row without a CPR number whose CPR, name or benefit cell starts like a sum line. */
  private static boolean isTotalLine(RawExtractRow row) {
    if (row.cpr() != null && row.cpr().matches(".*[0-9]{6}.*")) {
      return false;
    }
    return java.util.stream.Stream.of(row.cpr(), row.navn(), row.ydelse(), row.kommunekode())
        .anyMatch(cell -> cell != null && TOTAL.matcher(Labels.fold(cell)).find());
  }

  /** A code a spreadsheet wrote as a number ("101.0", "99") as three digits; anything else unchanged. */
  private static String paddedCode(String code) {
    String whole = code.endsWith(".0") ? code.substring(0, code.length() - 2) : code;
    return whole.matches("[0-9]{1,3}") ? String.format("%03d", Integer.parseInt(whole)) : code;
  }

  /** True, false, or null when the value is no configured yes or no word. */
  private Boolean yesNo(String value) {
    String word = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (yes.contains(word)) {
      return true;
    }
    return no.contains(word) ? false : null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankToNull(String value) {
    return isBlank(value) ? null : value.strip();
  }
}
