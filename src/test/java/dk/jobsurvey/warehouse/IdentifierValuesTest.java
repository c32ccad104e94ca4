package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.support.TableText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The value gate: a CPR or phone number in any text column of a table outside restricted/ (a
 * map's keys and values too) fails the write with the table and column named and the value not
 * shown, and the table keeps its rows; digests, run ids and ordinary text pass; restricted/ takes it.
 */
@ExtendWith(SparkTestSession.class)
class IdentifierValuesTest {
  private static final StructType SCHEMA = new StructType().add("person_key", DataTypes.StringType)
      .add("kommunekode", DataTypes.StringType).add("ydelse", DataTypes.StringType)
      .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
  private static final String KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private static Dataset<Row> rows(SparkSession spark, String kommunekode, String ydelse, String mapKey) {
    return spark.createDataFrame(List.of(RowFactory.create(KEY, kommunekode, ydelse,
        scala.jdk.javaapi.CollectionConverters.asScala(Map.of(mapKey, "12345678-1234-1234-1234-123456789012")))), SCHEMA);
  }

  @Test
  void refusesIdentifierValuesOutsideRestrictedNamingTableAndColumnButNotTheValue(SparkSession spark, @TempDir Path dir) {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    warehouse.replaceRound("2023Q2", Map.of(Table.POPULATION, rows(spark, "825", "Sygedagpenge", "file 20230801.csv")));
    List<String> before = TableText.rows(warehouse.read(Table.POPULATION));

    assertThatThrownBy(() -> warehouse.replaceRound("2023Q2", Map.of(Table.POPULATION, rows(spark, "610190\u20111234", "x", "k"))))
        .hasMessageContaining("analysis/population").hasMessageContaining("column kommunekode")
        .hasMessageContaining("a CPR number").hasMessageNotContaining("610190").hasMessageNotContaining("1234");
    assertThatThrownBy(() -> warehouse.replaceRound("2023Q2", Map.of(Table.POPULATION, rows(spark, "825", "ring 22.33.44.55", "k"))))
        .hasMessageContaining("column ydelse").hasMessageContaining("a phone number").hasMessageNotContaining("22.33");
    assertThatThrownBy(() -> warehouse.replaceRound("2023Q2", Map.of(Table.POPULATION, rows(spark, "825", "x", "+45 22334455"))))
        .hasMessageContaining("column counts");
    assertThat(TableText.rows(warehouse.read(Table.POPULATION))).isEqualTo(before);

    warehouse.replaceRound("2023Q2", Map.of(Table.IDENTITY, rows(spark, "610190-1234", "22 33 44 55", "k")));
    assertThat(warehouse.readRound(Table.IDENTITY, "2023Q2").count()).isOne();
  }
}
