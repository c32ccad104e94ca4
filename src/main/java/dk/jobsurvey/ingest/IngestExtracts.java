package dk.jobsurvey.ingest;

import static dk.jobsurvey.warehouse.Counts.countWhere;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc_nulls_last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.FileRejection;
import dk.jobsurvey.files.ProblemText;
import dk.jobsurvey.files.SourceFile;
import dk.jobsurvey.files.TableRows;
import dk.jobsurvey.files.TabularFileReader;
import dk.jobsurvey.warehouse.IdentifierPatterns;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The ingest step (DESIGN.md §2, §3, §10): every extract in a folder, read once, validated,
 * pseudonymised, classified and checked for eligibility, written as restricted/raw_extract,
 * restricted/identity, analysis/quarantine, analysis/population and published/data_quality for one
 * round.
 *
 * <p>Cost: each file is read once (the rows are checkpointed locally); one pass applies the row
 * rules; one shuffle, by person, finds duplicates; the per-file counts are one aggregation. Nothing
 * unit-level is collected to the driver.
 */
public final class IngestExtracts {
  private static final Logger LOG = LogManager.getLogger(IngestExtracts.class);
  /** Ingest's rows of analysis/quarantine (the responses step adds its own). */
  public static final String QUARANTINE_STEP = "ingest";
  private static final StructType CHECKED_SCHEMA = new StructType(new StructField[] {
      field("source_file", DataTypes.StringType), field("source_row", DataTypes.LongType),
      field("kommunekode", DataTypes.StringType), field("cpr", DataTypes.StringType),
      field("person_key", DataTypes.StringType), field("navn", DataTypes.StringType),
      field("telefon", DataTypes.StringType), field("ydelse", DataTypes.StringType),
      field("ydelsesgruppe", DataTypes.StringType), field("koen", DataTypes.StringType),
      field("alder", DataTypes.IntegerType), field("aldersgruppe", DataTypes.StringType),
      field("dato_overgang", DataTypes.DateType), field("varighed_uger", DataTypes.IntegerType),
      field("varighed_maaneder", DataTypes.IntegerType), field("varighedsgruppe", DataTypes.StringType),
      field("dato_seneste_samtale", DataTypes.DateType), field("afsluttet_forloeb", DataTypes.BooleanType),
      field("passiv", DataTypes.BooleanType), field("exclusion_reason", DataTypes.StringType),
      field("reason_code", DataTypes.StringType), field("reason_detail", DataTypes.StringType),
      field("reason_detail_dansk", DataTypes.StringType),
      field("cpr_repaired", DataTypes.BooleanType), field("cpr_substitute", DataTypes.BooleanType),
      field("phone_invalid", DataTypes.BooleanType)});

  static final List<String> POPULATION_COLUMNS = List.of("person_key", "kommunekode", "ydelse", "ydelsesgruppe", "koen",
      "alder", "aldersgruppe", "dato_overgang", "varighed_uger", "varighed_maaneder", "varighedsgruppe",
      "dato_seneste_samtale", "afsluttet_forloeb", "passiv", "eligible", "exclusion_reason", "source_file", "source_row");

  /** What the step found, for the job's summary and the data-quality workbooks. */
  public record Result(
      List<SourceFile> files,
      List<SourceFile> ignored,
      List<FileRejection> rejected,
      Map<String, ColumnReport> columnsByFile,
      List<Row> dataQuality,
      List<Row> unknownBenefits,
      List<org.apache.hadoop.fs.Path> workbooks) {}

  private final Survey survey;
  private final Warehouse warehouse;
  private final byte[] pseudonymKey;
  private final String input;

  /** Ingest of the extracts under {@code input} (a folder; sub-folders too). */
  public IngestExtracts(Survey survey, Warehouse warehouse, byte[] pseudonymKey, String input) {
    this.survey = survey;
    this.warehouse = warehouse;
    this.pseudonymKey = pseudonymKey.clone();
    this.input = input;
  }

  /**
   * What ingest makes of the extracts before it writes anything: the files read, rejected and
   * ignored, the rows of each table, the per-file data quality and the quarantined rows.
   */
  public record Checked(List<SourceFile> files, List<SourceFile> ignored, List<FileRejection> rejected,
      Map<String, ColumnReport> columnsByFile, Map<Table, Dataset<Row>> tables, List<Row> dataQuality,
      Dataset<Row> quarantined, List<Row> unknownBenefits) {}

  /** Reads every extract under the input folder and replaces the round's ingest tables. */
  public Result execute() throws IOException {
    Checked checked = check();
    if (checked.tables().isEmpty()) {
      return new Result(checked.files(), checked.ignored(), checked.rejected(), checked.columnsByFile(), List.of(), List.of(),
          List.of());
    }
    // The tables and the workbooks together, or nothing.
    List<org.apache.hadoop.fs.Path> workbooks = warehouse.allOrNothing(checked.tables().keySet(), () -> {
      warehouse.replaceRound(survey.round(), checked.tables());
      return DataQualityWorkbooks.write(warehouse, survey.round(), checked.dataQuality(), checked.rejected(),
          problemsByFile(checked.quarantined(), checked.dataQuality()));
    });
    return new Result(checked.files(), checked.ignored(), checked.rejected(), checked.columnsByFile(), checked.dataQuality(),
        checked.unknownBenefits(), workbooks);
  }

  /** Reads and checks every extract under the input folder, as ingest does, and writes nothing (the preflight check). */
  public Checked check() throws IOException {
    List<SourceFile> files = TabularFileReader.discover(warehouse.spark(), input);
    ExtractReader reader = new ExtractReader(warehouse.spark(), survey.ingest());
    List<SourceFile> ignored = new ArrayList<>();
    List<FileRejection> rejected = new ArrayList<>();
    List<String> readFiles = new ArrayList<>();
    Map<String, ColumnReport> columnsByFile = new LinkedHashMap<>();
    Dataset<Row> raw = null;
    long started = System.nanoTime();
    // Each file's header is read on the driver; they are independent, so read them side by side.
    List<ExtractReader.Result> reads = files.parallelStream()
        .map(file -> file.kind() == SourceFile.Kind.OTHER ? null : reader.read(file)).toList();
    LOG.info("opened {} files in {} s", files.size(), seconds(started));
    for (int i = 0; i < files.size(); i++) {
      SourceFile file = files.get(i);
      ExtractReader.Result read = reads.get(i);
      if (read == null) {
        ignored.add(file);
        continue;
      }
      if (IdentifierPatterns.find(file.name()).isPresent()) {
        // The name would be stored in every row and table of the file; the masked name says which file.
        rejected.add(new FileRejection(file.name(), new ProblemText("the file name holds what looks like a CPR or phone number; "
            + "rename the file and ingest again", "Filnavnet indeholder noget, der ligner et CPR- eller telefonnummer; "
            + "omdøb filen, og send den igen")));
        continue;
      }
      if (read.rejection().isPresent()) {
        rejected.add(read.rejection().get());
        continue;
      }
      columnsByFile.put(file.name(), read.columns());
      readFiles.add(file.name());
      raw = raw == null ? read.rows().get() : raw.unionByName(read.rows().get());
    }
    if (raw == null) {
      return new Checked(files, ignored, rejected, columnsByFile, Map.of(), List.of(), null, List.of());
    }
    // Read every file once, and cut the plan there: a union of one read per file is slow to plan,
    // and every table below would plan it again. (Local checkpoints live as long as the session.)
    // A few files per task rather than one: the tables below then get a few larger files, not one
    // small file per extract.
    started = System.nanoTime();
    int tasks = 2 * warehouse.spark().sparkContext().defaultParallelism();
    TableRows.Read read = TableRows.withoutUnreadableFiles(raw.coalesce(tasks).localCheckpoint(true), ExtractReader.FILE_NAME);
    // A file that broke off while being read is rejected whole: half a municipality is no extract.
    rejected.addAll(read.rejected());
    readFiles.removeAll(read.rejected().stream().map(FileRejection::file).toList());
    read.rejected().forEach(r -> columnsByFile.remove(r.file()));
    raw = read.rows().drop(ExtractReader.FILE_NAME);
    LOG.info("read {} files in {} s", readFiles.size(), seconds(started));
    if (readFiles.isEmpty()) {
      return new Checked(files, ignored, rejected, columnsByFile, Map.of(), List.of(), null, List.of());
    }
    started = System.nanoTime();
    Dataset<Row> resolved = resolveDuplicates(check(raw)).localCheckpoint(true);
    LOG.info("checked, pseudonymised and de-duplicated the rows in {} s", seconds(started));
    // Per-file counts are a few rows: computed once, then written as the table and into the workbooks.
    Dataset<Row> counted = dataQuality(resolved, readFiles, rejected);
    StructType perFile = counted.schema().add("columns_matched", DataTypes.StringType).add("columns_unused", DataTypes.StringType)
        .add("columns_missing", DataTypes.StringType);
    List<Row> dataQuality = new ArrayList<>();
    for (Row row : counted.orderBy("kommunekode", "source_file").collectAsList()) {
      ColumnReport columns = columnsByFile.getOrDefault(row.<String>getAs("source_file"), ColumnReport.NONE);
      List<Object> values = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(row.toSeq()));
      values.add(String.join("; ", columns.matched()));
      values.add(String.join("; ", columns.unused()));
      values.add(String.join("; ", columns.missing()));
      dataQuality.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values.toArray(), perFile));
    }
    Dataset<Row> quarantined = resolved.where(col("reason_code").isNotNull());
    Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(Table.RAW_EXTRACT, raw);
    tables.put(Table.IDENTITY, resolved.where(col("reason_code").isNull().and(col("duplicate_rank").equalTo(1)))
        .select("person_key", "cpr", "navn", "telefon", "kommunekode"));
    tables.put(Table.QUARANTINE, quarantined
        .select(col("source_file"), col("source_row"), col("kommunekode"), col("reason_code"), col("reason_detail"),
            lit(QUARANTINE_STEP).as("step")));
    tables.put(Table.POPULATION, resolved.where(col("reason_code").isNull())
        .select(POPULATION_COLUMNS.stream().map(Column::new).toArray(Column[]::new)));
    tables.put(Table.DATA_QUALITY, warehouse.spark().createDataFrame(dataQuality, perFile));
    List<Row> unknown = resolved.where(col("exclusion_reason").equalTo(ExclusionReason.UNKNOWN_BENEFIT.code()))
        .groupBy("ydelse").agg(count(lit(1)).as("rows"), min(struct("source_file", "source_row")).as("first"))
        .orderBy(col("rows").desc(), col("ydelse")).collectAsList();
    return new Checked(files, ignored, rejected, columnsByFile, tables, dataQuality, quarantined, unknown);
  }

  /**
   * The quarantined rows for the workbooks, under the municipality of their file (a row's own
   * kommunekode may be the problem), sorted by that code, file and row, with the Danish detail that
   * the quarantine table does not keep.
   */
  public Iterator<Row> problemsByFile(Dataset<Row> quarantined, List<Row> dataQuality) {
    List<Row> fileCodes = new ArrayList<>();
    for (Row row : dataQuality) {
      if (row.getAs("kommunekode") != null) {
        fileCodes.add(RowFactory.create(row.<String>getAs("source_file"), row.<String>getAs("kommunekode")));
      }
    }
    Dataset<Row> codes = warehouse.spark().createDataFrame(fileCodes, new StructType()
        .add("source_file", DataTypes.StringType).add("file_kommunekode", DataTypes.StringType));
    return quarantined.join(functions.broadcast(codes), "source_file")
        .select(col("file_kommunekode").as("kommunekode"), col("source_file"), col("source_row"), col("reason_code"),
            col("reason_detail"), col("reason_detail_dansk"))
        .orderBy("kommunekode", "source_file", "source_row").toLocalIterator();
  }

  private static String seconds(long since) {
    return String.format("%.1f", (System.nanoTime() - since) / 1e9);
  }

  /** The row rules on every row, and the person_key of every valid CPR. */
  private Dataset<Row> check(Dataset<Row> raw) {
    return raw.mapPartitions(new CheckRows(new ExtractRowRules(survey), new Pseudonymizer(pseudonymKey)),
        Encoders.row(CHECKED_SCHEMA));
  }

  /**
   * One row per person (DESIGN.md §3): the latest dato_overgang, then the later latest conversation,
   * then the lowest source file and row. Every other row of the person is excluded as duplicate.
   */
  private static Dataset<Row> resolveDuplicates(Dataset<Row> checked) {
    WindowSpec byPerson = Window.partitionBy("person_key").orderBy(desc_nulls_last("dato_overgang"),
        desc_nulls_last("dato_seneste_samtale"), col("source_file"), col("source_row"));
    Column rank = when(col("reason_code").isNull(), row_number().over(byPerson));
    return checked.withColumn("duplicate_rank", rank)
        .withColumn("exclusion_reason", when(col("duplicate_rank").gt(1), lit(ExclusionReason.DUPLICATE.code()))
            .otherwise(col("exclusion_reason")))
        .withColumn("eligible", col("reason_code").isNull().and(col("exclusion_reason").isNull()));
  }

  /** Per file: rows read = accepted + quarantined, accepted = eligible + excluded, with every reason counted. */
  private Dataset<Row> dataQuality(Dataset<Row> resolved, List<String> readFiles, List<FileRejection> rejected) {
    List<Column> counts = new ArrayList<>();
    counts.add(count(lit(1)).as("rows_read"));
    counts.add(countWhere(col("reason_code").isNull()).as("rows_accepted"));
    counts.add(countWhere(col("reason_code").isNotNull()).as("rows_quarantined"));
    for (QuarantineReason reason : QuarantineReason.values()) {
      counts.add(countWhere(col("reason_code").equalTo(reason.code())).as(reason.code()));
    }
    counts.add(countWhere(col("cpr_repaired")).as("cpr_repaired"));
    counts.add(countWhere(col("cpr_substitute")).as("cpr_substitute"));
    counts.add(countWhere(col("phone_invalid")).as("phone_invalid"));
    counts.add(countWhere(col("eligible")).as("eligible"));
    counts.add(countWhere(col("exclusion_reason").isNotNull()).as("excluded"));
    for (ExclusionReason reason : ExclusionReason.values()) {
      counts.add(countWhere(col("exclusion_reason").equalTo(reason.code())).as("excluded_" + reason.code()));
    }
    for (BenefitGroup group : survey.groups()) {
      counts.add(countWhere(col("eligible").and(col("ydelsesgruppe").equalTo(group.id()))).as("eligible_" + group.id()));
    }
    // A file's municipality: the code most of its accepted rows carry (ties: the lowest code).
    Dataset<Row> perFileAndCode = resolved.groupBy("source_file", "kommunekode")
        .agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0]));
    List<String> countNames = new ArrayList<>(List.of(perFileAndCode.columns()).subList(2, perFileAndCode.columns().length));
    List<Column> sums = countNames.stream().map(name -> sum(name).cast(DataTypes.LongType).as(name)).toList();
    WindowSpec byFile = Window.partitionBy("source_file").orderBy(col("rows_accepted").desc(), col("kommunekode"));
    Dataset<Row> fileCode = perFileAndCode.where(col("kommunekode").isNotNull())
        .withColumn("rank", row_number().over(byFile)).where(col("rank").equalTo(1)).select("source_file", "kommunekode");
    Dataset<Row> perFile = perFileAndCode.groupBy("source_file").agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]));
    List<Column> ordered = new ArrayList<>(List.of(col("kommunekode"), col("source_file"),
        lit("read").as("file_status"), lit(null).cast(DataTypes.StringType).as("file_problem")));
    countNames.forEach(name -> ordered.add(col(name)));
    // A file none of whose rows has a municipality stays listed, with kommunekode null.
    Dataset<Row> read = perFile.join(fileCode, "source_file", "left").select(ordered.toArray(new Column[0]));
    // Every file of the folder is listed: rejected files, and files read with no data rows, with zeros.
    ExtractReader reader = new ExtractReader(warehouse.spark(), survey.ingest());
    List<Row> rejectedRows = new ArrayList<>();
    rejected.forEach(rejection -> rejectedRows.add(zeroRow(reader, rejection.file(), "rejected", rejection.problem(), countNames.size())));
    List<Row> readRows = new ArrayList<>();
    readFiles.forEach(file -> readRows.add(zeroRow(reader, file, "read", null, countNames.size())));
    Dataset<Row> readWithoutRows = warehouse.spark().createDataFrame(readRows, read.schema())
        .join(read.select("source_file"), "source_file", "left_anti");
    return read.unionByName(readWithoutRows).unionByName(warehouse.spark().createDataFrame(rejectedRows, read.schema()));
  }

  private static Row zeroRow(ExtractReader reader, String file, String status, String problem, int counts) {
    Object[] values = new Object[4 + counts];
    String code = reader.municipalityInName(file);
    values[0] = code != null && Municipalities.isKnown(code) ? code : null;
    values[1] = file;
    values[2] = status;
    values[3] = problem;
    for (int i = 4; i < values.length; i++) {
      values[i] = 0L;
    }
    return RowFactory.create(values);
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  /** Applies {@link ExtractRowRules} and the pseudonymisation to a partition of raw rows. */
  private static final class CheckRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ExtractRowRules rules;
    private final Pseudonymizer pseudonymizer;

    CheckRows(ExtractRowRules rules, Pseudonymizer pseudonymizer) {
      this.rules = rules;
      this.pseudonymizer = pseudonymizer;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row raw = rows.next();
          RawExtractRow input = new RawExtractRow(raw.getString(0), raw.getLong(1), raw.getString(2), raw.getString(3),
              raw.getString(4), raw.getString(5), raw.getString(6), raw.getString(7), raw.getString(8), raw.getString(9),
              raw.getString(10));
          CheckedRow c = rules.check(input);
          return RowFactory.create(input.sourceFile(), input.sourceRow(), c.kommunekode(), c.cpr(),
              c.cpr() == null ? null : pseudonymizer.personKey(c.cpr()), c.navn(), c.telefon(), c.ydelse(),
              c.ydelsesgruppe(), c.koen(), c.alder(), c.aldersgruppe(), sqlDate(c.datoOvergang()), c.varighedUger(),
              c.varighedMaaneder(), c.varighedsgruppe(), sqlDate(c.datoSenesteSamtale()), c.afsluttetForloeb(), c.passiv(),
              c.exclusionReason(), c.quarantineReason(), c.quarantineDetail(), c.quarantineDetailDansk(), c.cprRepaired(),
              c.cprSubstitute(), c.phoneInvalid());
        }
      };
    }

    private static Date sqlDate(LocalDate date) {
      return date == null ? null : Date.valueOf(date);
    }
  }
}
