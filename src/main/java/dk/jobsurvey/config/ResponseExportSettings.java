package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;

/** How survey-tool exports name their token and submission-time columns (DESIGN.md §6). */
public record ResponseExportSettings(List<String> tokenHeaders, List<String> submittedAtHeaders) {
  public ResponseExportSettings {
    require(!tokenHeaders.isEmpty(), "token_headers", "at least one header name");
    require(!submittedAtHeaders.isEmpty(), "submitted_at_headers", "at least one header name");
    tokenHeaders = List.copyOf(tokenHeaders);
    submittedAtHeaders = List.copyOf(submittedAtHeaders);
  }
}
