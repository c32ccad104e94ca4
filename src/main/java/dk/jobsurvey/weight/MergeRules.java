package dk.jobsurvey.weight;

import dk.jobsurvey.config.Band;
import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Survey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * With which value of a variable a weighting class that has population but no respondents is merged
 * (DESIGN.md §7): an ordered band with the band below it (or above, for the first band); a benefit
 * group with its partner in {@code collapse_order}, then the other groups in config order; a gender
 * with the other. A variable with no rule (kommunekode) is never merged along.
 *
 * @param orderedBands ordered variables → their labels, lowest first
 * @param nominal unordered variables → their values in preference order
 * @param partners a value's preferred partner (collapse_order), tried before the nominal order
 */
public record MergeRules(Map<String, List<String>> orderedBands, Map<String, List<String>> nominal,
    Map<String, String> partners) {
  public MergeRules {
    orderedBands = Map.copyOf(orderedBands);
    nominal = Map.copyOf(nominal);
    partners = Map.copyOf(partners);
  }

  /** The rules of the survey configuration: its bands, groups, collapse_order and K/M. */
  public static MergeRules of(Survey survey) {
    return new MergeRules(
        Map.of("aldersgruppe", survey.ageBands().stream().map(Band::label).toList(),
            "varighedsgruppe", survey.durationBands().stream().map(Band::label).toList()),
        Map.of("ydelsesgruppe", survey.groups().stream().map(BenefitGroup::id).toList(), "koen", List.of("K", "M")),
        survey.weighting().collapseOrder());
  }

  /**
   * Values of {@code variable} to merge a class holding {@code members} with, best first; empty when
   * the variable has no rule or a member is a value the rule does not know.
   */
  public List<String> neighbours(String variable, Set<String> members) {
    List<String> bands = orderedBands.get(variable);
    if (bands != null) {
      if (!bands.containsAll(members)) {
        return List.of();
      }
      int lowest = members.stream().mapToInt(bands::indexOf).min().orElseThrow();
      int highest = members.stream().mapToInt(bands::indexOf).max().orElseThrow();
      List<String> result = new ArrayList<>();
      if (lowest > 0) {
        result.add(bands.get(lowest - 1));
      }
      if (highest < bands.size() - 1) {
        result.add(bands.get(highest + 1));
      }
      return result;
    }
    List<String> values = nominal.get(variable);
    if (values == null || !values.containsAll(members)) {
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (String member : values) {
      String partner = partners.get(member);
      if (members.contains(member) && partner != null && !members.contains(partner) && !result.contains(partner)) {
        result.add(partner);
      }
    }
    for (String value : values) {
      if (!members.contains(value) && !result.contains(value)) {
        result.add(value);
      }
    }
    return result;
  }

  /** The position of {@code value} in its variable's band or group order; values without one sort last. */
  int rank(String variable, String value) {
    List<String> values = orderedBands.containsKey(variable) ? orderedBands.get(variable) : nominal.get(variable);
    int rank = values == null ? -1 : values.indexOf(value);
    return rank < 0 ? Integer.MAX_VALUE : rank;
  }
}
