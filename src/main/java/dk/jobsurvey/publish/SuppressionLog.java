package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * analysis/suppression_log: for the analyst, every hidden figure of the round's published tables
 * with what published/ does not say: its n, whether it was hidden for itself (primary) or to protect
 * another (secondary), the audit round that decided it, and for a primary cell the interval
 * [lo, hi] an attacker who knows everything published can deduce.
 */
public final class SuppressionLog {
  public static final StructType SCHEMA = new StructType().add("published_table", DataTypes.StringType)
      .add("measure", DataTypes.StringType).add("cell", DataTypes.StringType).add("n", DataTypes.LongType)
      .add("reason", DataTypes.StringType).add("decided_in_audit_round", DataTypes.IntegerType)
      .add("attacker_lo", DataTypes.DoubleType).add("attacker_hi", DataTypes.DoubleType);

  private SuppressionLog() {}

  /** One row per hidden cell, in the system's order; cell keys are "table measure: cell" ({@link PublishedCells}). */
  public static List<Row> rows(CellSystem system, DisclosureControl.Pattern pattern) {
    List<Row> rows = new ArrayList<>();
    for (int cell = 0; cell < system.size(); cell++) {
      DisclosureControl.Reason reason = pattern.reasons()[cell];
      if (reason == null) {
        continue;
      }
      String key = system.keys().get(cell);
      int table = key.indexOf(' ');
      int measure = key.indexOf(": ");
      SuppressionAudit.Interval interval = pattern.intervals().get(cell);
      rows.add(RowFactory.create(key.substring(0, table), key.substring(table + 1, measure), key.substring(measure + 2),
          system.n()[cell], reason.code(), pattern.decidedInRound()[cell], interval == null ? null : interval.lo(),
          interval == null ? null : interval.hi()));
    }
    return rows;
  }
}
