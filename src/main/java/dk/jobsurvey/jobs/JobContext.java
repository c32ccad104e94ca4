package dk.jobsurvey.jobs;

import dk.jobsurvey.config.ConfigException;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.config.SurveyRound;
import dk.jobsurvey.warehouse.Digests;
import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What every job starts from: the validated configuration (with {@code --round} applied), the
 * questionnaire and the warehouse root.
 */
public record JobContext(Survey survey, Questionnaire questionnaire, Path warehouse, String configSha256) {

  public static JobContext from(JobArgs args) {
    Survey survey = ConfigLoader.survey(args.path("config"));
    Questionnaire questionnaire = ConfigLoader.questionnaire(args.path("questionnaire"));
    String round = args.optional("round").orElse("");
    if (!round.isEmpty()) {
      try {
        survey = survey.withRound(SurveyRound.requireValid(round));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--round: " + e.getMessage());
      }
    }
    return new JobContext(survey, questionnaire, args.path("warehouse"), sha256(args.path("config")));
  }

  /** Hex SHA-256 of a configuration file's bytes. */
  public static String sha256(Path file) {
    try {
      return Digests.sha256Hex(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  public String round() {
    return survey.round();
  }

  /** Fails the job (exit 2) when {@code table} holds no rows for the round: {@code step} has not run yet. */
  public void requireRound(Warehouse warehouse, Table table, String step) {
    if (!warehouse.exists(table) || warehouse.readRound(table, round()).isEmpty()) {
      throw new JobFailedException("no " + table.tableName() + " for round " + round() + " in " + warehouse()
          + "; run " + step + " first", JobCommand.EXIT_USAGE);
    }
  }
}
