package dk.jobsurvey.weight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Category keys: the values of a classification's variables, in the variables' order. */
final class Keys {
  private Keys() {}

  /** "101|dagpenge", as population_margins.csv writes a category. */
  static String label(List<String> key) {
    return String.join("|", key);
  }

  /** The values of {@code key} (over {@code from}) at the variables {@code to}. */
  static List<String> project(List<String> key, List<String> from, List<String> to) {
    List<String> projected = new ArrayList<>(to.size());
    for (String variable : to) {
      projected.add(key.get(from.indexOf(variable)));
    }
    return List.copyOf(projected);
  }

  /** Keys in the order of the rules (bands low to high, groups in config order), else alphabetically. */
  static Comparator<List<String>> order(List<String> variables, MergeRules rules) {
    return (a, b) -> {
      for (int i = 0; i < variables.size(); i++) {
        int byRule = Integer.compare(rules.rank(variables.get(i), a.get(i)), rules.rank(variables.get(i), b.get(i)));
        int compared = byRule != 0 ? byRule : a.get(i).compareTo(b.get(i));
        if (compared != 0) {
          return compared;
        }
      }
      return 0;
    };
  }

  /** A count or total for messages: whole numbers without decimals. */
  static String number(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.6g", value);
  }
}
