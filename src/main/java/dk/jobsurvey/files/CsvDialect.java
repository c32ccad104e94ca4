package dk.jobsurvey.files;

import dk.jobsurvey.config.IngestSettings.CsvSettings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The encoding and separator of a CSV extract, from its first bytes: UTF-16 by its byte-order mark
 * (Excel's "Unicode text"), UTF-8 if they decode as UTF-8 (with or without a byte-order mark), else
 * Windows-1252, the encoding of Danish Windows systems (and a superset of ISO-8859-1's letters);
 * the header line is the first of the first non-blank lines that the caller's test accepts when
 * split by a separator (';', ',' or tab, the line's most frequent first), else the first line, split
 * by the separator it has most of.
 *
 * @param headerIndex the header line's 0-based index among all lines, blank lines included
 */
public record CsvDialect(Charset charset, char separator, String headerLine, int headerIndex) {

  public static CsvDialect detect(byte[] head, boolean truncated, CsvSettings settings, Predicate<List<String>> isHeader) {
    Charset charset = settings.encoding().equals("auto") ? detectCharset(head, truncated) : Charset.forName(settings.encoding());
    String text = new String(head, charset);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> all = text.lines().map(line -> line.replace("\r", "")).toList();
    List<Integer> nonBlank = new ArrayList<>();
    for (int i = 0; i < all.size() && nonBlank.size() < TabularFileReader.HEADER_SEARCH_ROWS; i++) {
      if (!all.get(i).isBlank()) {
        nonBlank.add(i);
      }
    }
    for (int i : nonBlank) {
      for (char separator : separators(all.get(i), settings)) {
        if (isHeader.test(TabularFileReader.splitHeader(all.get(i), separator))) {
          return new CsvDialect(charset, separator, all.get(i), i);
        }
      }
    }
    int first = nonBlank.isEmpty() ? 0 : nonBlank.get(0);
    String header = nonBlank.isEmpty() ? "" : all.get(first);
    return new CsvDialect(charset, separators(header, settings).get(0), header, first);
  }

  /** The configured separator, or the candidates, the most frequent in the line first. */
  private static List<Character> separators(String line, CsvSettings settings) {
    if (!settings.separator().equals("auto")) {
      return List.of(settings.separator().equals("tab") ? '\t' : settings.separator().charAt(0));
    }
    char most = mostFrequent(line);
    List<Character> all = new ArrayList<>(List.of(most));
    for (char candidate : new char[] {';', ',', '\t'}) {
      if (candidate != most) {
        all.add(candidate);
      }
    }
    return all;
  }

  private static Charset detectCharset(byte[] head, boolean truncated) {
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, truncated ? safeUtf8Length(head) : head.length));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return Charset.forName("windows-1252");
    }
  }

  /** Cuts a possibly split multi-byte character off the end of a truncated buffer. */
  private static int safeUtf8Length(byte[] head) {
    int end = head.length;
    int back = 0;
    while (end > 0 && back < 3 && (head[end - 1] & 0xC0) == 0x80) {
      end--;
      back++;
    }
    if (end > 0 && (head[end - 1] & 0xC0) == 0xC0) {
      end--;
    }
    return end;
  }

  private static char mostFrequent(String header) {
    char best = ';';
    long bestCount = -1;
    for (char candidate : new char[] {';', ',', '\t'}) {
      long count = header.chars().filter(c -> c == candidate).count();
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }
}
