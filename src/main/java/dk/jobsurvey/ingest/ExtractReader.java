package dk.jobsurvey.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.HeaderAliases;
import dk.jobsurvey.config.IngestSettings;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.files.ProblemText;
import dk.jobsurvey.files.SourceFile;
import dk.jobsurvey.files.TableRows;
import dk.jobsurvey.files.TabularFileReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads one municipal extract ({@link TabularFileReader}) into the canonical columns: headers
 * matched through the configured aliases, the municipality from a kommunekode column or the file
 * name, unknown columns kept as {@code extra_columns}. A file whose header row is missing, holds
 * data, lacks a required column or repeats a header is rejected with the reason.
 */
public final class ExtractReader {
  /** Columns of a read extract, in order. */
  public static final List<String> RAW_COLUMNS = List.of("source_file", "source_row", "kommunekode", "cpr", "navn",
      "ydelse", "dato_overgang", "dato_seneste_samtale", "afsluttet_forloeb", "telefon", "passiv", "extra_columns");
  /**
   * Besides {@link #RAW_COLUMNS}, a read extract has the file's name and {@link TableRows#READ_PROBLEM}
   * until {@link TableRows#withoutUnreadableFiles} has looked at them.
   */
  public static final String FILE_NAME = "file_name";

  /**
   * A readable extract and how its columns were found, or why it cannot be read.
   *
   * @param columns what was matched, what was not used and which optional columns are missing
   */
  public record Result(Optional<Dataset<org.apache.spark.sql.Row>> rows, ColumnReport columns, Optional<FileRejection> rejection) {
    static Result rejected(SourceFile file, ProblemText problem) {
      return new Result(Optional.empty(), ColumnReport.NONE, Optional.of(new FileRejection(file.name(), problem)));
    }

    public List<String> extraHeaders() {
      return columns.unused();
    }
  }

  private final IngestSettings settings;
  private final TabularFileReader tables;

  public ExtractReader(SparkSession spark, IngestSettings settings) {
    this.settings = settings;
    this.tables = new TabularFileReader(spark, settings.csv());
  }

  public Result read(SourceFile file) {
    Map<String, String> overrides = settings.overridesFor(municipalityInName(file.name()));
    // The header row is the first that maps the required columns: title and blank rows above it are skipped.
    TabularFileReader.Result table = tables.read(file,
        cells -> HeaderMapping.of(cells, settings.headers(), overrides, settings.requiredColumns()).problem().isEmpty());
    if (table.rejection().isPresent()) {
      return new Result(Optional.empty(), ColumnReport.NONE, table.rejection());
    }
    return canonical(file, table.headers(), table.cells().get());
  }


  private Result canonical(SourceFile file, List<String> headers, Dataset<org.apache.spark.sql.Row> table) {
    if (headers.stream().allMatch(String::isBlank)) {
      return Result.rejected(file, new ProblemText("no header row (the first row is empty)",
          "Ingen overskriftsrække (første række er tom)"));
    }
    if (headers.stream().anyMatch(h -> h.matches(".*[0-9]{6}.*"))) {
      return Result.rejected(file, new ProblemText("no header row: the first row holds data, not column names",
          "Ingen overskriftsrække: første række indeholder data, ikke kolonnenavne"));
    }
    HeaderAliases aliases = settings.headers();
    String fileCode = municipalityInName(file.name());
    HeaderMapping mapping = HeaderMapping.of(headers, aliases, settings.overridesFor(fileCode), settings.requiredColumns());
    if (mapping.problem().isPresent()) {
      return Result.rejected(file, mapping.problem().get());
    }
    if (!mapping.columns().containsKey("kommunekode") && fileCode == null) {
      return Result.rejected(file, new ProblemText("no kommunekode column and no 3-digit municipality code in the file name",
          "Ingen kolonne med kommunekode og ingen 3-cifret kommunekode i filnavnet"));
    }
    int width = headers.size();
    Dataset<org.apache.spark.sql.Row> byPosition = table;
    List<Column> selected = new ArrayList<>();
    selected.add(concat(lit(file.name()), col(TableRows.SOURCE_PART)).as("source_file"));
    selected.add(col(TableRows.SOURCE_ROW));
    Column kommunekode = column(mapping, headers, "kommunekode", width);
    Column fromName = lit(fileCode).cast(DataTypes.StringType);
    selected.add(coalesce(when(trim(kommunekode).notEqual(""), trim(kommunekode)), fromName).as("kommunekode"));
    for (String name : List.of("cpr", "navn", "ydelse", "dato_overgang", "dato_seneste_samtale", "afsluttet_forloeb",
        "telefon", "passiv")) {
      selected.add(column(mapping, headers, name, width).as(name));
    }
    List<Column> extraPairs = new ArrayList<>();
    for (String extra : mapping.extraHeaders()) {
      int index = headers.indexOf(extra);
      if (index < width) {
        extraPairs.add(lit(extra));
        extraPairs.add(col("c" + index).cast(DataTypes.StringType));
      }
    }
    selected.add(extraPairs.isEmpty()
        ? map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)).as("extra_columns")
        : map(extraPairs.toArray(new Column[0])).as("extra_columns"));
    selected.add(lit(file.name()).as(FILE_NAME));
    selected.add(col(TableRows.READ_PROBLEM));
    return new Result(Optional.of(byPosition.select(selected.toArray(new Column[0]))), ColumnReport.of(mapping, fileCode),
        Optional.empty());
  }

  private static Column column(HeaderMapping mapping, List<String> headers, String name, int width) {
    String header = mapping.columns().get(name);
    int index = header == null ? -1 : headers.indexOf(header);
    return index < 0 || index >= width ? lit(null).cast(DataTypes.StringType) : col("c" + index).cast(DataTypes.StringType);
  }

  /** The municipality code in a file name, by the configured pattern; null if none. */
  String municipalityInName(String name) {
    String base = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
    Matcher matcher = settings.fileNamePattern().matcher(base);
    return matcher.find() ? matcher.group(1) : null;
  }


}
