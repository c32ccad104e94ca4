package dk.jobsurvey.support;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/** Every cell of a (small, test-sized) table as text: one string per row, cells joined by '|'. */
public final class TableText {
  private TableText() {}

  public static List<String> rows(Dataset<Row> table) {
    List<Column> asText = new ArrayList<>();
    for (var field : table.schema().fields()) {
      Column column = functions.col("`" + field.name() + "`");
      asText.add(field.dataType() instanceof MapType ? functions.to_json(column) : column.cast(DataTypes.StringType));
    }
    return table.select(functions.concat_ws("|", asText.toArray(new Column[0]))).as(Encoders.STRING()).collectAsList();
  }
}
