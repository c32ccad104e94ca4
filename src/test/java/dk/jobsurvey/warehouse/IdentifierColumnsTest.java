package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse refuses identifier columns outside restricted/, and keeps restricted/ owner-only and free of column statistics. */
@ExtendWith(SparkTestSession.class)
class IdentifierColumnsTest {
  @Test
  void namesTheIdentifierColumns() {
    assertThat(List.of("cpr", "CPR", "navn", "telefon", "token", "survey_link", "q14_raw")).allMatch(IdentifierColumns::isIdentifier);
    assertThat(List.of("person_key", "q14_text", "kommunekode", "cpr_repaired", "rawness")).noneMatch(IdentifierColumns::isIdentifier);
  }

  @Test
  void refusesIdentifiersOutsideRestrictedAndLocksRestrictedDown(SparkSession spark, @TempDir Path dir) throws Exception {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    StructType schema = new StructType().add("person_key", DataTypes.StringType).add("telefon", DataTypes.StringType);
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("k1", "+4512345678")), schema);

    assertThatThrownBy(() -> warehouse.replaceRound("2023Q2", Map.of(Table.POPULATION, rows)))
        .hasMessageContaining("analysis/population").hasMessageContaining("[telefon]").hasMessageContaining("restricted/");
    assertThatThrownBy(() -> warehouse.mergeRound(Table.RESPONSES, "2023Q2", rows, List.of("person_key"), null))
        .hasMessageContaining("analysis/responses");
    assertThatThrownBy(() -> warehouse.append(Table.ESTIMATES, "2023Q2", rows)).hasMessageContaining("published/estimates");
    assertThat(warehouse.exists(Table.POPULATION) || warehouse.exists(Table.RESPONSES) || warehouse.exists(Table.ESTIMATES)).isFalse();

    warehouse.replaceRound("2023Q2", Map.of(Table.IDENTITY, rows));
    assertThat(warehouse.readRound(Table.IDENTITY, "2023Q2").count()).isOne();
    Path restricted = dir.resolve("restricted");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restricted))).isEqualTo("rwx------");
    try (Stream<Path> paths = Files.walk(restricted.resolve("identity"))) {
      for (Path path : paths.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
            .as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
      }
    }
    // No column statistics in the transaction log: they would hold the phone number.
    try (Stream<Path> log = Files.list(restricted.resolve("identity").resolve("_delta_log"))) {
      for (Path file : log.filter(f -> f.toString().endsWith(".json")).toList()) {
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("12345678").doesNotContain("minValues");
      }
    }
  }
}
