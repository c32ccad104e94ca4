package dk.jobsurvey.warehouse;

import java.util.Locale;

/**
 * Every Delta table of the pipeline, with its zone and the one job that writes it (the run log
 * excepted: every job adds its own line). Each lives at {@code <warehouse>/<zone>/<name>}.
 */
public enum Table {
  RAW_EXTRACT(Zone.RESTRICTED, "ingest"),
  IDENTITY(Zone.RESTRICTED, "ingest"),
  CONTACTS(Zone.RESTRICTED, "mailmerge"),
  FREE_TEXT(Zone.RESTRICTED, "responses"),
  QUARANTINE(Zone.ANALYSIS, "ingest"),
  RESPONSE_QUARANTINE(Zone.ANALYSIS, "responses"),
  POPULATION(Zone.ANALYSIS, "ingest"),
  ALLOCATION(Zone.ANALYSIS, "sample"),
  SAMPLE(Zone.ANALYSIS, "sample"),
  RESPONSES(Zone.ANALYSIS, "responses"),
  WEIGHTS(Zone.ANALYSIS, "weight"),
  WEIGHTING_DIAGNOSTICS(Zone.ANALYSIS, "weight"),
  RUN_LOG(Zone.ANALYSIS, "any job"),
  SUPPRESSION_LOG(Zone.ANALYSIS, "tabulate"),
  ESTIMATES(Zone.PUBLISHED, "tabulate"),
  RESPONSE_RATES(Zone.PUBLISHED, "tabulate"),
  FREE_TEXT_TERMS(Zone.PUBLISHED, "tabulate"),
  CHANGES(Zone.PUBLISHED, "tabulate"),
  DATA_QUALITY(Zone.PUBLISHED, "ingest");

  private final Zone zone;
  private final String writtenBy;

  Table(Zone zone, String writtenBy) {
    this.zone = zone;
    this.writtenBy = writtenBy;
  }

  /** The job that writes this table: the one to run before anything can read it. */
  public String writtenBy() {
    return writtenBy;
  }

  public Zone zone() {
    return zone;
  }

  /** The table's folder name, e.g. {@code raw_extract}. */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
