package dk.jobsurvey.estimate;

import dk.jobsurvey.config.QuestionnaireVersions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The change of every weighted figure published in two rounds (DESIGN.md §8b): for each table, domain,
 * statistic and item (or theme) that the round {@code now} and the earlier round {@code before} both
 * published, and that compares (the same item, a comparable rewording, or a theme whose items all
 * compare), the change now − before, its SE √(SE_now² + SE_before²) and a 95 % CI; significant
 * where the CI excludes 0. The SE assumes the two rounds are independent samples: with the same
 * persons in both rounds, answers correlate positively and the true SE is smaller, so the
 * assumption errs on the cautious side (the overlap is counted and reported with the changes).
 *
 * <p>Only published figures go in, only their difference comes out: a change reveals nothing the
 * two rounds' tables did not, and a figure suppressed in either round has no change.
 */
public final class RoundChanges {
  /** A published figure of one round; the domain maps each variable of the table to its value. */
  public record Figure(String table, String item, String statistic, Map<String, String> domain, boolean weighted, long n,
      double estimate, double se) {}

  /** The change of a figure between the rounds; {@code itemBefore} is the id it was asked under before. */
  public record Change(String table, String item, String itemBefore, String statistic, Map<String, String> domain,
      boolean weighted, long n, long nBefore, double estimate, double estimateBefore, double change, double se) {
    public double ciLow() {
      return change - Estimate.Z_95 * se;
    }

    public double ciHigh() {
      return change + Estimate.Z_95 * se;
    }

    /** At 5 %: |change| > 1.96 SE. */
    public boolean significant() {
      return Math.abs(change) > Estimate.Z_95 * se;
    }
  }

  private RoundChanges() {}

  /**
   * The changes of the weighted figures from {@code before} to {@code now}, in the order of
   * {@code now}; Cronbach's alpha is not compared.
   */
  public static List<Change> between(QuestionnaireVersions.Comparison comparison, List<Figure> before, List<Figure> now) {
    Map<String, Figure> earlier = new HashMap<>();
    before.forEach(figure -> earlier.put(key(figure, figure.item()), figure));
    List<Change> changes = new ArrayList<>();
    for (Figure figure : now) {
      // Only weighted figures estimate the population; an unweighted one also moves with who happened to answer.
      if (!figure.weighted()) {
        continue;
      }
      Optional<String> itemBefore = itemBefore(comparison, figure);
      if (itemBefore.isEmpty()) {
        continue;
      }
      Figure then = earlier.get(key(figure, itemBefore.get()));
      if (then == null) {
        continue;
      }
      changes.add(new Change(figure.table(), figure.item(), then.item(), figure.statistic(), figure.domain(), figure.weighted(),
          figure.n(), then.n(), figure.estimate(), then.estimate(), figure.estimate() - then.estimate(),
          Math.hypot(figure.se(), then.se())));
    }
    return changes;
  }

  private static Optional<String> itemBefore(QuestionnaireVersions.Comparison comparison, Figure figure) {
    switch (figure.statistic()) {
      case Measure.SHARE_POSITIVE:
      case Measure.MEAN:
        return Optional.ofNullable(comparison.items().get(figure.item()));
      case Measure.THEME_INDEX:
        return comparison.themes().contains(figure.item()) ? Optional.of(figure.item()) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static String key(Figure figure, String item) {
    return String.join("\u0000", figure.table(), item, figure.statistic(), Boolean.toString(figure.weighted()),
        new TreeMap<>(figure.domain()).toString());
  }
}
