package dk.jobsurvey.jobs;

import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.config.SurveyRound;
import java.nio.file.Path;

/**
 * What every job starts from: the validated configuration (with {@code --round} applied), the
 * questionnaire and the warehouse root.
 */
public record JobContext(Survey survey, Questionnaire questionnaire, Path warehouse) {

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
    return new JobContext(survey, questionnaire, args.path("warehouse"));
  }

  public String round() {
    return survey.round();
  }
}
