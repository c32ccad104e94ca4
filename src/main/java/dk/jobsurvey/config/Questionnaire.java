package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The questionnaire of one round ({@link QuestionnaireVersions#forRound}): its version's rated
 * items, their themes, and the free-text fields; and the municipalities' own questions asked in
 * the round ({@code localItems}), each only of its municipality's citizens.
 */
public record Questionnaire(
    String version,
    Scale scale,
    List<Integer> positiveValues,
    List<String> dontKnowValues,
    List<Theme> themes,
    List<Item> items,
    List<FreeText> freeText,
    List<LocalItem> localItems) {

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
    for (LocalItem local : localItems) {
      require(itemIds.add(local.id()), "local_items", "ids not used by other questions, '" + local.id() + "' appears twice");
    }
    localItems = List.copyOf(localItems);
    positiveValues = List.copyOf(positiveValues);
    dontKnowValues = List.copyOf(dontKnowValues);
    themes = List.copyOf(themes);
    items = List.copyOf(items);
    freeText = List.copyOf(freeText);
  }

  /** The municipality's own rated questions in the round, in config order. */
  public List<LocalItem> localRated(String kommunekode) {
    return localItems.stream().filter(l -> l.rated() && l.kommunekode().equals(kommunekode)).toList();
  }

  /** The ids of the round's rated questions, common and local: the export's answer columns on the scale. */
  public List<String> ratedIds() {
    List<String> ids = new java.util.ArrayList<>(items.stream().map(Item::id).toList());
    localItems.stream().filter(LocalItem::rated).forEach(l -> ids.add(l.id()));
    return ids;
  }

  /** The ids of the round's free-text questions, common and local. */
  public List<String> freeTextIds() {
    List<String> ids = new java.util.ArrayList<>(freeText.stream().map(FreeText::id).toList());
    localItems.stream().filter(l -> !l.rated()).forEach(l -> ids.add(l.id()));
    return ids;
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

  /**
   * A question one municipality asks its own citizens from {@code fromRound}: {@code kind} rated (on
   * the scale) or free_text; estimated for that municipality and its groups only.
   */
  public record LocalItem(String id, String kommunekode, String fromRound, String kind, String label, String text) {
    public static final String RATED = "rated";
    public static final String FREE_TEXT = "free_text";

    public LocalItem {
      Item.requireValid(id, label);
      require(Municipalities.isKnown(kommunekode), "kommunekode", "one of the 98 municipality codes, got '" + kommunekode + "'");
      require(SurveyRound.isValid(fromRound), "from_round", SurveyRound.EXPECTATION + ", got '" + fromRound + "'");
      require(kind.equals(RATED) || kind.equals(FREE_TEXT), "kind", RATED + " or " + FREE_TEXT + ", got '" + kind + "'");
    }

    public boolean rated() {
      return kind.equals(RATED);
    }

    /** As an item of the report's list of questions (no theme: it has a section of its own). */
    public Item asItem() {
      return new Item(id, null, label, text);
    }
  }
}
