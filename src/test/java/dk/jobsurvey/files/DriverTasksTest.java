package dk.jobsurvey.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tasks run side by side, results come back in submission order, and a failure waits for the others to end. */
class DriverTasksTest {
  @Test
  void resultsComeInTheOrderSubmittedWhateverOrderTheTasksEndIn() throws Exception {
    try (DriverTasks<Integer> tasks = new DriverTasks<>("test")) {
      for (int i = 0; i < 20; i++) {
        int n = i;
        // Early tasks sleep longest, so they end last.
        tasks.submit(() -> {
          sleep(20 - n);
          return n;
        });
      }
      assertThat(tasks.results()).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }
  }

  @Test
  void theFirstFailureIsThrownAsItWasOnceEveryTaskHasEnded() {
    AtomicInteger ended = new AtomicInteger();
    try (DriverTasks<Integer> tasks = new DriverTasks<>("test")) {
      tasks.submit(() -> {
        throw new IOException("disk full");
      });
      for (int i = 0; i < 5; i++) {
        tasks.submit(() -> {
          sleep(30);
          return ended.incrementAndGet();
        });
      }
      assertThatThrownBy(tasks::results).isInstanceOf(IOException.class).hasMessage("disk full");
      assertThat(ended).as("no task still running when the failure is thrown").hasValue(5);
    }
  }

  @Test
  void anErrorInATaskIsThrownAsAnError() {
    try (DriverTasks<Integer> tasks = new DriverTasks<>("test")) {
      tasks.submit(() -> {
        throw new OutOfMemoryError("simulated");
      });
      assertThatThrownBy(tasks::results).isInstanceOf(OutOfMemoryError.class);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void submittingWaitsWhileEveryThreadHasTwoTasks() throws Exception {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger submitted = new AtomicInteger();
    try (DriverTasks<Integer> tasks = new DriverTasks<>("test")) {
      Thread submitter = new Thread(() -> {
        for (int i = 0; i < 2 * threads + 3; i++) {
          tasks.submit(() -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 0;
          });
          submitted.incrementAndGet();
        }
      });
      submitter.start();
      Thread.sleep(300);
      assertThat(submitted).as("held back once every thread has two tasks").hasValue(2 * threads);
      release.countDown();
      submitter.join(10_000);
      assertThat(submitted).hasValue(2 * threads + 3);
      assertThat(tasks.results()).hasSize(2 * threads + 3);
    }
  }
}
