package dk.jobsurvey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
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
 * Two warehouses compare as identical when their tables hold the same rows in any order and any
 * files (maps in any key order), and differ on one changed value, one duplicated row, one extra
 * column or a table on one side only; the run log is left out.
 */
@ExtendWith(SparkTestSession.class)
class WarehouseComparisonTest {
  private static final StructType SCHEMA = new StructType().add("kommunekode", DataTypes.StringType).add("n", DataTypes.LongType)
      .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

  @Test
  void sameRowsInAnyOrderAreIdenticalAndEveryKindOfChangeDiffers(SparkSession spark, @TempDir Path dir) {
    List<Row> rows = List.of(row("101", 5, "a", 1, "b", 2), row("147", 7, "c", 3, "d", 4));
    Warehouse here = warehouse(spark, dir.resolve("here"), rows);
    Warehouse reordered = warehouse(spark, dir.resolve("reordered"), List.of(row("147", 7, "d", 4, "c", 3), row("101", 5, "b", 2, "a", 1)));
    assertThat(WarehouseComparison.compare(here, reordered)).singleElement()
        .satisfies(result -> assertThat(result.identical()).as(result.toString()).isTrue());

    Warehouse changed = warehouse(spark, dir.resolve("changed"), List.of(row("101", 5, "a", 1, "b", 2), row("147", 8, "c", 3, "d", 4)));
    assertThat(WarehouseComparison.compare(here, changed).get(0)).satisfies(result -> {
      assertThat(result.identical()).isFalse();
      assertThat(result.onlyHere()).isEqualTo(1);
      assertThat(result.onlyThere()).isEqualTo(1);
    });
    Warehouse duplicated = warehouse(spark, dir.resolve("duplicated"), List.of(rows.get(0), rows.get(1), rows.get(1)));
    assertThat(WarehouseComparison.compare(here, duplicated).get(0).identical()).as("a row twice is not the same table").isFalse();

    Warehouse wider = new Warehouse(spark, dir.resolve("wider").toString());
    wider.replaceRound("2023Q2", Map.of(Table.ALLOCATION, frame(spark, rows).withColumn("extra", org.apache.spark.sql.functions.lit(1))));
    assertThat(WarehouseComparison.compare(here, wider).get(0).columnDifference()).contains("extra");

    Warehouse more = warehouse(spark, dir.resolve("more"), rows);
    more.replaceRound("2023Q2", Map.of(Table.SAMPLE, frame(spark, rows)));
    assertThat(WarehouseComparison.compare(here, more)).filteredOn(result -> !result.identical())
        .extracting(WarehouseComparison.TableResult::table).containsExactly(Table.SAMPLE);
  }

  private static Warehouse warehouse(SparkSession spark, Path root, List<Row> rows) {
    Warehouse warehouse = new Warehouse(spark, root.toString());
    warehouse.replaceRound("2023Q2", Map.of(Table.ALLOCATION, frame(spark, rows)));
    return warehouse;
  }

  private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA).repartition(2);
  }

  private static Row row(String code, long n, String k1, long v1, String k2, long v2) {
    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put(k1, v1);
    counts.put(k2, v2);
    return RowFactory.create(code, n, scala.jdk.javaapi.CollectionConverters.asScala(counts));
  }
}
