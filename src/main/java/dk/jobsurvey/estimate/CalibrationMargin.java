package dk.jobsurvey.estimate;

import dk.jobsurvey.weight.WeightingResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A raking margin as the weighting fitted it: its variables, and the class each merged category
 * belongs to (DESIGN.md §7: categories without respondents, and those that separate merged strata,
 * are merged). The linearization regresses on the classes, not on the configured categories: with
 * two merged categories that both have respondents, the weights meet only their sum, and R's
 * calibrate on the collapsed margins residualizes on that one indicator.
 *
 * @param classOf merged categories (values in the margin's variable order) to their class label;
 *     a category that is not merged is a class of its own
 */
public record CalibrationMargin(List<String> variables, Map<List<String>, String> classOf) {
  public CalibrationMargin {
    variables = List.copyOf(variables);
    classOf = Map.copyOf(classOf);
  }

  /** A margin none of whose categories were merged. */
  public static CalibrationMargin of(List<String> variables) {
    return new CalibrationMargin(variables, Map.of());
  }

  /**
   * A margin with its merged classes given by their labels as the weighting writes them ("101|dagpenge
   * + 101|sygedagpenge": members joined by " + ", values by "|").
   */
  public static CalibrationMargin withMergedLabels(List<String> variables, List<String> mergedLabels) {
    Map<List<String>, String> classOf = new HashMap<>();
    for (String label : mergedLabels) {
      for (String member : label.split(" \\+ ")) {
        classOf.put(List.of(member.split("\\|", -1)), label);
      }
    }
    return new CalibrationMargin(variables, classOf);
  }

  /** The margins (variables of each) with the classes {@code weighting} merged. */
  public static List<CalibrationMargin> asWeighted(List<List<String>> margins, WeightingResult weighting) {
    return margins.stream().map(m -> withMergedLabels(m, weighting.marginClasses().stream()
        .filter(c -> c.merged() && c.margin().equals(String.join("*", m))).map(WeightingResult.MarginClass::category).toList()))
        .toList();
  }

  /** The class of {@code category}: its merged class's label, or the category's own. */
  String classOf(List<String> category) {
    return classOf.getOrDefault(category, String.join("|", category));
  }
}
