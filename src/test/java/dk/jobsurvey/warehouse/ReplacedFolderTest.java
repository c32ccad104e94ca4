package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.SparkTestSession;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder a step replaces whole: the files of an earlier run that the step did not write go once
 * the step has succeeded, also when the step is part of a larger one (the pipeline), and stay
 * when it fails.
 */
@ExtendWith(SparkTestSession.class)
class ReplacedFolderTest {

  @Test
  void otherFilesGoOnlyWhenTheOutermostStepSucceeds(SparkSession spark, @TempDir Path dir) throws Exception {
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toUri().toString());
    org.apache.hadoop.fs.Path folder = warehouse.reports("2023Q2");
    Path local = Path.of(warehouse.deliverables().makeQualified(folder).toUri());
    Files.createDirectories(local.resolve("151"));
    Files.writeString(local.resolve("151/rapport_151_2023Q2.pdf"), "old");
    Files.writeString(local.resolve("151/.rapport_151_2023Q2.pdf.crc"), "old");
    Files.writeString(local.resolve("landsrapport_2023Q2.html"), "old");

    assertThatThrownBy(() -> warehouse.allOrNothing(List.of(), () -> {
      warehouse.replaceFolder(folder);
      write(warehouse, new org.apache.hadoop.fs.Path(folder, "landsrapport_2023Q2.html"));
      throw new IllegalStateException("the printer failed");
    })).hasMessage("the printer failed");
    assertThat(files(local)).as("a failed step leaves the folder as it was").containsExactly(
        "151/.rapport_151_2023Q2.pdf.crc", "151/rapport_151_2023Q2.pdf", "landsrapport_2023Q2.html");
    assertThat(Files.readString(local.resolve("landsrapport_2023Q2.html"))).isEqualTo("old");

    warehouse.allOrNothing(List.of(), () -> {
      warehouse.allOrNothing(List.of(), () -> {
        warehouse.replaceFolder(folder);
        write(warehouse, new org.apache.hadoop.fs.Path(folder, "landsrapport_2023Q2.html"));
        write(warehouse, new org.apache.hadoop.fs.Path(folder, "167/rapport_167_2023Q2.html"));
        return null;
      });
      assertThat(files(local)).as("inside the pipeline, nothing changes before the pipeline ends").containsExactly(
          "151/.rapport_151_2023Q2.pdf.crc", "151/rapport_151_2023Q2.pdf", "landsrapport_2023Q2.html");
      return null;
    });
    assertThat(files(local)).containsExactly("167/rapport_167_2023Q2.html", "landsrapport_2023Q2.html");
    assertThat(Files.readString(local.resolve("landsrapport_2023Q2.html"))).isEqualTo("new");
  }

  private static void write(Warehouse warehouse, org.apache.hadoop.fs.Path target) throws Exception {
    try (OutputStream out = warehouse.deliverables().create(warehouse.stage(target), true)) {
      out.write("new".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> files(Path folder) throws Exception {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString()).sorted().toList();
    }
  }
}
