package dk.jobsurvey.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a separate JVM running the launcher on this test run's class path, with the flags Spark needs. */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java <Spark's Java 17 flags> <properties> -cp <class path> dk.jobsurvey.jobs.Launcher <arguments>}. */
  public static List<String> launcher(List<String> systemProperties, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // The Java 17 flags Spark needs, as this JVM got them from Surefire.
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("-XX:+Ignore") || flag.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(systemProperties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dk.jobsurvey.jobs.Launcher"));
    command.addAll(arguments);
    return command;
  }
}
