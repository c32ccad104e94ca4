package dk.jobsurvey.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The identifiers a test fed into the pipeline (CPR numbers, phone numbers, full names, survey
 * tokens), and where they turn up again: in a text, or in any file under a folder (Parquet data and
 * checkpoints read as tables, workbooks as cells, everything else as text). CPR and phone numbers
 * are found by their digits whatever separators were typed between them, and compared with the
 * input's own digits; a name is found as words of a text, case and punctuation aside.
 */
public final class KnownIdentifiers {
  /** Digits with any separators people type between the parts (the digits are compared with the input's). */
  public static final Pattern CPR = Pattern.compile("(?<![0-9])([0-9]{6})[^0-9A-Za-z|]{0,3}([0-9]{4})(?![0-9])");
  // Digits apart by what a phone number is written with (spaces, dots, dashes, slashes), not by a
  // table's ")" or "%": "(4-5) 35.5% 64.8" in a report is no phone number.
  public static final Pattern PHONE = Pattern.compile(
      "(?<![0-9])(?:\\+45[^0-9]{0,2})?((?:[0-9][\\s.\\-/\u00A0\u2010-\u2013]{0,2}){7}[0-9])(?![0-9])");
  private static final Pattern TOKEN = Pattern.compile("[0-9A-Z]{16}");

  private final Set<String> cprs = new HashSet<>();
  private final Set<String> phones = new HashSet<>();
  private final Set<String> names = new HashSet<>();
  private final Set<String> tokens = new HashSet<>();
  private int longestName = 2;

  /** A CPR number as the input wrote it: its ten digits, whatever is between them (nine: the leading zero a spreadsheet dropped). */
  public void addCpr(String value) {
    String digits = value == null ? "" : value.replaceAll("[^0-9]", "");
    if (digits.length() == 9) {
      digits = "0" + digits;
    }
    if (digits.length() == 10) {
      cprs.add(digits);
    }
  }

  /** A phone number as the input wrote it: its last eight digits (a +45 in front aside). */
  public void addPhone(String value) {
    String digits = value == null ? "" : value.replaceAll("[^0-9]", "");
    if (digits.length() >= 8) {
      phones.add(digits.substring(digits.length() - 8));
    }
  }

  /** A person's full name; a value of fewer than two words is no full name, and is not added. */
  public void addName(String value) {
    String name = value == null ? "" : normalName(value);
    if (name.contains(" ")) {
      names.add(name);
      longestName = Math.max(longestName, name.split(" ").length);
    }
  }

  public void addToken(String token) {
    tokens.add(token);
  }

  public Set<String> cprs() {
    return Set.copyOf(cprs);
  }

  public Set<String> phones() {
    return Set.copyOf(phones);
  }

  public Set<String> names() {
    return Set.copyOf(names);
  }

  public Set<String> tokens() {
    return Set.copyOf(tokens);
  }

  /** The known identifiers in a text, as they stand there (names folded). */
  public List<String> in(String text) {
    List<String> found = new ArrayList<>();
    collect(CPR, text, cprs, found);
    collect(PHONE, text, phones, found);
    Matcher token = TOKEN.matcher(text);
    while (token.find()) {
      if (tokens.contains(token.group())) {
        found.add("token " + token.group());
      }
    }
    List<String> words = List.of(normalName(text).split(" "));
    for (int n = 2; n <= longestName; n++) {
      for (int i = 0; i + n <= words.size(); i++) {
        String candidate = String.join(" ", words.subList(i, i + n));
        if (names.contains(candidate)) {
          found.add("name " + candidate);
        }
      }
    }
    return found;
  }

  /** The known identifiers in any file under {@code folder}: Parquet (data and checkpoints) read as tables, workbooks as cells, the rest as text. */
  public List<String> inFiles(SparkSession spark, Path folder) throws Exception {
    List<String> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    Map<Path, List<String>> parquetByFolder = new LinkedHashMap<>();
    for (Path file : filesUnder(folder)) {
      if (file.getFileName().toString().endsWith(".parquet")) {
        parquetByFolder.computeIfAbsent(file.getParent(), f -> new ArrayList<>()).add(file.toString());
      } else {
        in(textOf(file)).forEach(hit -> found.add(file + ": " + hit));
      }
    }
    for (var entry : parquetByFolder.entrySet()) {
      var rows = spark.read().option("mergeSchema", "true").parquet(entry.getValue().toArray(new String[0]));
      for (String row : TableText.rows(rows)) {
        in(row).forEach(hit -> found.add(entry.getKey() + ": " + hit));
      }
    }
    return found;
  }

  /** The known CPR numbers in any file under {@code folder}, each Parquet file read on its own. */
  public Set<String> cprsInFiles(SparkSession spark, Path folder) throws Exception {
    Set<String> found = new HashSet<>();
    for (Path file : filesUnder(folder)) {
      List<String> texts = file.getFileName().toString().endsWith(".parquet")
          ? TableText.rows(spark.read().parquet(file.toString())) : List.of(textOf(file));
      for (String text : texts) {
        List<String> hits = new ArrayList<>();
        collect(CPR, text, cprs, hits);
        hits.forEach(hit -> found.add(file + ": " + hit));
      }
    }
    return found;
  }

  /** A workbook's cells as Excel shows them, any other file as UTF-8 text. */
  public static String textOf(Path file) throws java.io.IOException {
    return file.getFileName().toString().endsWith(".xlsx") ? workbookText(file)
        : new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  /** Every cell of every sheet, a row a line. */
  public static String workbookText(Path file) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    DataFormatter formatter = new DataFormatter();
    try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
      for (Sheet sheet : workbook) {
        for (Row row : sheet) {
          for (Cell cell : row) {
            text.append(formatter.formatCellValue(cell)).append(' ');
          }
          text.append('\n');
        }
      }
    }
    return text.toString();
  }

  private static List<Path> filesUnder(Path folder) throws java.io.IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * A person_key (HMAC-SHA256 as 64 lower-case hex, with a letter), which the design allows outside
   * restricted/. Its digits are not a number of the input, though one may begin with the same eight
   * digits as someone's phone (it did, 1 run in many). Only this exact shape is skipped, so a CPR
   * glued to a shorter hex run is still found.
   */
  private static final Pattern DIGEST = Pattern.compile("(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])[0-9a-f]{64}(?![0-9A-Za-z])");

  private static void collect(Pattern pattern, String text, Set<String> known, List<String> found) {
    Matcher matcher = pattern.matcher(DIGEST.matcher(text).replaceAll(" "));
    while (matcher.find()) {
      String digits = matcher.group().replaceAll("[^0-9]", "").replaceFirst("^45(?=[0-9]{8}$)", "");
      if (known.contains(digits)) {
        found.add(matcher.group());
      }
    }
  }

  private static String normalName(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]+", " ").strip();
  }
}
