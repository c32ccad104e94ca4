package dk.jobsurvey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON a benchmark writes is valid whatever its names and notes hold, and reads back as recorded. */
class BenchmarkReportTest {
  @Test
  void namesAndNotesWithQuotesAndBackslashesStayValidJson(@TempDir Path dir) throws Exception {
    BenchmarkReport report = new BenchmarkReport("a \"quoted\" benchmark");
    report.record("1x: read C:\\extracts \"as sent\"", 2.345, 1000);
    report.note("a note with \"quotes\", a backslash \\ and a line\nbreak");
    report.write(dir, "check");

    JsonNode json = new ObjectMapper().readTree(dir.resolve("check.json").toFile());
    assertThat(json.get("benchmark").asText()).isEqualTo("a \"quoted\" benchmark");
    JsonNode measurement = json.get("measurements").get(0);
    assertThat(measurement.get("name").asText()).isEqualTo("1x: read C:\\extracts \"as sent\"");
    assertThat(measurement.get("seconds").asDouble()).isEqualTo(2.35);
    assertThat(measurement.get("rows").asLong()).isEqualTo(1000);
    assertThat(measurement.get("rows_per_second").asLong()).isEqualTo(Math.round(1000 / 2.345));
    assertThat(json.get("notes").get(0).asText()).isEqualTo("a note with \"quotes\", a backslash \\ and a line\nbreak");
  }
}
