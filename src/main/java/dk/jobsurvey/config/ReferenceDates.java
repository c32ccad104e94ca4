package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.time.LocalDate;

/**
 * @param duration age and benefit duration are computed at this date
 * @param status passive / course-completed flags are reported for this date
 */
public record ReferenceDates(LocalDate duration, LocalDate status) {
  public ReferenceDates {
    require(!status.isBefore(duration), "status", "a date on or after the duration reference date " + duration);
  }
}
