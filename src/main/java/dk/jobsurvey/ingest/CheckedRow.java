package dk.jobsurvey.ingest;

import java.time.LocalDate;

/**
 * A row after validation, derivation and classification. A row with a {@code quarantineReason}
 * carries nothing else of use; an accepted row has {@code exclusionReason} null when eligible
 * (before duplicates are resolved, which needs all rows of a person).
 */
public record CheckedRow(
    String cpr,
    String kommunekode,
    String navn,
    String telefon,
    String ydelse,
    String ydelsesgruppe,
    String koen,
    Integer alder,
    String aldersgruppe,
    LocalDate datoOvergang,
    Integer varighedUger,
    Integer varighedMaaneder,
    String varighedsgruppe,
    LocalDate datoSenesteSamtale,
    Boolean afsluttetForloeb,
    Boolean passiv,
    String exclusionReason,
    String quarantineReason,
    String quarantineDetail,
    boolean cprRepaired,
    boolean cprSubstitute,
    boolean phoneInvalid) {

  static CheckedRow quarantined(String kommunekode, QuarantineReason reason, String detail) {
    return new CheckedRow(null, kommunekode, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, reason.code(), detail, false, false, false);
  }

  public boolean isQuarantined() {
    return quarantineReason != null;
  }
}
