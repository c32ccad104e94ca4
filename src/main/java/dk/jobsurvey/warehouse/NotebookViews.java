package dk.jobsurvey.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * For Zeppelin notes and other interactive sessions: the round's analysis/ and published/ tables
 * as temporary views named like the tables ({@code estimates}, {@code weights}, ...), so SQL needs
 * no paths. restricted/ is never registered.
 */
public final class NotebookViews {
  private NotebookViews() {}

  /** Registers a view per existing analysis/ and published/ table, filtered to {@code round}; returns their names. */
  public static List<String> register(SparkSession spark, String warehouseRoot, String round) {
    Warehouse warehouse = new Warehouse(spark, warehouseRoot);
    List<String> views = new ArrayList<>();
    for (Table table : Table.values()) {
      if (table.zone() != Zone.RESTRICTED && warehouse.exists(table)) {
        warehouse.readRound(table, round).createOrReplaceTempView(table.tableName());
        views.add(table.tableName());
      }
    }
    return views;
  }
}
