package dk.jobsurvey.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 98 Danish municipalities (Statistics Denmark codes, population 1 January 2020), shipped as
 * reference/kommuner.csv: used to validate municipality codes and to size synthetic extracts.
 */
public final class Municipalities {
  private static final String RESOURCE = "/reference/kommuner.csv";
  private static final Map<String, Municipality> BY_CODE = load();

  /** A municipality: 3-digit code as Statistics Denmark writes it, name, region, population. */
  public record Municipality(String code, String name, String region, int population) {}

  private Municipalities() {}

  /** All 98, in the order of the reference file. */
  public static List<Municipality> all() {
    return List.copyOf(BY_CODE.values());
  }

  public static Optional<Municipality> byCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  public static boolean isKnown(String code) {
    return BY_CODE.containsKey(code);
  }

  private static Map<String, Municipality> load() {
    try (InputStream in = Municipalities.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The jar lacks " + RESOURCE + "; rebuild with mvn package");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>(reader.lines().toList());
      Map<String, Municipality> byCode = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", -1);
        byCode.put(cells[0], new Municipality(cells[0], cells[1], cells[2], Integer.parseInt(cells[3])));
      }
      return Collections.unmodifiableMap(byCode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
