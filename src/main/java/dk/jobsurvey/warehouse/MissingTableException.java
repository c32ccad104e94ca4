package dk.jobsurvey.warehouse;

/**
 * A stage needs a table that no step has written in this warehouse, or not for its round: it says
 * which job to run first, in words, not Delta's.
 */
public final class MissingTableException extends IllegalStateException {
  private final Table table;

  MissingTableException(Table table, Object warehouse) {
    super(table.zone().folder() + "/" + table.tableName() + " does not exist in the warehouse " + warehouse
        + " yet: " + runFirst(table));
    this.table = table;
  }

  MissingTableException(Table table, Object warehouse, String round) {
    super(table.zone().folder() + "/" + table.tableName() + " in the warehouse " + warehouse + " holds no rows for round "
        + round + " yet: " + runFirst(table));
    this.table = table;
  }

  private static String runFirst(Table table) {
    return "run " + (table == Table.RUN_LOG ? "a job" : "`" + table.writtenBy() + "`") + " for the round first";
  }

  public Table table() {
    return table;
  }
}
