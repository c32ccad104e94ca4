package dk.jobsurvey.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A minimum time on the benefit, written "8 weeks" or "12 months" in the configuration. Months are
 * calendar months (DESIGN.md §3): 12 months from 2022-06-30 is reached on 2023-06-30.
 */
public record MinDuration(int amount, Unit unit) implements java.io.Serializable {
  public enum Unit { WEEKS, MONTHS }

  public MinDuration {
    ConfigValueException.require(amount >= 0, "min_duration", "a duration that is not negative");
  }

  @JsonCreator
  public static MinDuration parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    if (parts.length == 2 && parts[0].matches("[0-9]{1,3}")) {
      int amount = Integer.parseInt(parts[0]);
      switch (parts[1]) {
        case "week", "weeks", "uge", "uger" -> {
          return new MinDuration(amount, Unit.WEEKS);
        }
        case "month", "months", "måned", "måneder" -> {
          return new MinDuration(amount, Unit.MONTHS);
        }
        default -> { }
      }
    }
    throw new ConfigValueException("min_duration", "\"N weeks\" or \"N months\", got '" + text + "'");
  }

  /** Whether a spell that began on {@code start} has lasted at least this long on {@code at}. */
  public boolean isMetBy(LocalDate start, LocalDate at) {
    LocalDate reached = unit == Unit.WEEKS ? start.plusWeeks(amount) : start.plusMonths(amount);
    return !reached.isAfter(at);
  }

  @JsonValue
  @Override
  public String toString() {
    return amount + (unit == Unit.WEEKS ? " weeks" : " months");
  }
}
