package dk.jobsurvey.bench;

import dk.jobsurvey.warehouse.DeltaWrites;
import dk.jobsurvey.warehouse.SparkSessions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

/**
 * Where a step's time goes: per step (Spark job group "jobsurvey STEP"), its Spark jobs, the
 * stages that ran, the shuffles (stages that wrote shuffle output) and their bytes, the seconds
 * during which at least one of its Spark jobs ran, and its Delta commits with their seconds; the
 * rest of a step's time is the driver's own (configuration, math on aggregates, files, waiting on
 * the file system). Also the call sites that cost the most Spark time, to say what to cut next.
 */
public final class StepProfile extends SparkListener implements AutoCloseable {
  /** A step's figures. {@code sparkSeconds}: wall time covered by at least one of its Spark jobs. */
  public record Figures(int sparkJobs, int stages, int shuffles, long shuffleBytes, double sparkSeconds, int deltaCommits,
      double deltaSeconds, Map<String, Double> sparkSecondsByCallSite) {}

  private record JobStart(String group, String callSite, long startMillis) {}

  private final SparkSession spark;
  private final Map<Integer, JobStart> running = new ConcurrentHashMap<>();
  private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
  private final Map<String, List<long[]>> intervals = new HashMap<>();
  private final Map<String, Map<String, Double>> callSites = new HashMap<>();
  private final Map<String, int[]> jobsStagesShuffles = new HashMap<>();
  private final Map<String, long[]> shuffleBytes = new HashMap<>();
  private final Map<String, List<DeltaWrites.Commit>> commits = new HashMap<>();
  private final AutoCloseable commitListener;

  public StepProfile(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(this);
    commitListener = DeltaWrites.listen(commit -> {
      synchronized (commits) {
        commits.computeIfAbsent(step(commit.jobGroup()), g -> new ArrayList<>()).add(commit);
      }
    });
  }

  private static String step(String jobGroup) {
    return jobGroup == null ? "(none)" : jobGroup.startsWith(SparkSessions.JOB_GROUP_PREFIX)
        ? jobGroup.substring(SparkSessions.JOB_GROUP_PREFIX.length()) : jobGroup;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String group = step(start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id"));
    // The job's last stage is named by where the action was called ("save at Warehouse.java:430").
    String callSite = scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos()).stream()
        .max(java.util.Comparator.comparingInt(StageInfo::stageId)).map(StageInfo::name).orElse("?");
    running.put(start.jobId(), new JobStart(group, callSite, start.time()));
    scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds()).forEach(id -> stageGroups.put((Integer) id, group));
    synchronized (jobsStagesShuffles) {
      jobsStagesShuffles.computeIfAbsent(group, g -> new int[3])[0]++;
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    JobStart start = running.remove(end.jobId());
    if (start == null) {
      return;
    }
    synchronized (intervals) {
      intervals.computeIfAbsent(start.group(), g -> new ArrayList<>()).add(new long[] {start.startMillis(), end.time()});
      callSites.computeIfAbsent(start.group(), g -> new HashMap<>()).merge(start.callSite(), (end.time() - start.startMillis()) / 1000.0,
          Double::sum);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo stage = completed.stageInfo();
    String group = stageGroups.getOrDefault(stage.stageId(), "(none)");
    long written = stage.taskMetrics() == null ? 0 : stage.taskMetrics().shuffleWriteMetrics().bytesWritten();
    synchronized (jobsStagesShuffles) {
      int[] counts = jobsStagesShuffles.computeIfAbsent(group, g -> new int[3]);
      counts[1]++;
      if (written > 0) {
        counts[2]++;
        shuffleBytes.computeIfAbsent(group, g -> new long[1])[0] += written;
      }
    }
  }

  /** The figures of every step seen so far, once Spark's listener bus has delivered its events. */
  public Map<String, Figures> figures() {
    drain();
    Map<String, Figures> byStep = new TreeMap<>();
    synchronized (jobsStagesShuffles) {
      synchronized (intervals) {
        synchronized (commits) {
          java.util.Set<String> steps = new java.util.TreeSet<>(jobsStagesShuffles.keySet());
          steps.addAll(commits.keySet());
          for (String step : steps) {
            int[] counts = jobsStagesShuffles.getOrDefault(step, new int[3]);
            List<DeltaWrites.Commit> stepCommits = commits.getOrDefault(step, List.of());
            byStep.put(step, new Figures(counts[0], counts[1], counts[2], shuffleBytes.getOrDefault(step, new long[1])[0],
                covered(intervals.getOrDefault(step, List.of())), stepCommits.size(),
                stepCommits.stream().mapToDouble(DeltaWrites.Commit::seconds).sum(),
                Map.copyOf(callSites.getOrDefault(step, Map.of()))));
          }
        }
      }
    }
    return byStep;
  }

  /** Waits until Spark's listener bus has delivered every event posted so far. */
  private void drain() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not deliver its events within a minute", e);
    }
  }

  /** Seconds covered by the union of the intervals (jobs of one step may run side by side). */
  static double covered(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long total = 0;
    long end = Long.MIN_VALUE;
    for (long[] interval : sorted) {
      long from = Math.max(interval[0], end);
      if (interval[1] > from) {
        total += interval[1] - from;
      }
      end = Math.max(end, interval[1]);
    }
    return total / 1000.0;
  }

  /** Forgets everything seen so far (between two measured runs). */
  public void reset() {
    drain();
    synchronized (jobsStagesShuffles) {
      synchronized (intervals) {
        synchronized (commits) {
          jobsStagesShuffles.clear();
          shuffleBytes.clear();
          intervals.clear();
          callSites.clear();
          commits.clear();
          stageGroups.clear();
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    spark.sparkContext().removeSparkListener(this);
    commitListener.close();
  }
}
