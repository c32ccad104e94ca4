package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How extracts are read: header aliases, the municipality from a file name, CSV dialect, yes/no
 * words and date layouts (DESIGN.md §3).
 */
public record IngestSettings(
    String municipalityFromFileName,
    CsvSettings csv,
    HeaderAliases headers,
    Map<String, Map<String, String>> headerOverrides,
    List<String> requiredColumns,
    List<String> yesValues,
    List<String> noValues,
    List<String> dateFormats) {

  public IngestSettings {
    try {
      Pattern compiled = Pattern.compile(municipalityFromFileName);
      require(compiled.matcher("").groupCount() >= 1, "municipality_from_file_name",
          "a regular expression with one capturing group for the 3-digit code");
    } catch (PatternSyntaxException e) {
      throw new ConfigValueException("municipality_from_file_name", "a regular expression: " + e.getDescription());
    }
    for (Map.Entry<String, Map<String, String>> override : headerOverrides.entrySet()) {
      require(Municipalities.isKnown(override.getKey()), "header_overrides",
          "municipality codes (one of the 98, three digits, quoted) as keys, got '" + override.getKey() + "'");
      for (Map.Entry<String, String> column : override.getValue().entrySet()) {
        require(HeaderAliases.COLUMNS.contains(column.getKey()), "header_overrides",
            "columns among " + HeaderAliases.COLUMNS + " under " + override.getKey() + ", got '" + column.getKey() + "'");
        require(column.getValue() != null && !column.getValue().isBlank(), "header_overrides",
            "a header name for " + override.getKey() + " " + column.getKey());
      }
    }
    headerOverrides = Map.copyOf(headerOverrides);
    for (String column : requiredColumns) {
      require(HeaderAliases.COLUMNS.contains(column), "required_columns",
          "columns among " + HeaderAliases.COLUMNS + ", got '" + column + "'");
    }
    require(!yesValues.isEmpty(), "yes_values", "at least one word for yes");
    for (String yes : yesValues) {
      require(!noValues.contains(yes), "yes_values", "words that are not also in no_values, got '" + yes + "'");
    }
    require(!dateFormats.isEmpty(), "date_formats", "at least one date layout");
    for (String format : dateFormats) {
      try {
        DateTimeFormatter.ofPattern(format);
      } catch (IllegalArgumentException e) {
        throw new ConfigValueException("date_formats", "java.time date patterns, got '" + format + "'");
      }
    }
    requiredColumns = List.copyOf(requiredColumns);
    yesValues = List.copyOf(yesValues);
    noValues = List.copyOf(noValues);
    dateFormats = List.copyOf(dateFormats);
  }

  /** The configured headers of one municipality's extract, column → header (none: empty). */
  public Map<String, String> overridesFor(String kommunekode) {
    return kommunekode == null ? Map.of() : headerOverrides.getOrDefault(kommunekode, Map.of());
  }

  /** The municipality-code pattern for file names. */
  public Pattern fileNamePattern() {
    return Pattern.compile(municipalityFromFileName);
  }

  /**
   * @param separator {@code auto} or the one separator character
   * @param encoding {@code auto} or a charset name
   */
  public record CsvSettings(String separator, String encoding) {
    public CsvSettings {
      require(separator.equals("auto") || separator.length() == 1 || separator.equals("tab"), "separator",
          "auto, tab or one character, got '" + separator + "'");
      require(encoding.equals("auto") || java.nio.charset.Charset.isSupported(encoding), "encoding",
          "auto or a charset name the JVM knows, got '" + encoding + "'");
    }
  }
}
