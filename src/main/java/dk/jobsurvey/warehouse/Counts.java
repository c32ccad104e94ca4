package dk.jobsurvey.warehouse;

import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Counting inside one aggregation: many conditional counts cost one scan, not one Spark job each. */
public final class Counts {
  private Counts() {}

  /** The number of rows where {@code condition} holds, as a long (0, not null, for no rows that match). */
  public static Column countWhere(Column condition) {
    return sum(when(condition, 1).otherwise(0)).cast(DataTypes.LongType);
  }
}
