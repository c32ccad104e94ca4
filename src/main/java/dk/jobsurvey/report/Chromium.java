package dk.jobsurvey.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Headless Chromium, which prints each HTML report to an A4 PDF (many municipalities circulate
 * PDFs): the page's own print style, no header or footer; one browser prints them all
 * ({@link PdfPrinter}). Found at {@code JOBSURVEY_CHROMIUM}, else
 * as Debian's {@code /usr/bin/chromium}; without it reports come without PDFs and the job says so.
 *
 * <p>The flags keep it off the network (the reports need none) and start a fresh profile each time;
 * the sandbox is off because batch jobs often run as root, and the pages are our own, without scripts.
 */
public final class Chromium {
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");
  private static final List<String> KNOWN = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final long TIMEOUT_SECONDS = 120;
  private static final Logger LOG = LogManager.getLogger(Chromium.class);

  private final Path executable;

  Chromium(Path executable) {
    this.executable = executable;
  }

  /** {@code JOBSURVEY_CHROMIUM} if set, else the first known install; empty when there is none. */
  public static Optional<Chromium> find() {
    String configured = System.getenv("JOBSURVEY_CHROMIUM");
    Stream<String> candidates = configured == null || configured.isBlank() ? KNOWN.stream() : Stream.of(configured);
    return candidates.map(Path::of).filter(Files::isExecutable).findFirst().map(Chromium::new);
  }

  public Path executable() {
    return executable;
  }

  /** A running Chromium that prints many pages to PDF in A4, as their print style lays them out; close it when done. */
  PdfPrinter startPrinting() throws IOException {
    return PdfPrinter.start(executable, FLAGS);
  }

  /** A PNG of {@code html} at the given window size (for screenshots of the reports). */
  void screenshot(Path html, Path png, int width, int height) throws IOException {
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png), html, png);
  }

  private void run(List<String> output, Path html, Path result) throws IOException {
    Path profile = Files.createTempDirectory("jobsurvey-chromium");
    Path log = profile.resolve("chromium.log");
    try {
      List<String> command = new ArrayList<>(List.of(executable.toString()));
      command.addAll(FLAGS);
      command.add("--user-data-dir=" + profile.resolve("profile"));
      command.addAll(output);
      command.add(html.toUri().toString());
      Files.deleteIfExists(result);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean ended;
      try {
        ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        stop(process);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while Chromium printed " + html, e);
      }
      if (!ended) {
        stop(process);
        throw new IOException("Chromium did not finish " + html + " within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(result) || Files.size(result) == 0) {
        // Chromium's log is not always UTF-8: decoded leniently, so its last lines reach the message.
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        throw new IOException(executable + " could not print " + html + " (exit " + process.exitValue() + "): "
            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
      }
    } finally {
      // Best effort: a profile left in the temp folder must not hide why printing failed.
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("Could not remove Chromium's temporary profile {}: {}", profile, e.getMessage());
      }
    }
  }

  /** Chromium starts helper processes of its own: they go too. */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
