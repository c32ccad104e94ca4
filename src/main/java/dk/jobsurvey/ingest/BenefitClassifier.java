package dk.jobsurvey.ingest;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.files.Labels;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts a benefit label into one of the four groups by the configured table, on folded labels
 * (DESIGN.md §3). Known benefits outside the groups are out of scope; anything else is unknown.
 */
public final class BenefitClassifier implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The outcome for one label: a group id, or why it has none. */
  public record Classification(String group, String exclusionReason) implements Serializable {}

  private static final Pattern NUMBER_RUN = Pattern.compile("[0-9]{2}");
  /** A capitalised word, '?' and U+FFFD standing for letters a legacy encoding lost ("Ay?e"), a name particle or suffix. */
  private static final Pattern NAME_WORD = Pattern.compile("[\\p{Lu}?\\uFFFD][\\p{L}'\\-.?\\uFFFD]*|von|van|de|du|la|af|le|jr\\.?|sr\\.?");
  /**
   * What stands between the words of a name: spaces, control characters, and the punctuation a
   * name is written with ("Hansen, Jens", "Hansen; Jens", a nickname in quotes or brackets).
   */
  private static final Pattern NAME_GAP = Pattern.compile("[\\s\\p{Z}\\p{Cc},;:\"\u201C\u201D\u201E()\\[\\]]+");

  public static final String OUT_OF_SCOPE = "out_of_scope";
  public static final String UNKNOWN_BENEFIT = "unknown_benefit";

  private final Map<String, String> groupByLabel = new HashMap<>();
  private final Set<String> outOfScope = new HashSet<>();
  /** Every word of every configured label, folded: a label made of such words is a benefit, not a name. */
  private final Set<String> benefitWords = new HashSet<>();

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
    groupByLabel.keySet().forEach(label -> benefitWords.addAll(List.of(label.split(" "))));
    outOfScope.forEach(label -> benefitWords.addAll(List.of(label.split(" "))));
    survey.groups().forEach(group -> benefitWords.add(Labels.fold(group.id())));
  }

  /**
   * Whether an unknown label may be stored and shown as it is (DESIGN.md §10): a column of the
   * extract can hold anything, and a name or a number typed into the benefit column must not leave
   * restricted/. A label is shown when it has no run of digits, no e-mail sign, and is not shaped
   * like a person's name (two to four capitalised words, whatever punctuation stands between them,
   * none of them a word of a known benefit).
   */
  public boolean isReportable(String label) {
    if (NUMBER_RUN.matcher(label).find() || label.indexOf('@') >= 0) {
      return false;
    }
    String[] words = Arrays.stream(NAME_GAP.split(label)).filter(word -> !word.isEmpty()).toArray(String[]::new);
    boolean nameShaped = words.length >= 2 && words.length <= 4 && Arrays.stream(words).allMatch(w -> NAME_WORD.matcher(w).matches());
    return !nameShaped || Arrays.stream(words).anyMatch(w -> benefitWords.contains(Labels.fold(w)));
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
