package dk.jobsurvey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's argument handling: every user mistake is one line and a non-zero exit. */
class LauncherTest {
  @TempDir
  Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome launch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String config() {
    return TestFiles.surveyConfig().toString();
  }

  private static String questionnaire() {
    return TestFiles.questionnaireConfig().toString();
  }

  @Test
  void unknownJobListsTheJobs() {
    Outcome outcome = launch("ingset");
    assertThat(outcome.exitCode()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(outcome.err()).startsWith("jobsurvey: unknown job 'ingset'; jobs are generate, create-keys, ingest");
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void noArgumentsShowsTheOverviewAndFails() {
    Outcome outcome = launch();
    assertThat(outcome.exitCode()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(outcome.out()).contains("Usage: jobs/submit.sh JOB").contains("generate");
  }

  @Test
  void helpShowsEveryOptionWithItsDefault() {
    Outcome outcome = launch("generate", "--help");
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).contains("--config FILE", "(default: conf/survey.yaml)", "--round ROUND", "--warehouse DIR",
        "--municipalities WHICH", "(default: pilot)");
  }

  @Test
  void unknownOptionIsOneLine() {
    Outcome outcome = launch("generate", "--municipality", "all");
    assertThat(outcome.exitCode()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(outcome.err()).startsWith("jobsurvey generate: unknown option --municipality;").contains("--municipalities");
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void optionWithoutValueIsOneLine() {
    Outcome outcome = launch("generate", "--out");
    assertThat(outcome.exitCode()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(outcome.err()).contains("--out needs a value (DIR)");
  }

  @Test
  void strayArgumentAndRepeatedOptionAreRejected() {
    assertThat(launch("generate", "all").err()).contains("unexpected argument 'all'");
    assertThat(launch("generate", "--seed", "1", "--seed=2").err()).contains("--seed is given twice");
  }

  @Test
  void badValuesNameTheOption() {
    assertThat(launch("generate", "--config", config(), "--questionnaire", questionnaire(), "--scale", "big").err())
        .contains("--scale: expected a number, got 'big'");
    assertThat(launch("generate", "--config", config(), "--questionnaire", questionnaire(), "--round", "2023-2").err())
        .contains("--round: expected a year and quarter like 2023Q2, got '2023-2'");
    assertThat(launch("generate", "--config", config(), "--questionnaire", questionnaire(), "--municipalities", "999").err())
        .contains("'999' is not a municipality code");
  }

  @Test
  void missingConfigurationIsOneLineNotAStackTrace() {
    Outcome outcome = launch("generate", "--config", dir.resolve("missing.yaml").toString());
    assertThat(outcome.exitCode()).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(outcome.err()).contains("configuration error:", "missing.yaml: file not found");
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void requiredOptionIsNamedWhenMissing() {
    JobCommand command = JobCommand.of("probe", "test", List.of(JobOption.required("input", "DIR", "extracts")), (args, out) -> { });
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(JobCommand.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --input DIR (extracts)");
  }

  @Test
  void equalsFormAndFlagsAreParsed() {
    JobCommand command = JobCommand.of("probe", "test",
        List.of(JobOption.flag("force", "rerun"), JobOption.optional("letter", "NAME", "which letter", "invitation")), (args, out) -> { });
    JobArgs args = command.parse(new String[] {"--force", "--round=2024Q1"});
    assertThat(args.flag("force")).isTrue();
    assertThat(args.value("round")).isEqualTo("2024Q1");
    assertThat(args.value("letter")).isEqualTo("invitation");
    assertThat(args.value("warehouse")).isEqualTo("warehouse");
    assertThat(args.optional("round")).contains("2024Q1");
  }

  @Test
  void generateRunsThroughTheLauncher() throws Exception {
    Path out = dir.resolve("extracts");
    Outcome outcome = launch("generate", "--config", config(), "--questionnaire", questionnaire(),
        "--municipalities", "825,563", "--out", out.toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("generate: 2 extracts (1 xlsx, 1 csv)").contains("Extracts written to " + out.toAbsolutePath().normalize());
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("825_Læsø_udtraek_2023Q2.xlsx");
    }
  }
}
