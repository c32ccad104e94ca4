package dk.jobsurvey.bench;

import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Whether two warehouses hold the same tables, row for row: for each table but the run log (whose
 * lines are of the runs themselves: ids, clocks, seconds), the same columns and the same multiset
 * of rows (each side's rows less the other's, duplicates counted, must both be empty). A map
 * column is compared by its sorted entries. Used to show a change to how the pipeline runs (the
 * speed work) leaves every output as it was.
 */
public final class WarehouseComparison {
  /** One table's comparison: rows on each side, rows only on each side; the columns when they differ. */
  public record TableResult(Table table, long rows, long otherRows, long onlyHere, long onlyThere, String columnDifference) {
    public boolean identical() {
      return columnDifference.isEmpty() && onlyHere == 0 && onlyThere == 0 && rows == otherRows;
    }
  }

  private WarehouseComparison() {}

  /** Every table present in either warehouse, compared; a table on one side only differs. */
  public static List<TableResult> compare(Warehouse here, Warehouse there) {
    List<TableResult> results = new ArrayList<>();
    for (Table table : Table.values()) {
      if (table == Table.RUN_LOG || !here.exists(table) && !there.exists(table)) {
        continue;
      }
      if (!here.exists(table) || !there.exists(table)) {
        results.add(new TableResult(table, here.exists(table) ? here.read(table).count() : 0,
            there.exists(table) ? there.read(table).count() : 0, 0, 0, "the table is in one warehouse only"));
        continue;
      }
      Dataset<Row> a = here.read(table);
      Dataset<Row> b = there.read(table);
      Set<String> columnsA = new TreeSet<>(Arrays.asList(a.columns()));
      Set<String> columnsB = new TreeSet<>(Arrays.asList(b.columns()));
      if (!columnsA.equals(columnsB)) {
        results.add(new TableResult(table, a.count(), b.count(), 0, 0, "columns " + columnsA + " against " + columnsB));
        continue;
      }
      Dataset<Row> comparableA = comparable(a, columnsA).cache();
      Dataset<Row> comparableB = comparable(b, columnsA).cache();
      results.add(new TableResult(table, comparableA.count(), comparableB.count(), comparableA.exceptAll(comparableB).count(),
          comparableB.exceptAll(comparableA).count(), ""));
      comparableA.unpersist();
      comparableB.unpersist();
    }
    return results;
  }

  /** The columns in one order, map columns as their sorted entries (set operations refuse maps). */
  private static Dataset<Row> comparable(Dataset<Row> rows, Set<String> columns) {
    List<Column> selected = new ArrayList<>();
    for (String name : columns) {
      StructField field = rows.schema().apply(name);
      Column column = functions.col(name);
      selected.add(field.dataType() instanceof MapType ? functions.array_sort(functions.map_entries(column)).as(name) : column);
    }
    return rows.select(selected.toArray(Column[]::new));
  }
}
