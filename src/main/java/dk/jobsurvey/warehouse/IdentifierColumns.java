package dk.jobsurvey.warehouse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns hold direct identifiers (DESIGN.md §10): CPR numbers, names, phone numbers, survey
 * tokens and links, and free text as the respondent wrote it ({@code <item>_raw}). Such a column
 * may only be written to a table in restricted/; {@link Warehouse} asks here before every write.
 */
public final class IdentifierColumns {
  private static final Set<String> NAMES = Set.of("cpr", "navn", "telefon", "token", "survey_link");
  private static final String RAW_TEXT_SUFFIX = "_raw";

  private IdentifierColumns() {}

  public static boolean isIdentifier(String column) {
    String name = column.toLowerCase(Locale.ROOT);
    return NAMES.contains(name) || name.endsWith(RAW_TEXT_SUFFIX);
  }

  /** The identifier columns of a schema, in order. */
  public static List<String> in(StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).filter(IdentifierColumns::isIdentifier).toList();
  }

  /** Refuses a write of identifier columns to a table outside restricted/, naming the table and the columns. */
  public static void requireAllowed(Table table, StructType schema) {
    List<String> found = in(schema);
    if (table.zone() != Zone.RESTRICTED && !found.isEmpty()) {
      throw new IllegalStateException("Refusing to write " + table.zone().folder() + "/" + table.tableName()
          + ": identifier columns " + found + " may only be written to restricted/");
    }
  }
}
