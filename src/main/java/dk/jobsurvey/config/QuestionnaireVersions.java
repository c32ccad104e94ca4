package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * conf/questionnaire.yaml: every question ever asked, under an id that stays with its wording, and
 * the versions of the questionnaire, each used from its first round until the next version's. A
 * version groups items into themes and lists its free-text fields; a question reworded gets a new
 * id and, under {@code rewordings}, the id it continues and whether its answers are comparable.
 * {@link #forRound} gives the {@link Questionnaire} a round was asked with; {@link #comparison}
 * what of it can be compared with an earlier round. {@code local_items} are questions a municipality
 * adds for its own citizens, from a round on.
 */
public record QuestionnaireVersions(
    Questionnaire.Scale scale,
    List<Integer> positiveValues,
    List<String> dontKnowValues,
    List<Question> items,
    List<Questionnaire.FreeText> freeText,
    List<Rewording> rewordings,
    List<Version> versions,
    List<Questionnaire.LocalItem> localItems) {

  public QuestionnaireVersions {
    require(!versions.isEmpty(), "versions", "at least one version");
    Map<String, Question> rated = new LinkedHashMap<>();
    for (Question item : items) {
      require(rated.put(item.id(), item) == null, "items", "unique item ids, '" + item.id() + "' appears twice");
    }
    Set<String> texts = new HashSet<>();
    for (Questionnaire.FreeText text : freeText) {
      require(!rated.containsKey(text.id()) && texts.add(text.id()), "free_text",
          "ids not used by items or other free-text fields, '" + text.id() + "' appears twice");
    }
    Map<String, String> replaced = new HashMap<>();
    for (Rewording rewording : rewordings) {
      require(rated.containsKey(rewording.item()) && rated.containsKey(rewording.replaces()), "rewordings",
          "items of the list of items, got " + rewording.item() + " replacing " + rewording.replaces());
      require(!rewording.item().equals(rewording.replaces()), "rewordings", "a new id for a reworded item, got "
          + rewording.item() + " replacing itself");
      require(rewordings.stream().filter(r -> r.item().equals(rewording.item())).count() == 1, "rewordings",
          "one rewording per item, " + rewording.item() + " has more");
      require(replaced.put(rewording.replaces(), rewording.item()) == null, "rewordings",
          "one successor per item, " + rewording.replaces() + " is replaced twice");
    }
    String previousRound = "";
    Set<String> versionIds = new HashSet<>();
    for (Version version : versions) {
      require(versionIds.add(version.id()), "versions", "unique version ids, '" + version.id() + "' appears twice");
      require(version.fromRound().compareTo(previousRound) > 0, "versions." + version.id() + ".from_round",
          "a round after the previous version's (" + previousRound + "), got " + version.fromRound());
      previousRound = version.fromRound();
      Set<String> asked = new HashSet<>();
      for (ThemeItems theme : version.themes()) {
        for (String id : theme.items()) {
          require(rated.containsKey(id), "versions." + version.id() + ".themes." + theme.id(),
              "items of the list of items, got '" + id + "'");
          require(asked.add(id), "versions." + version.id() + ".themes." + theme.id(),
              "each item in one theme of the version, '" + id + "' appears twice");
        }
      }
      for (String id : version.freeText()) {
        require(texts.contains(id), "versions." + version.id() + ".free_text",
            "fields of the list of free-text fields, got '" + id + "'");
      }
      for (Rewording rewording : rewordings) {
        require(!(asked.contains(rewording.item()) && asked.contains(rewording.replaces())), "versions." + version.id(),
            "a reworded item or the item it replaces, not both (" + rewording.item() + ", " + rewording.replaces() + ")");
      }
    }
    Set<String> labels = new HashSet<>();
    items.forEach(item -> labels.add(item.label().strip().toLowerCase(java.util.Locale.ROOT)));
    for (Questionnaire.LocalItem local : localItems) {
      // Shown beside the common items in the municipality's report: a label alike would not tell them apart.
      require(labels.add(local.label().strip().toLowerCase(java.util.Locale.ROOT)), "local_items." + local.id() + ".label",
          "a label no other question has, '" + local.label() + "' appears twice");
      require(!rated.containsKey(local.id()) && !texts.contains(local.id())
          && localItems.stream().filter(l -> l.id().equals(local.id())).count() == 1, "local_items",
          "ids not used by the common questions or another local one, '" + local.id() + "' appears twice");
      require(local.fromRound().compareTo(versions.get(0).fromRound()) >= 0, "local_items." + local.id() + ".from_round",
          "a round the questionnaire has a version for (from " + versions.get(0).fromRound() + "), got " + local.fromRound());
    }
    localItems = List.copyOf(localItems);
    positiveValues = List.copyOf(positiveValues);
    dontKnowValues = List.copyOf(dontKnowValues);
    items = List.copyOf(items);
    freeText = List.copyOf(freeText);
    rewordings = List.copyOf(rewordings);
    versions = List.copyOf(versions);
    for (Version version : versions) {
      try {
        resolve(version, scale, positiveValues, dontKnowValues, items, freeText);
      } catch (ConfigValueException e) {
        throw new ConfigValueException("versions." + version.id() + "." + e.key(), e.getMessage());
      }
    }
  }

  /**
   * The version a round was asked with: the last whose first round is not after it; empty for a
   * round before the first version.
   */
  public Optional<Version> versionOf(String round) {
    SurveyRound.requireValid(round);
    Version found = null;
    for (Version version : versions) {
      if (version.fromRound().compareTo(round) <= 0) {
        found = version;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The questionnaire of a round, with the local questions asked from it or earlier; fails, naming
   * the round and the first version, for a round before it.
   */
  public Questionnaire forRound(String round) {
    Questionnaire common = resolve(versionOf(round).orElseThrow(() -> new IllegalArgumentException("round " + round
        + " comes before the first version of the questionnaire ('" + versions.get(0).id() + "', from round "
        + versions.get(0).fromRound() + "); add a version for it under 'versions'")));
    return new Questionnaire(common.version(), scale, positiveValues, dontKnowValues, common.themes(), common.items(),
        common.freeText(), localItems.stream().filter(l -> l.fromRound().compareTo(round) <= 0).toList());
  }

  /**
   * What of round {@code now} compares with round {@code before}: each item of now's version with
   * the item of before's version that it is (the same id) or comparably continues (a rewording with
   * {@code comparable: true}); and the themes whose items all compare, one for one, with the same
   * theme's items before (a theme regrouped compares no index).
   */
  public Comparison comparison(String before, String now) {
    Questionnaire earlier = forRound(before);
    Questionnaire later = forRound(now);
    Set<String> earlierItems = new HashSet<>();
    earlier.items().forEach(i -> earlierItems.add(i.id()));
    Map<String, String> items = new LinkedHashMap<>();
    List<String> notCompared = new ArrayList<>();
    for (Questionnaire.Item item : later.items()) {
      Optional<String> predecessor = earlierItems.contains(item.id()) ? Optional.of(item.id())
          : rewordings.stream().filter(r -> r.item().equals(item.id()) && r.comparable() && earlierItems.contains(r.replaces()))
              .map(Rewording::replaces).findFirst();
      predecessor.ifPresentOrElse(p -> items.put(item.id(), p), () -> notCompared.add(item.id()));
    }
    Set<String> themes = new HashSet<>();
    for (Questionnaire.Theme theme : later.themes()) {
      List<String> laterItems = later.itemsOf(theme.id()).stream().map(Questionnaire.Item::id).toList();
      Set<String> mapped = new HashSet<>();
      laterItems.forEach(id -> mapped.add(items.get(id)));
      Set<String> then = new HashSet<>();
      earlier.itemsOf(theme.id()).forEach(i -> then.add(i.id()));
      if (!then.isEmpty() && !mapped.contains(null) && mapped.size() == laterItems.size() && mapped.equals(then)) {
        themes.add(theme.id());
      }
    }
    return new Comparison(before, now, Map.copyOf(items), Set.copyOf(themes), List.copyOf(notCompared));
  }

  private Questionnaire resolve(Version version) {
    return resolve(version, scale, positiveValues, dontKnowValues, items, freeText);
  }

  // Static, so the constructor can check every version before the record's fields are assigned.
  private static Questionnaire resolve(Version version, Questionnaire.Scale scale, List<Integer> positiveValues,
      List<String> dontKnowValues, List<Question> items, List<Questionnaire.FreeText> freeText) {
    Map<String, String> themeOf = new HashMap<>();
    List<Questionnaire.Theme> themes = new ArrayList<>();
    for (ThemeItems theme : version.themes()) {
      themes.add(new Questionnaire.Theme(theme.id(), theme.label()));
      theme.items().forEach(id -> themeOf.put(id, theme.id()));
    }
    // Questionnaire order is the order of the list of items (the themes interleave in the form).
    List<Questionnaire.Item> asked = items.stream().filter(q -> themeOf.containsKey(q.id()))
        .map(q -> new Questionnaire.Item(q.id(), themeOf.get(q.id()), q.label(), q.text())).toList();
    List<Questionnaire.FreeText> texts = freeText.stream().filter(t -> version.freeText().contains(t.id())).toList();
    return new Questionnaire(version.id(), scale, positiveValues, dontKnowValues, themes, asked, texts, List.of());
  }

  /** A rated question as worded: {@code id} is its column in the survey export. */
  public record Question(String id, String label, String text) {
    public Question {
      Questionnaire.Item.requireValid(id, label);
    }
  }

  /** {@code item} is {@code replaces} reworded; its answers compare with the old ones only if {@code comparable}. */
  public record Rewording(String item, String replaces, boolean comparable) {}

  /** The themes and free-text fields asked from {@code fromRound} until the next version. */
  public record Version(String id, String fromRound, List<ThemeItems> themes, List<String> freeText) {
    public Version {
      require(id.matches("[A-Za-z0-9_-]+"), "id", "letters, digits, '-' or '_', got '" + id + "'");
      require(SurveyRound.isValid(fromRound), "from_round", SurveyRound.EXPECTATION + ", got '" + fromRound + "'");
      themes = List.copyOf(themes);
      freeText = List.copyOf(freeText);
    }
  }

  /** A theme of a version and its items, by id. */
  public record ThemeItems(String id, String label, List<String> items) {
    public ThemeItems {
      require(!items.isEmpty(), "items", "at least one item in theme '" + id + "'");
      items = List.copyOf(items);
    }
  }

  /**
   * Round {@code now} against round {@code before}: {@code items} maps an item of now to the item of
   * before it compares with; {@code themes} are the theme ids whose index compares;
   * {@code notCompared} the items of now without a comparable item before (new, or reworded
   * with {@code comparable: false}).
   */
  public record Comparison(String before, String now, Map<String, String> items, Set<String> themes, List<String> notCompared) {}
}
