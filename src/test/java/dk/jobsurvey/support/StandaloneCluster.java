package dk.jobsurvey.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1: one master and some workers, each a separate JVM started
 * from a Spark home whose {@code jars} folder is the class path of a stock installation. Workers
 * start their executors from that Spark home, as on a real cluster. {@link #close()} stops every
 * process it started.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final long STARTUP_SECONDS = 120;

  private final Path sparkHome;
  private final Path logs;
  private final List<Process> processes = new ArrayList<>();
  private final String masterUrl;

  /** Starts the master and {@code workers} workers with {@code coresPerWorker} cores each, and waits until all have registered. */
  public StandaloneCluster(Path sparkHome, Path logs, int workers, int coresPerWorker) throws Exception {
    this.sparkHome = sparkHome;
    this.logs = Files.createDirectories(logs);
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    start("master", "org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
        "--webui-port", String.valueOf(freePort())));
    awaitPort(port);
    for (int i = 1; i <= workers; i++) {
      Path work = Files.createDirectories(logs.resolve("worker-" + i + "-work"));
      Path log = start("worker-" + i, "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1",
          "--cores", String.valueOf(coresPerWorker), "--memory", "1536m", "--work-dir", work.toString(),
          "--webui-port", String.valueOf(freePort()), masterUrl));
      awaitLine(log, "Successfully registered with master");
    }
  }

  public String masterUrl() {
    return masterUrl;
  }

  /** The standard error of every executor the workers started (one file per executor). */
  public List<Path> executorLogs() throws IOException {
    try (var files = Files.walk(logs)) {
      return files.filter(file -> file.getFileName().toString().equals("stderr") && file.toString().contains("-work")).toList();
    }
  }

  private Path start(String name, String mainClass, List<String> arguments) throws IOException {
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(ChildJvm.java(List.of("-Xmx512m"), sparkHome.resolve("jars") + "/*", mainClass, arguments))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SPARK_HOME", sparkHome.toString());
    environment.put("SPARK_SCALA_VERSION", "2.13");
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    processes.add(builder.start());
    return log;
  }

  private void awaitLine(Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
    while (!Files.readString(log).contains(line)) {
      if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("the cluster did not start (waiting for \"" + line + "\"):\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  private void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !processes.get(0).isAlive()) {
          throw new IllegalStateException("the master did not start:\n" + Files.readString(logs.resolve("master.log")), notYet);
        }
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    // Workers (and their executors) first, the master last.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).descendants().forEach(ProcessHandle::destroyForcibly);
      processes.get(i).destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
