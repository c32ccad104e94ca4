package dk.jobsurvey.responses;

import dk.jobsurvey.config.Questionnaire;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the values of a survey export (DESIGN.md §6): answers on the questionnaire's scale ("4",
 * "4 ", "4.0"); "ved ikke", 6 or blank is not answered; anything else is out of range (not answered,
 * and counted). Tokens are compared without spaces and case. Submission times in ISO or Danish
 * layouts.
 */
public final class AnswerValues implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<DateTimeFormatter> TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"), DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm[:ss]"),
      DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm[:ss]"), DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm[:ss]"));

  /** An answer: the value, or null; {@code outOfRange} when the text was neither an answer nor "not answered". */
  public record Answer(Integer value, boolean outOfRange) {}

  private final int min;
  private final int max;
  private final Set<String> notAnswered = new HashSet<>();

  public AnswerValues(Questionnaire questionnaire) {
    this.min = questionnaire.scale().min();
    this.max = questionnaire.scale().max();
    questionnaire.dontKnowValues().forEach(v -> notAnswered.add(v.strip().toLowerCase(Locale.ROOT)));
  }

  public Answer answer(String text) {
    if (text == null || text.isBlank() || notAnswered.contains(text.strip().toLowerCase(Locale.ROOT))) {
      return new Answer(null, false);
    }
    String value = text.strip();
    if (value.endsWith(".0")) {
      value = value.substring(0, value.length() - 2);
    }
    if (value.matches("[0-9]{1,2}")) {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return new Answer(number, false);
      }
    }
    return new Answer(null, true);
  }

  /** A token as the tool writes it, without spaces, in upper case; null when blank. */
  public static String token(String text) {
    if (text == null) {
      return null;
    }
    String token = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    return token.isEmpty() ? null : token;
  }

  /** The submission time, or null when blank or in no known layout. */
  public static LocalDateTime submittedAt(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    for (DateTimeFormatter format : TIMES) {
      try {
        return LocalDateTime.parse(value, format);
      } catch (DateTimeParseException e) {
        // next layout
      }
    }
    try {
      return LocalDate.parse(value).atStartOfDay();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
