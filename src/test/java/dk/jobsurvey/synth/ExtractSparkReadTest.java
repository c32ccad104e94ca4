package dk.jobsurvey.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.TestFiles;
import dk.jobsurvey.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The generated .xlsx files, read with Spark as an analyst would, show the planned spreadsheet quirks. */
@ExtendWith(SparkTestSession.class)
class ExtractSparkReadTest {
  @TempDir
  static Path out;
  static List<ExtractGenerator.WrittenFile> files;

  @BeforeAll
  static void generatePilot() throws Exception {
    var survey = ConfigLoader.survey(TestFiles.surveyConfig());
    files = ExtractGenerator.generate(ExtractGenerator.select("pilot"),
        new ExtractGenerator.Settings(11, 0.2, 0.02, survey.round(), survey.referenceDates()), out);
  }

  private static Dataset<Row> readXlsx(SparkSession spark, String fileName, boolean inferSchema) {
    return spark.read().format("excel").option("header", "true").option("inferSchema", String.valueOf(inferSchema))
        .load(out.resolve(fileName).toString());
  }

  @Test
  void someFileHoldsCprNumbersThatLostTheirLeadingZero(SparkSession spark) {
    List<String> filesWithNineDigitCprs = new ArrayList<>();
    for (ExtractGenerator.WrittenFile file : xlsxFiles()) {
      Dataset<Row> rows = readXlsx(spark, file.fileName(), false);
      String cprColumn = rows.columns()[cprColumnIndex(rows)];
      assertThat(rows.schema().apply(cprColumn).dataType()).isEqualTo(DataTypes.StringType);
      long nineDigits = rows.filter(rows.col("`" + cprColumn + "`").rlike("^[0-9]{9}$")).count();
      if (nineDigits > 0) {
        filesWithNineDigitCprs.add(file.fileName());
      }
    }
    assertThat(filesWithNineDigitCprs).hasSizeBetween(1, 2);
  }

  @Test
  void someFilesHoldRealExcelDateCells(SparkSession spark) {
    List<String> filesWithDateCells = new ArrayList<>();
    for (ExtractGenerator.WrittenFile file : xlsxFiles()) {
      Dataset<Row> inferred = readXlsx(spark, file.fileName(), true);
      for (StructField field : inferred.schema().fields()) {
        if (field.dataType().equals(DataTypes.TimestampType) || field.dataType().equals(DataTypes.DateType)) {
          filesWithDateCells.add(file.fileName());
          break;
        }
      }
      // Read as strings, every column stays a string: nothing is inferred behind the analyst's back.
      for (StructField field : readXlsx(spark, file.fileName(), false).schema().fields()) {
        assertThat(field.dataType()).isEqualTo(DataTypes.StringType);
      }
    }
    assertThat(filesWithDateCells).isNotEmpty();
  }

  private static List<ExtractGenerator.WrittenFile> xlsxFiles() {
    List<ExtractGenerator.WrittenFile> xlsx = files.stream().filter(f -> f.format().equals("xlsx")).toList();
    assertThat(xlsx).hasSize(5);
    return xlsx;
  }

  private static int cprColumnIndex(Dataset<Row> rows) {
    String[] columns = rows.columns();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].toLowerCase().startsWith("cpr") || columns[i].equalsIgnoreCase("personnummer")) {
        return i;
      }
    }
    throw new AssertionError("no CPR column in " + List.of(columns));
  }
}
