package dk.jobsurvey.responses;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full names of the round's population in free text (DESIGN.md §6): a run of two to four words
 * that is a person's whole name, or their first and last name, in any case and with spaces,
 * hyphens or apostrophes between the words, becomes [NAVN]. A single first name is left: alone it
 * names no one, and masking every "Hanne" would mask half of the answers' words. Names are matched
 * by keys (lower-case words joined by one space), so a national population's names join the free
 * texts in Spark instead of being held in memory.
 */
public final class PersonNames implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String MASK = "[NAVN]";
  private static final int MAX_WORDS = 4;
  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  /** What may stand between the words of one name: "Hans-Erik", "O'Neill", "Karen  Hansen". */
  private static final Pattern BETWEEN = Pattern.compile("[\\s\\u00A0\\-\\u2010\\u2011']{1,2}");

  private PersonNames() {}

  /** The keys a person's name is found by: all its words, and its first and last word; none for one word. */
  public static List<String> keysOf(String name) {
    List<String> words = new ArrayList<>();
    if (name != null) {
      Matcher word = WORD.matcher(name);
      while (word.find()) {
        words.add(word.group().toLowerCase(Locale.ROOT));
      }
    }
    if (words.size() < 2) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(List.of(String.join(" ", words)));
    if (words.size() > 2) {
      keys.add(words.get(0) + " " + words.get(words.size() - 1));
    }
    return keys;
  }

  /** The keys of every run of two to four adjacent words in {@code text}. */
  public static List<String> candidates(String text) {
    List<String> keys = new ArrayList<>();
    for (List<int[]> run : runs(text)) {
      for (int first = 0; first < run.size(); first++) {
        for (int last = first + 1; last < Math.min(run.size(), first + MAX_WORDS); last++) {
          keys.add(key(text, run, first, last));
        }
      }
    }
    return keys;
  }

  /** {@code text} with every run of words whose key is in {@code found} replaced by [NAVN], longest runs first. */
  public static String mask(String text, Collection<String> found) {
    if (text == null || found == null || found.isEmpty()) {
      return text;
    }
    Set<String> names = Set.copyOf(found);
    StringBuilder masked = new StringBuilder();
    int copied = 0;
    for (List<int[]> run : runs(text)) {
      int first = 0;
      while (first < run.size()) {
        int matchedLast = -1;
        for (int last = Math.min(run.size(), first + MAX_WORDS) - 1; last > first && matchedLast < 0; last--) {
          if (names.contains(key(text, run, first, last))) {
            matchedLast = last;
          }
        }
        if (matchedLast < 0) {
          first++;
          continue;
        }
        masked.append(text, copied, run.get(first)[0]).append(MASK);
        copied = run.get(matchedLast)[1];
        first = matchedLast + 1;
      }
    }
    return masked.append(text.substring(copied)).toString();
  }

  /** The words of {@code text} (start and end offsets) in runs of words that stand next to each other. */
  private static List<List<int[]>> runs(String text) {
    List<List<int[]>> runs = new ArrayList<>();
    if (text == null) {
      return runs;
    }
    List<int[]> run = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      if (!run.isEmpty() && !BETWEEN.matcher(text.substring(run.get(run.size() - 1)[1], word.start())).matches()) {
        runs.add(run);
        run = new ArrayList<>();
      }
      run.add(new int[] {word.start(), word.end()});
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private static String key(String text, List<int[]> run, int first, int last) {
    List<String> words = new ArrayList<>();
    for (int w = first; w <= last; w++) {
      words.add(text.substring(run.get(w)[0], run.get(w)[1]).toLowerCase(Locale.ROOT));
    }
    return String.join(" ", words);
  }
}
