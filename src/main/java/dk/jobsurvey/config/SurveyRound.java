package dk.jobsurvey.config;

/** A survey round is a year and a quarter, written like {@code 2023Q2}. */
public final class SurveyRound {
  static final String PATTERN = "[0-9]{4}Q[1-4]";
  static final String EXPECTATION = "a year and quarter like 2023Q2";

  private SurveyRound() {}

  /** Whether {@code round} is written as a survey round. */
  public static boolean isValid(String round) {
    return round != null && round.matches(PATTERN);
  }

  /** The round, or an explanation of what a round looks like. */
  public static String requireValid(String round) {
    if (!isValid(round)) {
      throw new IllegalArgumentException("expected " + EXPECTATION + ", got '" + round + "'");
    }
    return round;
  }
}
