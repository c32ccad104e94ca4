package dk.jobsurvey.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One headless Chromium that prints many pages to PDF, driven over the DevTools protocol: started
 * once (about a second), then each page is loaded and printed in a tab (a fraction of a second),
 * where starting Chromium per page cost a second each. The protocol runs over a pipe
 * ({@code --remote-debugging-pipe}: Chromium reads commands on file descriptor 3 and answers on 4,
 * each message JSON ended by a NUL), never a network port another user of the machine could reach
 * (a browser that can read files would read restricted/ too). The print settings are those of
 * Chromium's own {@code --print-to-pdf --no-pdf-header-footer}: the page's print style, A4 from its
 * {@code @page}, backgrounds printed (the same pages, pixel for pixel).
 */
final class PdfPrinter implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(PdfPrinter.class);
  private static final long TIMEOUT_SECONDS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path executable;
  private final Process process;
  private final Path profile;
  private final Path log;
  private final OutputStream commands;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
  /** Per tab's session: completed when its page has loaded. */
  private final Map<String, CompletableFuture<Void>> loads = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Queue<Tab> idleTabs = new ConcurrentLinkedQueue<>();

  private PdfPrinter(Path executable, Process process, Path profile, Path log) {
    this.executable = executable;
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.commands = process.getOutputStream();
    Thread reader = new Thread(this::readReplies, "chromium devtools");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts Chromium with a fresh profile; its messages go to a log in that profile's folder. */
  static PdfPrinter start(Path executable, List<String> flags) throws IOException {
    Path profile = Files.createTempDirectory("jobsurvey-chromium");
    Path log = profile.resolve("chromium.log");
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
        // Descriptors 3 and 4 are the two pipes Java gave as stdin and stdout; Chromium's own stdout is discarded.
        "exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null", executable.toString()));
    command.addAll(flags);
    command.addAll(List.of("--remote-debugging-pipe", "--user-data-dir=" + profile.resolve("profile"), "about:blank"));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    PdfPrinter printer = new PdfPrinter(executable, process, profile, log);
    try {
      printer.send(null, "Browser.getVersion", JSON.createObjectNode());
    } catch (IOException e) {
      printer.close();
      throw e;
    }
    return printer;
  }

  /**
   * Prints {@code html} (a local file) to PDF; returns its bytes. Each calling thread's page loads in
   * a tab another print has finished with, when there is one: a new tab starts a renderer process
   * (about a quarter of a second each); a tab whose print failed is closed, not reused.
   */
  byte[] print(Path html) throws IOException {
    Tab tab = idleTabs.poll();
    if (tab == null) {
      tab = openTab();
    }
    boolean printed = false;
    try {
      CompletableFuture<Void> loaded = new CompletableFuture<>();
      loads.put(tab.session(), loaded);
      JsonNode navigated = send(tab.session(), "Page.navigate", JSON.createObjectNode().put("url", html.toUri().toString()));
      if (navigated.hasNonNull("errorText")) {
        throw failure("could not open " + html + ": " + navigated.path("errorText").asText());
      }
      await(loaded, "load " + html);
      ObjectNode settings = JSON.createObjectNode().put("displayHeaderFooter", false).put("printBackground", true)
          .put("preferCSSPageSize", true).put("transferMode", "ReturnAsBase64");
      byte[] pdf = Base64.getDecoder().decode(send(tab.session(), "Page.printToPDF", settings).path("data").asText());
      printed = true;
      return pdf;
    } finally {
      loads.remove(tab.session());
      if (printed) {
        idleTabs.add(tab);
      } else {
        send(null, "Target.closeTarget", JSON.createObjectNode().put("targetId", tab.target()));
      }
    }
  }

  /** A tab and the DevTools session attached to it. */
  private record Tab(String target, String session) {}

  private Tab openTab() throws IOException {
    String target = send(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank")).path("targetId").asText();
    String session = send(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true))
        .path("sessionId").asText();
    send(session, "Page.enable", JSON.createObjectNode());
    return new Tab(target, session);
  }

  private JsonNode send(String session, String method, ObjectNode params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    replies.put(id, reply);
    try {
      synchronized (commands) {
        commands.write(JSON.writeValueAsBytes(message));
        commands.write(0);
        commands.flush();
      }
    } catch (IOException e) {
      replies.remove(id);
      throw failure("Chromium stopped reading (" + e.getMessage() + ")");
    }
    JsonNode answer = await(reply, method);
    if (answer.has("error")) {
      throw failure(method + ": " + answer.path("error").path("message").asText());
    }
    return answer.path("result");
  }

  private <T> T await(CompletableFuture<T> future, String what) throws IOException {
    try {
      // Fails at once when Chromium ends before answering.
      CompletableFuture.anyOf(future, ended).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return future.get();
    } catch (TimeoutException e) {
      throw failure("no answer to " + what + " within " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while Chromium printed", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause().getMessage());
    }
  }

  /** Reads Chromium's messages until the pipe closes: replies to their commands, load events to their tabs. */
  private void readReplies() {
    try (InputStream in = process.getInputStream()) {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == 0) {
            message.write(buffer, from, i - from);
            dispatch(JSON.readTree(message.toByteArray()));
            message.reset();
            from = i + 1;
          }
        }
        message.write(buffer, from, n - from);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("reading Chromium's DevTools pipe ended", e);
    } finally {
      ended.completeExceptionally(new IOException("Chromium ended"));
      replies.values().forEach(reply -> reply.completeExceptionally(new IOException("Chromium ended")));
      loads.values().forEach(load -> load.completeExceptionally(new IOException("Chromium ended")));
    }
  }

  private void dispatch(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = replies.remove(message.path("id").asInt());
      if (reply != null) {
        reply.complete(message);
      }
    } else if ("Page.loadEventFired".equals(message.path("method").asText())) {
      CompletableFuture<Void> load = loads.get(message.path("sessionId").asText());
      if (load != null) {
        load.complete(null);
      }
    }
  }

  /** A failure with the exit code and the last lines of Chromium's log, when it has ended. */
  private IOException failure(String problem) {
    String exit = "";
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        exit = " (exit " + process.exitValue() + ")";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> lines;
    try {
      // Chromium's log is not always UTF-8: decoded leniently, so its last lines reach the message.
      lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      lines = List.of();
    }
    return new IOException(executable + " could not print" + exit + ": " + problem + " | "
        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
  }

  @Override
  public void close() {
    try {
      if (!ended.isDone()) {
        try {
          send(null, "Browser.close", JSON.createObjectNode());
        } catch (IOException alreadyEnding) {
          LOG.debug("Chromium ended before it was asked to", alreadyEnding);
        }
      }
      commands.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      // Best effort: a profile left in the temp folder must not hide why printing failed.
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException | java.io.UncheckedIOException e) {
        LOG.warn("Could not remove Chromium's temporary profile {}: {}", profile, e.getMessage());
      }
    }
  }
}
