package dk.jobsurvey.publish;

import dk.jobsurvey.estimate.FreeTextTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A round small enough for an exact attacker: respondents per municipality × group (as
 * published/response_rates), items' n nationally, by group, by municipality and by both (as
 * published/estimates), and one free-text item's texts and terms nationally and by group (as
 * published/free_text_terms), with the true count of every published cell.
 */
final class SmallRound {
  enum Kind { RESPONDENTS, ITEM, TEXTS, TERM }

  /** A published cell: what it counts, which municipality and group (−1 = all), its key and true count. */
  record Cell(Kind kind, int index, int municipality, int group, String key, long truth) {}

  static final String FREE_TEXT = "q14";
  private static final String K = "kommunekode";
  private static final String G = "ydelsesgruppe";

  private final List<String> municipalityCodes;
  private final List<String> groupIds;
  private final long[][] respondents;
  private final long[][][] answered;
  private final long[] texts;
  private final long[][] terms;
  private final List<Cell> cells = new ArrayList<>();

  SmallRound(List<String> municipalityCodes, List<String> groupIds, long[][] respondents, long[][][] answered, long[] texts,
      long[][] terms) {
    this.municipalityCodes = municipalityCodes;
    this.groupIds = groupIds;
    this.respondents = respondents;
    this.answered = answered;
    this.texts = texts;
    this.terms = terms;
    for (int k = 0; k < municipalities(); k++) {
      cells.add(cell(Kind.RESPONDENTS, 0, k, -1));
      for (int g = 0; g < groups(); g++) {
        cells.add(cell(Kind.RESPONDENTS, 0, k, g));
      }
    }
    for (int i = 0; i < items(); i++) {
      for (int k = -1; k < municipalities(); k++) {
        for (int g = -1; g < groups(); g++) {
          cells.add(cell(Kind.ITEM, i, k, g));
        }
      }
    }
    if (this.terms.length > 0) {
      for (int g = -1; g < groups(); g++) {
        cells.add(cell(Kind.TEXTS, 0, -1, g));
        for (int t = 0; t < terms(); t++) {
          cells.add(cell(Kind.TERM, t, -1, g));
        }
      }
    }
  }

  /** A random round: 1-3 municipalities, 2-4 groups, 1-2 items, 0-2 terms; many counts of 1-4. */
  static SmallRound random(long seed) {
    Random random = new Random(seed);
    int m = 1 + random.nextInt(3);
    int g = 2 + random.nextInt(3);
    int items = 1 + random.nextInt(2);
    long[][] respondents = new long[m][g];
    long[][][] answered = new long[items][m][g];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < g; j++) {
        int kind = random.nextInt(10);
        respondents[k][j] = kind < 2 ? 0 : kind < 5 ? 1 + random.nextInt(4) : 5 + random.nextInt(12);
        for (int i = 0; i < items; i++) {
          answered[i][k][j] = Math.max(0, respondents[k][j] - random.nextInt(3));
        }
      }
    }
    long[] texts = new long[g];
    long all = 0;
    for (int j = 0; j < g; j++) {
      long groupRespondents = 0;
      for (int k = 0; k < m; k++) {
        groupRespondents += respondents[k][j];
      }
      texts[j] = groupRespondents == 0 ? 0 : random.nextInt((int) groupRespondents + 1);
      all += texts[j];
    }
    long[][] terms = new long[all == 0 ? 0 : random.nextInt(3)][g];
    for (long[] term : terms) {
      for (int j = 0; j < g; j++) {
        term[j] = texts[j] == 0 ? 0 : random.nextInt((int) texts[j] + 1);
      }
    }
    List<String> codes = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      codes.add(String.valueOf(101 + k));
    }
    return new SmallRound(codes, List.of("dagpenge", "jobparate", "aktivitetsparate", "sygedagpenge").subList(0, g),
        respondents, answered, texts, terms);
  }

  int municipalities() {
    return municipalityCodes.size();
  }

  int groups() {
    return groupIds.size();
  }

  int items() {
    return answered.length;
  }

  int terms() {
    return terms.length;
  }

  List<Cell> cells() {
    return cells;
  }

  Cell cell(String key) {
    return cells.stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(key));
  }

  /** What production releases for this round: the respondents, the items' tables and the free texts, as one system. */
  CellSystem release() {
    PublishedCells published = new PublishedCells();
    published.respondents(respondentMap());
    estimates(published);
    FreeTextTerms.addTo(published, freeTexts(), groupIds);
    return published.build();
  }

  /**
   * The respondents alone, protected as before the tables were one system: keys as
   * {@link PublishedCells} gives them, each municipality a plain sum of its groups.
   */
  CellSystem respondentsAsBefore() {
    CellSystem.Builder builder = new CellSystem.Builder();
    for (int k = 0; k < municipalities(); k++) {
      int total = builder.cell(cell(Kind.RESPONDENTS, 0, k, -1).key(), sum(respondents, k, -1));
      int[] children = new int[groups()];
      for (int g = 0; g < groups(); g++) {
        children[g] = builder.cell(cell(Kind.RESPONDENTS, 0, k, g).key(), respondents[k][g]);
      }
      builder.relation(total, children);
    }
    return builder.build();
  }

  /** The estimates alone, as if no other table were published. */
  CellSystem estimatesAlone() {
    PublishedCells published = new PublishedCells();
    estimates(published);
    return published.build();
  }

  private void estimates(PublishedCells published) {
    TableCells tables = new TableCells(List.of(List.of(), List.of(G), List.of(K), List.of(K, G)), List.of(K, G),
        Map.of(K, municipalityCodes, G, groupIds));
    for (int i = 0; i < items(); i++) {
      int item = i;
      published.measure("estimates", tables, "q" + (i + 1), c -> {
        TableCells.Cell cell = tables.cells().get(c);
        String code = cell.values().get(K);
        String group = cell.values().get(G);
        return sum(answered[item], code == null ? -1 : municipalityCodes.indexOf(code), group == null ? -1 : groupIds.indexOf(group));
      });
    }
  }

  private SortedMap<String, SortedMap<String, Long>> respondentMap() {
    SortedMap<String, SortedMap<String, Long>> map = new TreeMap<>();
    for (int k = 0; k < municipalities(); k++) {
      SortedMap<String, Long> groups = new TreeMap<>();
      for (int g = 0; g < groups(); g++) {
        groups.put(groupIds.get(g), respondents[k][g]);
      }
      map.put(municipalityCodes.get(k), groups);
    }
    return map;
  }

  private FreeTextTerms.Counts freeTexts() {
    if (terms() == 0) {
      return FreeTextTerms.Counts.NONE;
    }
    List<FreeTextTerms.TextCount> textCounts = new ArrayList<>();
    List<FreeTextTerms.TermCount> termCounts = new ArrayList<>();
    for (int g = 0; g < groups(); g++) {
      if (texts[g] > 0) {
        textCounts.add(new FreeTextTerms.TextCount(FREE_TEXT, groupIds.get(g), texts[g]));
      }
      for (int t = 0; t < terms(); t++) {
        if (terms[t][g] > 0) {
          termCounts.add(new FreeTextTerms.TermCount(FREE_TEXT, "term", "t" + t, groupIds.get(g), terms[t][g]));
        }
      }
    }
    return new FreeTextTerms.Counts(textCounts, termCounts);
  }

  private Cell cell(Kind kind, int index, int municipality, int group) {
    List<String> parts = new ArrayList<>();
    if (municipality >= 0) {
      parts.add(K + "=" + municipalityCodes.get(municipality));
    }
    if (group >= 0) {
      parts.add(G + "=" + groupIds.get(group));
    }
    String domain = parts.isEmpty() ? "all" : String.join(" ", parts);
    return switch (kind) {
      case RESPONDENTS -> new Cell(kind, index, municipality, group, "response_rates respondents: " + domain,
          sum(respondents, municipality, group));
      case ITEM -> new Cell(kind, index, municipality, group, "estimates q" + (index + 1) + ": " + domain,
          sum(answered[index], municipality, group));
      case TEXTS -> new Cell(kind, index, municipality, group, "free_text_terms " + FREE_TEXT + " texts: " + domain,
          sum(new long[][] {texts}, -1, group));
      case TERM -> new Cell(kind, index, municipality, group, "free_text_terms " + FREE_TEXT + " term 't" + index + "': " + domain,
          sum(new long[][] {terms[index]}, -1, group));
    };
  }

  private static long sum(long[][] counts, int municipality, int group) {
    long sum = 0;
    for (int k = 0; k < counts.length; k++) {
      for (int g = 0; g < counts[k].length; g++) {
        if ((municipality < 0 || municipality == k) && (group < 0 || group == g)) {
          sum += counts[k][g];
        }
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return municipalities() + " municipalities × " + groups() + " groups, " + items() + " items, " + terms() + " terms";
  }
}
