package dk.jobsurvey.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a separate JVM with the flags Spark needs: the launcher on this test run's class path, or any main class. */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java <Spark's Java 17 flags> <properties> -cp <class path> dk.jobsurvey.jobs.Launcher <arguments>}. */
  public static List<String> launcher(List<String> systemProperties, List<String> arguments) {
    return java(systemProperties, System.getProperty("java.class.path"), "dk.jobsurvey.jobs.Launcher", arguments);
  }

  /** {@code java <Spark's Java 17 flags> <properties> -cp <class path> <main class> <arguments>}. */
  public static List<String> java(List<String> systemProperties, String classPath, String mainClass, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // The Java 17 flags Spark needs, as this JVM got them from Surefire.
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("-XX:+Ignore") || flag.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(systemProperties);
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(arguments);
    return command;
  }
}
