package dk.jobsurvey.config;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import dk.jobsurvey.jobs.JobCommand;
import dk.jobsurvey.jobs.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-configuration corpus (src/test/resources/bad-input/config/cases.tsv): each broken
 * configuration stops a job at once with the usage exit code and one line naming the key or file,
 * not a stack trace.
 */
class BadConfigCorpusTest {
  record Case(String name, String find, String replace, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws Exception {
    return Files.readAllLines(TestFiles.projectDir().resolve("src/test/resources/bad-input/config/cases.tsv"), StandardCharsets.UTF_8)
        .stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", -1))
        .map(cells -> new Case(cells[0], lineBreaks(cells[1]), lineBreaks(cells[2]), cells[3]));
  }

  /** A cell of cases.tsv writes a line break as \n, since a TSV line cannot hold one. */
  private static String lineBreaks(String cell) {
    return cell.replace("\\n", "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stopsWithOneLineNamingTheProblem(Case broken, @TempDir Path dir) throws Exception {
    String shipped = Files.readString(TestFiles.surveyConfig());
    assertThat(shipped).contains(broken.find());
    Path config = dir.resolve("survey.yaml");
    Files.writeString(config, shipped.replaceFirst(java.util.regex.Pattern.quote(broken.find()),
        java.util.regex.Matcher.quoteReplacement(broken.replace())));
    Files.createDirectories(dir.resolve("extracts"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Launcher.run(new String[] {"ingest", "--config", config.toString(), "--warehouse", dir.resolve("warehouse").toString(),
        "--input", dir.resolve("extracts").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(exit).as(message).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(message).contains(broken.message()).doesNotContain("\tat ");
    assertThat(message.lines()).hasSize(1);
    assertThat(Files.exists(dir.resolve("warehouse"))).isFalse();
  }
}
