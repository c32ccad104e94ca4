package dk.jobsurvey.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The parsed options of one job run. Values are validated when read, with the option named. */
public final class JobArgs {
  private final String job;
  private final Map<String, String> values;
  private final Set<String> flags;

  JobArgs(String job, Map<String, String> values, Set<String> flags) {
    this.job = job;
    this.values = Map.copyOf(values);
    this.flags = Set.copyOf(flags);
  }

  /** The job's name, as on the command line. */
  public String job() {
    return job;
  }

  /** The option's value (given or default); fails if the job does not declare it. */
  public String value(String option) {
    return optional(option).orElseThrow(() -> new UsageException("--" + option + " is required"));
  }

  public Optional<String> optional(String option) {
    return Optional.ofNullable(values.get(option));
  }

  public boolean flag(String option) {
    return flags.contains(option);
  }

  public Path path(String option) {
    return Path.of(value(option));
  }

  public double number(String option) {
    String text = value(option);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + ": expected a number, got '" + text + "'");
    }
  }

  public long wholeNumber(String option) {
    String text = value(option);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + ": expected a whole number, got '" + text + "'");
    }
  }

  /** A comma-separated list of whole numbers, like {@code --scales 1,10}. */
  public List<Integer> wholeNumbers(String option) {
    String text = value(option);
    try {
      return Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt).toList();
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + ": expected whole numbers like 1,10, got '" + text + "'");
    }
  }
}
