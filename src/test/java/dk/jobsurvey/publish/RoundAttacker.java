package dk.jobsurvey.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An attacker independent of the production audit: it knows only what a small round publishes
 * (by cell key, a count or hidden) and what any reader knows of the tables (respondents per
 * municipality and group; every item's n per municipality and group, at most their respondents;
 * texts per group, at most the group's respondents; a term's texts at most the group's texts; every
 * total the sum of its parts; counts whole and ≥ 0). From the unit-level unknowns up, it asks an
 * integer program solver (ojAlgo's MIP, not commons-math's simplex) how large a hidden count can be.
 */
final class RoundAttacker {
  /** A count no cell reaches (ojAlgo's integer search is not made for unbounded programs): reaching it means unbounded. */
  private static final long LARGE = 1_000_000;
  private final SmallRound round;
  private final Function<String, Long> published;

  /** @param published a cell key's published count, or null when hidden */
  RoundAttacker(SmallRound round, Function<String, Long> published) {
    this.round = round;
    this.published = published;
  }

  /** The largest whole value of the cell with this key consistent with everything published. */
  double highest(String key) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Unknowns unknowns = new Unknowns(model);
    int[] constraint = {0};
    for (SmallRound.Cell cell : round.cells()) {
      Long value = published.apply(cell.key());
      if (value != null) {
        Expression equal = model.addExpression("c" + constraint[0]++).level(value);
        unknowns.terms(cell).forEach(v -> equal.set(v, 1));
      }
    }
    Expression objective = model.addExpression("objective").weight(1);
    unknowns.terms(round.cell(key)).forEach(v -> objective.set(v, 1));
    Optimisation.Result result = model.maximise();
    if (!result.getState().isFeasible()) {
      throw new AssertionError("the published figures of " + round + " admit no table at all: " + result.getState());
    }
    return result.getValue() >= LARGE / 2 ? Double.POSITIVE_INFINITY : result.getValue();
  }

  /** The unit-level unknowns: respondents and item n per municipality × group, texts and term texts per group. */
  private final class Unknowns {
    private final Variable[][] respondents;
    private final Variable[][][] answered;
    private final Variable[] texts;
    private final Variable[][] terms;

    Unknowns(ExpressionsBasedModel model) {
      int m = round.municipalities();
      int g = round.groups();
      respondents = new Variable[m][g];
      answered = new Variable[round.items()][m][g];
      texts = new Variable[g];
      terms = new Variable[round.terms()][g];
      for (int k = 0; k < m; k++) {
        for (int j = 0; j < g; j++) {
          respondents[k][j] = model.addVariable("r" + k + "_" + j).lower(0).upper(LARGE).integer(true);
          for (int i = 0; i < round.items(); i++) {
            answered[i][k][j] = model.addVariable("n" + i + "_" + k + "_" + j).lower(0).upper(LARGE).integer(true);
            Expression atMost = model.addExpression("n≤r" + i + "_" + k + "_" + j).upper(0);
            atMost.set(answered[i][k][j], 1).set(respondents[k][j], -1);
          }
        }
      }
      for (int j = 0; j < g; j++) {
        texts[j] = model.addVariable("x" + j).lower(0).upper(LARGE).integer(true);
        Expression atMost = model.addExpression("x≤r" + j).upper(0);
        atMost.set(texts[j], 1);
        for (int k = 0; k < m; k++) {
          atMost.set(respondents[k][j], -1);
        }
        for (int t = 0; t < round.terms(); t++) {
          terms[t][j] = model.addVariable("y" + t + "_" + j).lower(0).upper(LARGE).integer(true);
          model.addExpression("y≤x" + t + "_" + j).upper(0).set(terms[t][j], 1).set(texts[j], -1);
        }
      }
    }

    /** The unknowns a cell's count is the sum of. */
    List<Variable> terms(SmallRound.Cell cell) {
      List<Variable> sum = new ArrayList<>();
      for (int k = 0; k < round.municipalities(); k++) {
        for (int j = 0; j < round.groups(); j++) {
          if ((cell.municipality() < 0 || cell.municipality() == k) && (cell.group() < 0 || cell.group() == j)) {
            switch (cell.kind()) {
              case RESPONDENTS -> sum.add(respondents[k][j]);
              case ITEM -> sum.add(answered[cell.index()][k][j]);
              case TEXTS -> {
                if (k == 0) {
                  sum.add(texts[j]);
                }
              }
              case TERM -> {
                if (k == 0) {
                  sum.add(terms[cell.index()][j]);
                }
              }
              default -> throw new IllegalStateException();
            }
          }
        }
      }
      return sum;
    }
  }
}
