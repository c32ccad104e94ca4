package dk.jobsurvey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' arrows point down only: a package uses (imports or names in full) only packages
 * below it in {@link #LAYERS}, so the stages can be read, tested and reused from the bottom up.
 */
class LayersTest {
  /** Top to bottom: the jobs call everything; config and warehouse are used by all. */
  static final List<String> LAYERS = List.of("jobs", "bench", "synth", "report", "estimate", "weight", "responses",
      "fieldwork", "sample", "erase", "ingest", "files", "publish", "warehouse", "config");
  private static final Pattern USE = Pattern.compile("dk\\.jobsurvey\\.([a-z]+)\\.[A-Z]");

  @Test
  void everyPackageUsesOnlyPackagesBelowIt() throws IOException {
    Path main = TestFiles.projectDir().resolve("src/main/java/dk/jobsurvey");
    List<String> upward = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String own = main.relativize(file).getName(0).toString();
        packages.add(own);
        Matcher use = USE.matcher(Files.readString(file));
        while (use.find()) {
          String used = use.group(1);
          if (!used.equals(own) && LAYERS.indexOf(used) <= LAYERS.indexOf(own)) {
            upward.add(main.relativize(file) + " uses " + used);
          }
        }
      }
    }
    assertThat(LAYERS).as("every package has its layer").containsAll(packages.stream().distinct().toList());
    assertThat(upward).as("uses of a package at or above the user's layer").isEmpty();
  }
}
