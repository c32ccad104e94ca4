package dk.jobsurvey.jobs;

/**
 * A command-line option of a job: {@code --name VALUE}, or a flag {@code --name} when
 * {@code valueName} is null. {@code defaultValue} null with a value name means the option is required.
 */
public record JobOption(String name, String valueName, String description, String defaultValue) {

  public static JobOption required(String name, String valueName, String description) {
    return new JobOption(name, valueName, description, null);
  }

  public static JobOption optional(String name, String valueName, String description, String defaultValue) {
    return new JobOption(name, valueName, description, defaultValue);
  }

  public static JobOption flag(String name, String description) {
    return new JobOption(name, null, description, null);
  }

  public boolean isFlag() {
    return valueName == null;
  }

  public boolean isRequired() {
    return !isFlag() && defaultValue == null;
  }
}
