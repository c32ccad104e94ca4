package dk.jobsurvey.warehouse;

import java.util.Locale;

/**
 * Every Delta table of the pipeline, with its zone and the job whose run first writes it for a
 * round. Each lives at {@code <warehouse>/<zone>/<name>}.
 */
public enum Table {
  RAW_EXTRACT(Zone.RESTRICTED, "ingest"),
  IDENTITY(Zone.RESTRICTED, "ingest"),
  CONTACTS(Zone.RESTRICTED, "mailmerge"),
  FREE_TEXT(Zone.RESTRICTED, "responses"),
  QUARANTINE(Zone.ANALYSIS, "ingest"),
  POPULATION(Zone.ANALYSIS, "ingest"),
  ALLOCATION(Zone.ANALYSIS, "sample"),
  SAMPLE(Zone.ANALYSIS, "sample"),
  RESPONSES(Zone.ANALYSIS, "responses"),
  WEIGHTS(Zone.ANALYSIS, "weight"),
  WEIGHTING_DIAGNOSTICS(Zone.ANALYSIS, "weight"),
  RUN_LOG(Zone.ANALYSIS, "any job"),
  SUPPRESSION_LOG(Zone.ANALYSIS, "tabulate"),
  ESTIMATES(Zone.PUBLISHED, "tabulate"),
  RESPONSE_RATES(Zone.PUBLISHED, "monitor"),
  FREE_TEXT_TERMS(Zone.PUBLISHED, "tabulate"),
  DATA_QUALITY(Zone.PUBLISHED, "ingest");

  private final Zone zone;
  private final String firstWrittenBy;

  Table(Zone zone, String firstWrittenBy) {
    this.zone = zone;
    this.firstWrittenBy = firstWrittenBy;
  }

  /** The job to run before anything can read this table, for the message when it is missing. */
  public String firstWrittenBy() {
    return firstWrittenBy;
  }

  public Zone zone() {
    return zone;
  }

  /** The table's folder name, e.g. {@code raw_extract}. */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
