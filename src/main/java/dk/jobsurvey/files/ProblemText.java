package dk.jobsurvey.files;

import java.io.Serializable;
import java.util.Objects;

/**
 * A problem with an extract, said twice where it is found: in English for the tables, the job's
 * output and the analysts, and in Danish for the municipality's data-quality workbook. Writing both
 * at the source keeps every message translated, and no table changes its text.
 */
public record ProblemText(String english, String dansk) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ProblemText {
    Objects.requireNonNull(english, "english");
    Objects.requireNonNull(dansk, "dansk");
  }
}
