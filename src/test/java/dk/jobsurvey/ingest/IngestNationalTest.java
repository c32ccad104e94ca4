package dk.jobsurvey.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.synth.ExtractGenerator;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest of generated extracts for all 98 municipalities (at a tenth of their size, to keep the
 * suite fast; every layout and defect is there): nothing rejected, nothing lost, every file's counts
 * reconcile, and the generator's defects come out as their reasons.
 */
@ExtendWith(SparkTestSession.class)
class IngestNationalTest {
  @TempDir
  Path dir;

  @Test
  void everyRowOfTheNationalExtractsIsAccountedFor(SparkSession spark) throws Exception {
    var survey = IngestExtractsTest.SURVEY;
    List<ExtractGenerator.WrittenFile> files = ExtractGenerator.generate(ExtractGenerator.select("all"),
        new ExtractGenerator.Settings(2023, 0.1, 0.04, survey.round(), survey.referenceDates()), dir.resolve("extracts"));
    Warehouse warehouse = new Warehouse(spark, dir.resolve("warehouse").toString());
    IngestExtracts.Result result = new IngestExtracts(survey, warehouse, IngestExtractsTest.KEY, dir.resolve("extracts").toString()).execute();

    assertThat(result.rejected()).isEmpty();
    Map<String, Row> dataQuality = result.dataQuality().stream().collect(Collectors.toMap(r -> r.getAs("source_file"), r -> r));
    assertThat(dataQuality).hasSize(98);
    for (ExtractGenerator.WrittenFile file : files) {
      assertThat(dataQuality.get(file.fileName()).<Long>getAs("rows_read")).as(file.fileName()).isEqualTo(file.rows());
      assertThat(dataQuality.get(file.fileName()).<String>getAs("kommunekode")).isEqualTo(file.kommunekode());
    }
    IngestExtractsTest.assertReconciled(dataQuality,
        IngestExtractsTest.countPerFile(warehouse.readRound(Table.QUARANTINE, survey.round())),
        IngestExtractsTest.countPerFile(warehouse.readRound(Table.POPULATION, survey.round())),
        IngestExtractsTest.countPerFile(warehouse.readRound(Table.POPULATION, survey.round()).where("eligible")));

    long total = 0;
    Map<String, Long> byReason = new java.util.HashMap<>();
    for (Row row : result.dataQuality()) {
      total += row.<Long>getAs("rows_read");
      for (String reason : List.of("invalid_cpr", "invalid_date", "future_date", "missing_benefit", "invalid_yes_no",
          "cpr_repaired", "excluded_duplicate", "excluded_unknown_benefit")) {
        byReason.merge(reason, row.<Long>getAs(reason), Long::sum);
      }
    }
    assertThat(total).isEqualTo(files.stream().mapToLong(ExtractGenerator.WrittenFile::rows).sum());
    // Each planted defect shows up as its reason; the number-stored CPRs of one or two files are repaired.
    byReason.forEach((reason, count) -> assertThat(count).as(reason).isPositive());
    assertThat(warehouse.readRound(Table.IDENTITY, survey.round()).count())
        .isEqualTo(warehouse.readRound(Table.POPULATION, survey.round()).where("exclusion_reason is null or exclusion_reason <> 'duplicate'").count());
  }
}
