package dk.jobsurvey.estimate;

/**
 * What is estimated: an item's {@code share_positive} or {@code mean}, or a theme's
 * {@code theme_index}. {@code item} is the item or theme id; the disclosure decision is per item.
 */
public record Measure(String item, String statistic) {
  public static final String SHARE_POSITIVE = "share_positive";
  public static final String MEAN = "mean";
  public static final String THEME_INDEX = "theme_index";
  public static final String CRONBACH_ALPHA = "cronbach_alpha";
}
