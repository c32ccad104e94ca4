package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The questionnaire of one round ({@link QuestionnaireVersions#forRound}): its version's rated
 * items, their themes, and the free-text fields.
 */
public record Questionnaire(
    String version,
    Scale scale,
    List<Integer> positiveValues,
    List<String> dontKnowValues,
    List<Theme> themes,
    List<Item> items,
    List<FreeText> freeText) {

  public Questionnaire {
    require(!items.isEmpty(), "items", "at least one item");
    for (int value : positiveValues) {
      require(value >= scale.min() && value <= scale.max(), "positive_values",
          "values on the scale " + scale.min() + "-" + scale.max() + ", got " + value);
    }
    Set<String> themeIds = new HashSet<>();
    Set<String> themeLabels = new HashSet<>();
    for (Theme theme : themes) {
      require(themeIds.add(theme.id()), "themes", "unique theme ids, '" + theme.id() + "' appears twice");
      require(themeLabels.add(theme.label().strip().toLowerCase(Locale.ROOT)), "themes." + theme.id() + ".label",
          "a label no other theme has, '" + theme.label() + "' appears twice");
    }
    Set<String> itemIds = new HashSet<>();
    Set<String> labels = new HashSet<>();
    for (Item item : items) {
      require(itemIds.add(item.id()), "items", "unique item ids, '" + item.id() + "' appears twice");
      // Charts and tables name items by label alone: two alike could not be told apart.
      require(labels.add(item.label().strip().toLowerCase(Locale.ROOT)), "items." + item.id() + ".label",
          "a label no other item has, '" + item.label() + "' appears twice");
      require(themeIds.contains(item.theme()), "items." + item.id() + ".theme",
          "a theme id among " + themeIds + ", got '" + item.theme() + "'");
    }
    for (FreeText text : freeText) {
      require(itemIds.add(text.id()), "free_text", "ids not used by items, '" + text.id() + "' appears twice");
    }
    positiveValues = List.copyOf(positiveValues);
    dontKnowValues = List.copyOf(dontKnowValues);
    themes = List.copyOf(themes);
    items = List.copyOf(items);
    freeText = List.copyOf(freeText);
  }

  /** The items of one theme, in questionnaire order. */
  public List<Item> itemsOf(String themeId) {
    return items.stream().filter(i -> i.theme().equals(themeId)).toList();
  }

  public record Scale(int min, int max) {
    public Scale {
      require(max > min, "max", "more than min (" + min + "), got " + max);
    }
  }

  public record Theme(String id, String label) {
    public Theme {
      require(id.matches("[a-z_]+"), "id", "lower-case letters, got '" + id + "'");
    }
  }

  /**
   * A rated item: {@code id} is the column name (q1..q13), {@code label} its short name in charts
   * and tables, {@code text} the question as asked.
   */
  public record Item(String id, String theme, String label, String text) {
    /** Long enough for a short sentence, short enough for a chart's category axis and column A of a workbook. */
    public static final int MAX_LABEL_LENGTH = 40;

    public Item {
      requireValid(id, label);
    }

    static void requireValid(String id, String label) {
      require(id.matches("q[0-9]+"), "id", "an id like q1, got '" + id + "'");
      require(!label.isBlank() && label.length() <= MAX_LABEL_LENGTH, "label",
          "a short label of 1-" + MAX_LABEL_LENGTH + " characters for " + id + ", got '" + label + "' (" + label.length() + ")");
    }
  }

  public record FreeText(String id, String text) {
    public FreeText {
      require(id.matches("q[0-9]+"), "id", "an id like q14, got '" + id + "'");
    }
  }
}
