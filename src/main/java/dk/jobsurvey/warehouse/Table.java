package dk.jobsurvey.warehouse;

import java.util.Locale;

/** Every Delta table of the pipeline, with its zone. Each lives at {@code <warehouse>/<zone>/<name>}. */
public enum Table {
  RAW_EXTRACT(Zone.RESTRICTED),
  IDENTITY(Zone.RESTRICTED),
  CONTACTS(Zone.RESTRICTED),
  FREE_TEXT(Zone.RESTRICTED),
  QUARANTINE(Zone.ANALYSIS),
  POPULATION(Zone.ANALYSIS),
  ALLOCATION(Zone.ANALYSIS),
  SAMPLE(Zone.ANALYSIS),
  RESPONSES(Zone.ANALYSIS),
  WEIGHTS(Zone.ANALYSIS),
  WEIGHTING_DIAGNOSTICS(Zone.ANALYSIS),
  RUN_LOG(Zone.ANALYSIS),
  SUPPRESSION_LOG(Zone.ANALYSIS),
  ESTIMATES(Zone.PUBLISHED),
  RESPONSE_RATES(Zone.PUBLISHED),
  FREE_TEXT_TERMS(Zone.PUBLISHED),
  DATA_QUALITY(Zone.PUBLISHED);

  private final Zone zone;

  Table(Zone zone) {
    this.zone = zone;
  }

  public Zone zone() {
    return zone;
  }

  /** The table's folder name, e.g. {@code raw_extract}. */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
