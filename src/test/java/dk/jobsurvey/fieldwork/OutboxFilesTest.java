package dk.jobsurvey.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox CSV files are the dialect Danish Excel opens, and give back every value as written. */
class OutboxFilesTest {
  private static final List<String> HARMLESS = List.of("Anne Hansen", "Hej; se linket", "sagde \"hej\"",
      "første linje\rnæste linje", "linje 1\r\nlinje 2", " indrykket ", "2+3=5", "");

  @TempDir
  Path dir;

  private final FileSystem fs;

  OutboxFilesTest() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
  }

  @Test
  void textIsReadBackAsWritten() throws IOException {
    Path file = writeCsv(List.of("tekst"), HARMLESS.stream().map(List::of).toList());
    List<List<String>> read = readCsv(file);
    assertThat(read.subList(1, read.size())).containsExactlyElementsOf(HARMLESS.stream()
        .map(value -> Arrays.asList(value.isEmpty() ? null : value)).toList());
  }

  @Test
  void csvHasAByteOrderMarkSemicolonsCrlfAndQuotesOnlyWhereNeeded() throws IOException {
    Path file = writeCsv(List.of("navn", "tekst"),
        List.of(List.of("Åse Ørsted", "Hej; se linket"), List.of("Bo", "sagde \"hej\"")));
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
        .isEqualTo("navn;tekst\r\nÅse Ørsted;\"Hej; se linket\"\r\nBo;\"sagde \"\"hej\"\"\"\r\n");
  }

  private Path writeCsv(List<String> headers, List<List<String>> rows) throws IOException {
    Path file = dir.resolve("liste.csv");
    OutboxFiles.writeCsv(fs, new org.apache.hadoop.fs.Path(file.toString()), headers, rows);
    return file;
  }

  /** Every row of the file, parsed with the writer's dialect and nothing trimmed or rewritten. */
  private static List<List<String>> readCsv(Path file) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(';');
    settings.getFormat().setLineSeparator("\r\n");
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setIgnoreLeadingWhitespacesInQuotes(false);
    settings.setIgnoreTrailingWhitespacesInQuotes(false);
    settings.setSkipEmptyLines(false);
    try (InputStream in = Files.newInputStream(file)) {
      return new CsvParser(settings).parseAll(in, StandardCharsets.UTF_8).stream().map(Arrays::asList).toList();
    }
  }
}
