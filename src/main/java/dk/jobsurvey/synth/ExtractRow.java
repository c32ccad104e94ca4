package dk.jobsurvey.synth;

import java.time.LocalDate;

/**
 * One row of a synthetic municipal extract, before it is written in the municipality's layout.
 * Dates are a {@link LocalDate}, or a malformed text when the row carries a date defect.
 */
record ExtractRow(
    String cpr,
    String gender,
    String navn,
    String ydelse,
    LocalDate datoOvergang,
    String datoOvergangText,
    LocalDate datoSenesteSamtale,
    boolean afsluttetForloeb,
    String telefon,
    boolean passiv,
    String yesNoOverride) {

  /** The same person in another spell: another benefit and start date. */
  ExtractRow withSpell(String otherYdelse, LocalDate otherStart, LocalDate otherLatestMeeting) {
    return new ExtractRow(cpr, gender, navn, otherYdelse, otherStart, null, otherLatestMeeting, afsluttetForloeb,
        telefon, passiv, null);
  }
}
