package dk.jobsurvey.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The value gate (DESIGN.md §10): a write outside restricted/ fails when any text value looks like
 * a CPR or phone number ({@link IdentifierPatterns}), whatever the column is called, so an
 * identifier typed into the wrong column of an extract cannot reach analysis/ or published/. The
 * check runs inside the write's own Spark job (no extra scan): every text column is wrapped in an
 * expression that raises an error naming the table, the column and the kind of value, never the
 * value, and Delta then commits nothing.
 *
 * <p>A value that is wholly lowercase hex of 16 characters or more (person_key, a SHA-256 digest)
 * or a UUID (a run id) passes: its digits are not anyone's number.
 */
public final class IdentifierValues {
  private static final String MARKER = "jobsurvey identifier gate: ";
  private static final Pattern MESSAGE = Pattern.compile(Pattern.quote(MARKER) + "([a-z_]+/[a-z_]+)\\.(\\S+) holds (a [a-zA-Z ]+? number)");
  static final String DIGEST_OR_UUID = "^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$";
  private static final Pattern DIGEST = Pattern.compile(DIGEST_OR_UUID);
  /** The fewest ASCII digits any pattern of {@link IdentifierPatterns#regexes} can match: a phone number's eight. */
  static final int MIN_DIGITS = 8;
  /** {@link #gateKind} as a Spark function, one call per value and column, inside the write's own job. */
  private static final UserDefinedFunction GATE = functions.udf((UDF1<String, Integer>) IdentifierValues::gateKind,
      DataTypes.IntegerType);

  private IdentifierValues() {}

  /** A refused write: which table and column, and what kind of identifier; never the value. */
  public static final class IdentifierInOpenZoneException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    IdentifierInOpenZoneException(String table, String column, String kind, Throwable cause) {
      super("Refusing to write " + table + ": column " + column + " holds a value that looks like " + kind
          + " (the value is not shown; identifiers may only be written to restricted/). Check the extract's columns.", cause);
    }
  }

  /** The rows with every column wrapped in the gate; restricted tables pass unchanged. */
  public static Dataset<Row> guarded(Table table, Dataset<Row> rows) {
    if (table.zone() == Zone.RESTRICTED) {
      return rows;
    }
    List<Column> columns = new ArrayList<>();
    boolean any = false;
    for (StructField field : rows.schema().fields()) {
      Column value = col("`" + field.name() + "`");
      if (!holdsText(field.dataType())) {
        columns.add(value);
        continue;
      }
      any = true;
      Column cpr = holds(value, field.dataType(), IdentifierPatterns.Kind.CPR_NUMBER);
      Column phone = holds(value, field.dataType(), IdentifierPatterns.Kind.PHONE_NUMBER);
      String where = table.zone().folder() + "/" + table.tableName() + "." + field.name();
      columns.add(when(cpr, raise_error(lit(MARKER + where + " holds " + IdentifierPatterns.Kind.CPR_NUMBER.description())))
          .when(phone, raise_error(lit(MARKER + where + " holds " + IdentifierPatterns.Kind.PHONE_NUMBER.description())))
          .otherwise(value).as(field.name()));
    }
    return any ? rows.select(columns.toArray(new Column[0])) : rows;
  }

  /** The gate's refusal inside a failed write, if that is why it failed. */
  public static Optional<IdentifierInOpenZoneException> refusalIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = MESSAGE.matcher(t.getMessage());
        if (m.find()) {
          return Optional.of(new IdentifierInOpenZoneException(m.group(1), m.group(2), m.group(3), null));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A condition over every column of {@code schema}: true for a row in which any text value, at any
   * depth, looks like an identifier. For scans of files already on disk (the erase job's check).
   */
  public static Column anyIdentifier(org.apache.spark.sql.types.StructType schema) {
    Column any = lit(false);
    for (StructField field : schema.fields()) {
      if (holdsText(field.dataType())) {
        Column value = col("`" + field.name() + "`");
        any = any.or(holds(value, field.dataType(), IdentifierPatterns.Kind.CPR_NUMBER))
            .or(holds(value, field.dataType(), IdentifierPatterns.Kind.PHONE_NUMBER));
      }
    }
    return functions.coalesce(any, lit(false));
  }

  /** Whether values of this type can hold text (strings, or arrays, maps and structs of them). */
  private static boolean holdsText(DataType type) {
    if (type instanceof StructType struct) {
      return Arrays.stream(struct.fields()).anyMatch(f -> holdsText(f.dataType()));
    }
    if (type instanceof ArrayType array) {
      return holdsText(array.elementType());
    }
    if (type instanceof MapType map) {
      return holdsText(map.keyType()) || holdsText(map.valueType());
    }
    return type.equals(DataTypes.StringType);
  }

  /** A condition that is true when a value of a type that {@link #holdsText} holds the kind somewhere. */
  private static Column holds(Column value, DataType type, IdentifierPatterns.Kind kind) {
    if (type instanceof StructType struct) {
      Column any = lit(false);
      for (StructField field : struct.fields()) {
        if (holdsText(field.dataType())) {
          any = any.or(functions.coalesce(holds(value.getField(field.name()), field.dataType(), kind), lit(false)));
        }
      }
      return any;
    }
    if (type instanceof ArrayType array) {
      return exists(value, element -> holds(element, array.elementType(), kind));
    }
    if (type instanceof MapType map) {
      Column keys = holdsText(map.keyType()) ? exists(map_keys(value), k -> holds(k, map.keyType(), kind)) : lit(false);
      Column values = holdsText(map.valueType()) ? exists(map_values(value), v -> holds(v, map.valueType(), kind)) : lit(false);
      return keys.or(values);
    }
    return GATE.apply(value).equalTo(lit(kind.ordinal()));
  }

  /**
   * The kind of identifier a text value holds for the gate: the ordinal of its {@link IdentifierPatterns.Kind}, or -1
   * for none (and for null). Every pattern needs eight ASCII digits at least, so a value with fewer is passed without
   * a pattern tried: most values are names, codes and dates, and three searches with look-behinds per value were
   * most of a large write's time. Then as Spark's {@code rlike} would find them: CPR before phone, a digest or UUID
   * neither.
   */
  static int gateKind(String text) {
    if (text == null || !hasDigits(text, MIN_DIGITS)) {
      return -1;
    }
    if (DIGEST.matcher(text).find()) {
      return -1;
    }
    return IdentifierPatterns.find(text).map(Enum::ordinal).orElse(-1);
  }

  private static boolean hasDigits(String text, int wanted) {
    int found = 0;
    for (int i = 0; i < text.length() && found < wanted; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        found++;
      }
    }
    return found >= wanted;
  }
}
