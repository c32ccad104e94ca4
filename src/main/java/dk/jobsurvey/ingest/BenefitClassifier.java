package dk.jobsurvey.ingest;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Survey;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts a benefit label into one of the four groups by the configured table, on folded labels
 * (DESIGN.md §3). Known benefits outside the groups are out of scope; anything else is unknown.
 */
public final class BenefitClassifier implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The outcome for one label: a group id, or why it has none. */
  public record Classification(String group, String exclusionReason) implements Serializable {}

  public static final String OUT_OF_SCOPE = "out_of_scope";
  public static final String UNKNOWN_BENEFIT = "unknown_benefit";

  private final Map<String, String> groupByLabel = new HashMap<>();
  private final Set<String> outOfScope = new HashSet<>();

  public BenefitClassifier(Survey survey) {
    for (BenefitGroup group : survey.groups()) {
      for (String label : group.benefits()) {
        String previous = groupByLabel.put(Labels.fold(label), group.id());
        if (previous != null && !previous.equals(group.id())) {
          throw new IllegalArgumentException("The benefit label '" + label + "' is listed under both " + previous
              + " and " + group.id() + " in groups");
        }
      }
    }
    survey.outOfScopeBenefits().forEach(label -> outOfScope.add(Labels.fold(label)));
  }

  /** The group of a non-blank label. */
  public Classification classify(String label) {
    String folded = Labels.fold(label);
    String group = groupByLabel.get(folded);
    if (group != null) {
      return new Classification(group, null);
    }
    return new Classification(null, outOfScope.contains(folded) ? OUT_OF_SCOPE : UNKNOWN_BENEFIT);
  }
}
