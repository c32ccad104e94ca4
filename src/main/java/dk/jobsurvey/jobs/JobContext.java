package dk.jobsurvey.jobs;

import dk.jobsurvey.config.ConfigException;
import dk.jobsurvey.config.ConfigLoader;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.QuestionnaireVersions;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.config.SurveyRound;
import dk.jobsurvey.warehouse.Digests;
import dk.jobsurvey.warehouse.JobRun;
import dk.jobsurvey.warehouse.RunLog;
import dk.jobsurvey.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every job starts from: the validated configuration (with {@code --round} applied), the
 * questionnaire's versions and the round's own, and the warehouse root, loaded once; and, for a
 * step the pipeline runs, the step's fingerprint. The questionnaire's fingerprint is that of the
 * round's questionnaire, the rewordings and the versions up to the round (what the round's figures
 * and its changes since an earlier round depend on), so adding a version for a later round leaves
 * the earlier rounds' finished steps as they are.
 */
public record JobContext(Survey survey, QuestionnaireVersions questionnaireVersions, Questionnaire questionnaire,
    Path warehouse, String configSha256, String questionnaireSha256, String pipelineFingerprint) {

  public static JobContext from(JobArgs args) {
    Survey survey = ConfigLoader.survey(args.path("config"));
    QuestionnaireVersions versions = ConfigLoader.questionnaireVersions(args.path("questionnaire"));
    String round = args.optional("round").orElse("");
    if (!round.isEmpty()) {
      try {
        survey = survey.withRound(SurveyRound.requireValid(round));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--round: " + e.getMessage());
      }
    }
    String ofRound = survey.round();
    Questionnaire questionnaire = ConfigLoader.forRound(args.path("questionnaire"), versions, ofRound);
    return new JobContext(survey, versions, questionnaire, args.path("warehouse"), sha256(args.path("config")),
        Digests.sha256Hex(questionnaire + "|" + versions.rewordings() + "|" + versions.versions().stream()
            .filter(v -> v.fromRound().compareTo(ofRound) <= 0).toList()), null);
  }

  /** Hex SHA-256 of a configuration file's bytes. */
  static String sha256(Path file) {
    try {
      return Digests.sha256Hex(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  public String round() {
    return survey.round();
  }

  /** The same context for a step of the pipeline with this fingerprint. */
  JobContext inPipeline(String fingerprint) {
    return new JobContext(survey, questionnaireVersions, questionnaire, warehouse, configSha256, questionnaireSha256, fingerprint);
  }

  /** Begins job {@code job}'s run on the round: its line in analysis/run_log, and the stale-input guard. */
  JobRun startRun(Warehouse on, String job) {
    Map<String, String> inputs = pipelineFingerprint == null ? Map.of("questionnaire", questionnaireSha256)
        : Map.of("questionnaire", questionnaireSha256, RunLog.PIPELINE_FINGERPRINT, pipelineFingerprint);
    return JobRun.start(new JobRun.Identity(job, round(), configSha256, survey.sample().seed(), inputs, JobCommand::exitCode), on);
  }
}
