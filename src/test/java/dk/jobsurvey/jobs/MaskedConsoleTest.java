package dk.jobsurvey.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every line a job prints is masked, also a number written in pieces, and ordinary numbers stay. */
class MaskedConsoleTest {

  @Test
  void identifiersAreMaskedLineByLineAndOrdinaryNumbersStay() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream console = MaskedConsole.over(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      console.println("  12  6101901234 (unknown)");
      console.print("ring 22 33 ");
      console.print("44 55 i morgen");
      console.println();
      console.printf("ingest 2023Q2: 9 files read, 2023-08-01, 1.234 rows in 12.5 s%n");
      console.print("no line end at the close: 610190\u20111234");
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("  12  [CPR] (unknown)\n"
        + "ring [TELEFON] i morgen\n"
        + "ingest 2023Q2: 9 files read, 2023-08-01, 1.234 rows in 12.5 s\n"
        + "no line end at the close: [CPR]");
  }
}
