package dk.jobsurvey.jobs;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front door: {@code Launcher JOB [OPTIONS]} runs one job by name. jobs/submit.sh uses it, so
 * a cluster needs only {@code --class dk.jobsurvey.jobs.Launcher}; each job class also has its own
 * {@code main} for {@code spark-submit --class}.
 */
public final class Launcher {
  static final List<JobCommand> JOBS = List.of(
      GenerateJob.COMMAND, CreateKeysJob.COMMAND, IngestJob.COMMAND, CheckExtractJob.COMMAND, SampleJob.COMMAND, MailmergeJob.COMMAND,
      SimulateResponsesJob.COMMAND, ResponsesJob.COMMAND, MonitorJob.COMMAND, WeightJob.COMMAND, TabulateJob.COMMAND, ReportJob.COMMAND,
      PipelineJob.COMMAND, EraseJob.COMMAND, RakeCsvJob.COMMAND, EstimateCsvJob.COMMAND,
      BenchIngestJob.COMMAND, BenchSampleJob.COMMAND, BenchResponsesJob.COMMAND, BenchWeightJob.COMMAND, BenchWeightRobustnessJob.COMMAND,
      BenchTabulateJob.COMMAND, BenchPipelineJob.COMMAND, BenchVersusRJob.COMMAND, CompareWarehousesJob.COMMAND);

  private Launcher() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the named job; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, JobCommand> byName = new LinkedHashMap<>();
    JOBS.forEach(job -> byName.put(job.name(), job));
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(overview(byName));
      return args.length == 0 ? JobCommand.EXIT_USAGE : JobCommand.EXIT_OK;
    }
    JobCommand job = byName.get(args[0]);
    if (job == null) {
      err.println("jobsurvey: unknown job '" + args[0] + "'; jobs are " + String.join(", ", byName.keySet()));
      return JobCommand.EXIT_USAGE;
    }
    return job.run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }

  private static String overview(Map<String, JobCommand> byName) {
    StringBuilder text = new StringBuilder("Usage: jobs/submit.sh JOB [OPTIONS]   (JOB --help for its options)\n\nJobs:\n");
    byName.values().forEach(job -> text.append(String.format("  %-18s %s%n", job.name(), job.summary())));
    return text.toString();
  }
}
