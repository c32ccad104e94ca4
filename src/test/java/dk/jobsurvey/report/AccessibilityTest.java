package dk.jobsurvey.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dk.jobsurvey.SparkTestSession;
import dk.jobsurvey.support.WeightedPipeline;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The national report page and a municipality's, as Debian's headless Chromium shows them, have no
 * violation of WCAG 2.1 level A and AA by the axe-core engine (Deque's axe.min.js, run through its
 * Selenium integration): the rules tagged wcag2a, wcag2aa, wcag21a and wcag21aa. Axe's "incomplete"
 * results (to be checked by a person) do not fail the test.
 *
 * <p>Debian's chromium with Debian's chromedriver of the same version (package chromium-driver; .ci/run
 * installs both, the test is skipped without them), started with the report step's {@link Chromium#FLAGS}.
 * Browser and driver are given, so Selenium Manager is skipped and downloads nothing.
 */
@ExtendWith(SparkTestSession.class)
class AccessibilityTest {
  static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
  /** Nodes listed per violated rule in a failure message. */
  static final int NODES_SHOWN = 3;
  static final File BROWSER = new File("/usr/bin/chromium");
  static final File DRIVER = new File("/usr/bin/chromedriver");

  /** The driver's log and the browser's profile. */
  @TempDir
  static Path folder;
  static ChromeDriver chromium;

  @BeforeAll
  static void reportsAndBrowser(SparkSession spark) throws Exception {
    if (!installed()) {
      return; // each test is skipped (a skip in @BeforeAll would not show in Surefire's counts)
    }
    // The pages of WriteReportsTest: the shared pipeline's report step, national page first.
    WriteReportsTest.reports(spark);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
        .withLogFile(folder.resolve("chromedriver.log").toFile()).withTimeout(Duration.ofSeconds(60)).build();
    ChromeOptions options = new ChromeOptions().setBinary(BROWSER);
    options.addArguments(Chromium.FLAGS);
    options.addArguments("--user-data-dir=" + folder.resolve("profile"), "--window-size=1100,1600");
    chromium = new ChromeDriver(service, options);
  }

  @BeforeEach
  void browserAndDriverInstalled() {
    Assumptions.assumeTrue(installed(), () -> "not installed: " + (BROWSER.canExecute() ? "" : BROWSER + " (Debian's chromium) ")
        + (DRIVER.canExecute() ? "" : DRIVER + " (Debian's chromium-driver) ") + "- .ci/run installs both");
  }

  static boolean installed() {
    return BROWSER.canExecute() && DRIVER.canExecute();
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.quit();
    }
  }

  @Test
  void theNationalPageHasNoWcag21AaViolation() {
    String page = WriteReportsTest.files.get(0);
    assertThat(page).endsWith("/landsrapport_" + WeightedPipeline.SURVEY.round() + ".html");
    assertNoViolation(page);
  }

  @Test
  void aMunicipalityPageHasNoWcag21AaViolation() {
    // Læsø (825), the first of the pipeline's three municipalities.
    String page = WriteReportsTest.files.stream()
        .filter(f -> f.endsWith("/825/rapport_825_" + WeightedPipeline.SURVEY.round() + ".html")).findFirst().orElseThrow();
    assertNoViolation(page);
  }

  static void assertNoViolation(String page) {
    chromium.get(page);
    assertThat(chromium.getTitle()).as("the page loaded").startsWith("Borgerundersøgelse");
    Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(chromium);
    assertThat(results.isErrored()).as("axe-core ran without error: %s", results.getErrorMessage()).isFalse();
    assertThat(results.getPasses()).as("rules axe-core checked and found passed").isNotEmpty();
    assertThat(results.getViolations()).withFailMessage(() -> String.format("%s: axe-core %s found %d WCAG 2.1 A/AA violations:%n%s",
        page, results.getTestEngine().getVersion(), results.getViolations().size(), describe(results.getViolations()))).isEmpty();
  }

  /** Each violated rule: id, impact, help text, how many nodes, the first nodes' selectors and axe's summary of the first. */
  static String describe(List<Rule> violations) {
    StringBuilder text = new StringBuilder();
    for (Rule rule : violations) {
      List<CheckedNode> nodes = rule.getNodes();
      text.append("- ").append(rule.getId()).append(" (").append(rule.getImpact()).append("): ").append(rule.getHelp())
          .append(" [").append(nodes.size()).append(nodes.size() == 1 ? " node" : " nodes").append(", ")
          .append(rule.getHelpUrl()).append("]\n");
      text.append(nodes.stream().limit(NODES_SHOWN).map(node -> "    " + node.getTarget()).collect(Collectors.joining("\n")))
          .append(nodes.size() > NODES_SHOWN ? "\n    …" : "").append('\n');
      if (!nodes.isEmpty() && nodes.get(0).getFailureSummary() != null) {
        text.append("    first: ").append(nodes.get(0).getFailureSummary().replace("\n", "\n      ")).append('\n');
      }
    }
    return text.toString();
  }
}
