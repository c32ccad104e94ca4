package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.estimate.ChangesSinceLastRound;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round's changes copy the figures of the round they compare with: when that earlier round is
 * tabulated again afterwards, the later round's report is refused until the later round is
 * tabulated again (its changes could show figures the earlier round now hides).
 */
@ExtendWith(SparkTestSession.class)
class EarlierRoundRetabulatedTest {
  @Test
  void theReportOfALaterRoundWaitsForItsTabulateAfterTheEarlierRoundIsTabulatedAgain(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    List<Object> values = new ArrayList<>(List.of("2023Q2", "kommune", "q1", "q1", "mean", "825"));
    for (int i = values.size(); i < ChangesSinceLastRound.SCHEMA.size(); i++) {
      values.add(null);
    }
    Row change = RowFactory.create(values.toArray());
    warehouse.replaceRound("2024Q1", Map.of(Table.CHANGES, spark.createDataFrame(List.of(change), ChangesSinceLastRound.SCHEMA)));

    succeed("tabulate", "2024Q1", warehouse);
    assertThatCode(() -> succeed("report", "2024Q1", warehouse)).doesNotThrowAnyException();
    Thread.sleep(20);
    succeed("tabulate", "2023Q2", warehouse);
    assertThatThrownBy(() -> succeed("report", "2024Q1", warehouse))
        .isInstanceOf(StaleInputException.class)
        .hasMessageContaining("tabulate ran for 2023Q2")
        .hasMessageContaining("run tabulate for 2024Q1 first");
    assertThatCode(() -> succeed("report", "2023Q2", warehouse)).as("the earlier round's own report").doesNotThrowAnyException();
    succeed("tabulate", "2024Q1", warehouse);
    assertThatCode(() -> succeed("report", "2024Q1", warehouse)).doesNotThrowAnyException();
    assertThat(warehouse.readRound(Table.RUN_LOG, "2024Q1").where("job = 'report' AND status = 'refused'").count()).isEqualTo(1);
  }

  private static void succeed(String job, String round, Warehouse warehouse) {
    JobRun run = JobRun.start(new JobRun.Identity(job, round, "config", 1L, Map.of(), e -> 1), warehouse);
    run.record(RunLog.SUCCEEDED, 0, Map.of(), Map.of(), Map.of());
  }
}
