package dk.jobsurvey.ingest;

import dk.jobsurvey.files.ProblemText;
import java.time.LocalDate;

/**
 * A row after validation, derivation and classification. A row with a {@code quarantineReason}
 * carries nothing else of use; an accepted row has {@code exclusionReason} null when eligible
 * (before duplicates are resolved, which needs all rows of a person). The quarantine detail is in
 * English (for analysis/quarantine) and in Danish (for the municipality's data-quality workbook).
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
    String quarantineDetailDansk,
    boolean cprRepaired,
    boolean cprSubstitute,
    boolean phoneInvalid) {

  static CheckedRow quarantined(String kommunekode, QuarantineReason reason, ProblemText detail) {
    return new CheckedRow(null, kommunekode, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, reason.code(), detail.english(), detail.dansk(), false, false, false);
  }

  public boolean isQuarantined() {
    return quarantineReason != null;
  }
}
