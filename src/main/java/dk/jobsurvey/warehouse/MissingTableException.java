package dk.jobsurvey.warehouse;

/** A stage read a table that no step has written in this warehouse: it says which job to run first. */
public final class MissingTableException extends IllegalStateException {
  private final Table table;

  MissingTableException(Table table, Object warehouse) {
    super(table.zone().folder() + "/" + table.tableName() + " does not exist in the warehouse " + warehouse
        + " yet: run " + (table == Table.RUN_LOG ? "a job" : "`" + table.firstWrittenBy() + "`") + " for the round first");
    this.table = table;
  }

  public Table table() {
    return table;
  }
}
