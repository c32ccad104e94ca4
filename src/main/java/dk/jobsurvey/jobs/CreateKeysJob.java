package dk.jobsurvey.jobs;

import dk.jobsurvey.config.KeyFiles;
import dk.jobsurvey.config.SecretKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code create-keys}: writes random key files (owner-only) where the configuration says, unless
 * they exist. For the demo and a first setup; in production the keys come from a secret store
 * through the environment variables.
 */
public final class CreateKeysJob {
  static final JobCommand COMMAND = JobCommand.of("create-keys",
      "create the pseudonymisation and token key files named in the config, if missing (owner-only)",
      List.of(), CreateKeysJob::createKeys);

  private CreateKeysJob() {}

  public static void main(String[] args) {
    System.exit(COMMAND.run(args, System.out, System.err));
  }

  private static void createKeys(JobArgs args, PrintStream out) throws Exception {
    KeyFiles files = JobContext.from(args).survey().keys();
    for (String file : List.of(files.pseudonymKeyFile(), files.tokenKeyFile())) {
      boolean created = SecretKeys.createIfMissing(Path.of(file));
      out.println((created ? "created " : "kept existing ") + Path.of(file).toAbsolutePath().normalize());
    }
  }
}
