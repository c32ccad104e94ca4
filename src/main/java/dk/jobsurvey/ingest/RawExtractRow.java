package dk.jobsurvey.ingest;

/**
 * One row of an extract as read: every value a string (or null), under its canonical column name,
 * with where it came from. {@code kommunekode} is the file's column or, without one, the code in the
 * file name.
 */
public record RawExtractRow(
    String sourceFile,
    long sourceRow,
    String kommunekode,
    String cpr,
    String navn,
    String ydelse,
    String datoOvergang,
    String datoSenesteSamtale,
    String afsluttetForloeb,
    String telefon,
    String passiv) {}
