package dk.jobsurvey.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Work on the driver that is one task per municipality (its outbox files, its data-quality
 * workbook, its report) run on every core of the driver rather than one: submitted in order, at
 * most two per thread waiting at a time (so a stream of municipalities is not all held in memory),
 * results in the order submitted. The first failure is thrown once every task has ended, so no
 * task still writes when the step restores its tables and discards its staged files.
 */
public final class DriverTasks<T> implements AutoCloseable {
  /** A task's work. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  private final ExecutorService pool;
  private final Semaphore room;
  private final List<Future<T>> submitted = new ArrayList<>();

  public DriverTasks(String name) {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    room = new Semaphore(2 * threads);
    pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "jobsurvey " + name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code work} on a free thread; waits while the others already have two tasks each. */
  public void submit(Work<T> work) {
    try {
      room.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to submit " + work, e);
    }
    Callable<T> task = () -> {
      try {
        return work.run();
      } finally {
        room.release();
      }
    };
    submitted.add(pool.submit(task));
  }

  /** Every task's result in the order submitted, once all have ended; the first failure, as it was thrown. */
  public List<T> results() throws IOException {
    List<T> results = new ArrayList<>();
    Throwable first = null;
    for (Future<T> future : submitted) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        first = first == null ? e.getCause() : first;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first = first == null ? e : first;
      }
    }
    submitted.clear();
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (first instanceof Error error) {
      throw error;
    }
    if (first != null) {
      throw new UncheckedIOException(new IOException(first));
    }
    return results;
  }

  /**
   * Lets the tasks already submitted end (when the submitting loop itself failed, they must not
   * write on while the step restores its tables), then stops the threads.
   */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
