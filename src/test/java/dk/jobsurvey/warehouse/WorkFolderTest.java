package dk.jobsurvey.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that start at the same moment on a fresh warehouse (two rounds' pipelines, say) each get
 * their work folder: one job's clean-up of abandoned folders never takes another's folder while it
 * is being made (ConcurrentRoundsTest once failed on "cannot read or write .../work/ID/.lock").
 */
class WorkFolderTest {
  @RepeatedTest(5)
  void foldersCreatedAtTheSameMomentAllSurviveTheOthersCleanUp(@TempDir Path warehouse) throws Exception {
    Path parent = warehouse.resolve("restricted/work");
    int jobs = 12;
    CyclicBarrier start = new CyclicBarrier(jobs);
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    List<Future<WorkFolder>> created = new ArrayList<>();
    try {
      for (int j = 0; j < jobs; j++) {
        created.add(pool.submit(() -> {
          start.await();
          return WorkFolder.create(parent);
        }));
      }
      List<WorkFolder> folders = new ArrayList<>();
      for (Future<WorkFolder> folder : created) {
        folders.add(folder.get());
      }
      for (WorkFolder folder : folders) {
        assertThat(folder.path().resolve(".lock")).exists();
      }
      assertThat(WorkFolder.removeAbandoned(parent)).hasSize(jobs);
      try (var children = Files.list(parent)) {
        assertThat(children.toList()).hasSize(jobs);
      }
      for (WorkFolder folder : folders) {
        folder.close();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
