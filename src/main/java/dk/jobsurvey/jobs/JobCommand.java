package dk.jobsurvey.jobs;

import dk.jobsurvey.config.ConfigException;
import dk.jobsurvey.warehouse.MissingTableException;
import dk.jobsurvey.warehouse.StaleInputException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A job as the command line sees it: its name, a one-line summary, its options (the common ones
 * first) and what it does. {@link #run} parses the arguments, runs the job and turns every failure
 * the user can act on into one line and an exit code, never a stack trace.
 */
public record JobCommand(String name, String summary, List<JobOption> options, Body body) {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  private static final Logger LOG = LogManager.getLogger(JobCommand.class);

  /** What a job does with its parsed options; its summary for the user goes to {@code out}. */
  @FunctionalInterface
  public interface Body {
    void run(JobArgs args, PrintStream out) throws Exception;
  }

  /** Options every job takes. */
  public static final List<JobOption> COMMON_OPTIONS = List.of(
      JobOption.optional("config", "FILE", "survey configuration", "conf/survey.yaml"),
      JobOption.optional("questionnaire", "FILE", "questionnaire items and themes", "conf/questionnaire.yaml"),
      JobOption.optional("round", "ROUND", "survey round like 2023Q2 (default: round in --config)", ""),
      JobOption.optional("warehouse", "DIR", "root of the Delta tables (restricted/, analysis/, published/)", "warehouse"));

  /** A job with the common options followed by its own. */
  public static JobCommand of(String name, String summary, List<JobOption> jobOptions, Body body) {
    List<JobOption> all = new ArrayList<>(COMMON_OPTIONS);
    all.addAll(jobOptions);
    return new JobCommand(name, summary, List.copyOf(all), body);
  }

  /** Parses, runs and reports; returns the process exit code. Every line printed is masked ({@link MaskedConsole}). */
  public int run(String[] args, PrintStream out, PrintStream err) {
    PrintStream maskedOut = MaskedConsole.over(out);
    PrintStream maskedErr = MaskedConsole.over(err);
    try {
      return runMasked(args, maskedOut, maskedErr);
    } finally {
      maskedOut.close();
      maskedErr.close();
    }
  }

  private int runMasked(String[] args, PrintStream out, PrintStream err) {
    JobArgs parsed;
    try {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        out.print(usage());
        return EXIT_OK;
      }
      parsed = parse(args);
    } catch (UsageException e) {
      err.println("jobsurvey " + name + ": " + e.getMessage() + " (see --help)");
      return EXIT_USAGE;
    }
    try {
      body.run(parsed, out);
      return EXIT_OK;
    } catch (Exception | Error e) {
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      return report(name, e, err);
    }
  }

  /**
   * The exit code a job's failure ends the process with: 2 for what the user must change first
   * (options, configuration, a step not yet run, stale input), a job's own code, 1 for the rest.
   */
  static int exitCode(Throwable failure) {
    if (failure instanceof JobFailedException failed) {
      return failed.exitCode();
    }
    return failure instanceof UsageException || failure instanceof ConfigException || failure instanceof MissingTableException
        || failure instanceof StaleInputException ? EXIT_USAGE : EXIT_FAILED;
  }

  /** Tells the user in one line why job {@code name} failed, and returns its exit code. */
  static int report(String name, Throwable e, PrintStream err) {
    if (e instanceof UsageException) {
      err.println("jobsurvey " + name + ": " + e.getMessage() + " (see --help)");
    } else if (e instanceof ConfigException) {
      err.println("jobsurvey " + name + ": configuration error: " + e.getMessage());
    } else if (exitCode(e) != EXIT_FAILED || e instanceof JobFailedException) {
      err.println("jobsurvey " + name + ": " + e.getMessage());
    } else {
      // Hadoop reports a full disk as an Error (FSError): one line too, with the cause.
      Throwable cause = rootCause(e);
      if (cause instanceof java.io.IOException) {
        // The machine, not the code: a full disk, a permission, a read-only folder. One line says it all.
        LOG.debug("jobsurvey {} failed", name, e);
        err.println("jobsurvey " + name + " failed: cannot read or write a file: " + firstLine(cause)
            + " (the step's tables are as they were before it)");
      } else {
        LOG.error("jobsurvey {} failed", name, e);
        err.println("jobsurvey " + name + " failed: " + cause.getClass().getSimpleName() + ": " + firstLine(cause));
      }
    }
    return exitCode(e);
  }

  /** The innermost cause: Spark wraps a task's failure in several layers whose messages repeat its stack trace. */
  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String firstLine(Throwable cause) {
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  JobArgs parse(String[] args) {
    Map<String, JobOption> byName = new LinkedHashMap<>();
    options.forEach(o -> byName.put(o.name(), o));
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'; options start with --");
      }
      String key = arg.substring(2);
      String inlineValue = null;
      int equals = key.indexOf('=');
      if (equals >= 0) {
        inlineValue = key.substring(equals + 1);
        key = key.substring(0, equals);
      }
      JobOption option = byName.get(key);
      if (option == null) {
        throw new UsageException("unknown option --" + key + "; options are " + byName.keySet().stream().map(n -> "--" + n).toList());
      }
      if (option.isFlag()) {
        if (inlineValue != null) {
          throw new UsageException("--" + key + " takes no value");
        }
        flags.add(key);
        continue;
      }
      String value = inlineValue;
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException("--" + key + " needs a value (" + option.valueName() + ")");
        }
        value = args[++i];
      }
      if (values.put(key, value) != null) {
        throw new UsageException("--" + key + " is given twice");
      }
    }
    for (JobOption option : options) {
      if (option.isRequired() && !values.containsKey(option.name())) {
        throw new UsageException("missing --" + option.name() + " " + option.valueName() + " (" + option.description() + ")");
      }
      if (!option.isFlag() && !values.containsKey(option.name()) && !option.defaultValue().isEmpty()) {
        values.put(option.name(), option.defaultValue());
      }
    }
    return new JobArgs(name, values, flags);
  }

  /** The --help text. */
  public String usage() {
    StringBuilder text = new StringBuilder();
    text.append("jobsurvey ").append(name).append(" — ").append(summary).append("\n\nOptions:\n");
    for (JobOption option : options) {
      String left = "  --" + option.name() + (option.isFlag() ? "" : " " + option.valueName());
      text.append(String.format("%-30s %s", left, option.description()));
      if (option.isRequired()) {
        text.append(" (required)");
      } else if (!option.isFlag() && !option.defaultValue().isEmpty()) {
        text.append(" (default: ").append(option.defaultValue()).append(')');
      }
      text.append('\n');
    }
    text.append(String.format("%-30s %s%n", "  --help", "this text"));
    return text.toString();
  }
}
