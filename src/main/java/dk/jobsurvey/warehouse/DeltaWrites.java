package dk.jobsurvey.warehouse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every Delta commit the warehouse makes (write, append, merge, restore), with its seconds and the
 * Spark job group it ran under (the step: "jobsurvey weight"), for whoever listens: the pipeline
 * benchmark counts a step's commits and their time. Without listeners a commit costs one clock read.
 */
public final class DeltaWrites {
  /** One commit: the table, the operation, the job group of the step and the seconds it took (its Spark job included). */
  public record Commit(Table table, String operation, String jobGroup, double seconds) {}

  private static final List<Consumer<Commit>> LISTENERS = new CopyOnWriteArrayList<>();

  private DeltaWrites() {}

  /** Listens from now on; the returned handle stops it. */
  public static AutoCloseable listen(Consumer<Commit> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  static void committed(Table table, String operation, String jobGroup, long startedNanos) {
    if (LISTENERS.isEmpty()) {
      return;
    }
    Commit commit = new Commit(table, operation, jobGroup, (System.nanoTime() - startedNanos) / 1e9);
    LISTENERS.forEach(listener -> listener.accept(commit));
  }
}
