package dk.jobsurvey.bench;

import dk.jobsurvey.config.Band;
import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.estimate.CalibrationMargin;
import dk.jobsurvey.estimate.Estimate;
import dk.jobsurvey.estimate.EstimationCell;
import dk.jobsurvey.estimate.LinearizedEstimator;
import dk.jobsurvey.sample.AllocationRule;
import dk.jobsurvey.sample.StratumAllocation;
import dk.jobsurvey.weight.CellWeighting;
import dk.jobsurvey.weight.MergeRules;
import dk.jobsurvey.weight.WeightRespondents;
import dk.jobsurvey.weight.WeightingException;
import dk.jobsurvey.weight.WeightingProblem;
import dk.jobsurvey.weight.WeightingResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Does weighting complete on every round (issue [L])? Simulates national rounds on cells: all 98
 * municipalities (the 10 smallest among them) with the eligible population of the population frame
 * (persons per inhabitant, the four groups' shares, gender, age and duration bands), the sample
 * step's own allocation ({@link AllocationRule}) drawn by simple random sampling in each stratum,
 * and the response simulator's propensities (by group, rising with age), scaled by 0.5 and by 1.
 * Each round is weighted with the configured margins and settings ({@link CellWeighting}) and
 * tabulated (a share and its SE nationally and per municipality, on the merged margins). Reports how
 * many rounds completed, the largest margin error, and the merges per round.
 */
public final class WeightRobustness {
  /** The outcome of one simulated round. */
  record Round(long seed, double responseScale, boolean completed, String failure, double marginError, long mergedStrata,
      long mergedCategories, long respondents, boolean estimatesFinite) {}

  private WeightRobustness() {}

  public static BenchmarkReport run(Survey survey, int rounds, long firstSeed) {
    BenchmarkReport report = new BenchmarkReport("weighting robustness: simulated national rounds, weight + tabulate on cells");
    CellWeighting weighting = new CellWeighting(survey.weighting(), MergeRules.of(survey));
    List<Round> results = new ArrayList<>();
    long started = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      double scale = r % 2 == 0 ? 1.0 : 0.5;
      results.add(round(survey, weighting, firstSeed + r, scale));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long completed = results.stream().filter(Round::completed).count();
    long respondents = results.stream().mapToLong(Round::respondents).sum();
    report.record(String.format(Locale.ROOT, "%d rounds: simulate, weight and tabulate", rounds), seconds, respondents);
    report.note(String.format(Locale.ROOT, "rounds completed: %d / %d (seeds %d-%d; response rates × 1 and × 0.5 alternately)",
        completed, rounds, firstSeed, firstSeed + rounds - 1));
    for (double scale : new double[] {1.0, 0.5}) {
      List<Round> ofScale = results.stream().filter(x -> x.responseScale() == scale).toList();
      report.note(String.format(Locale.ROOT, "response rates × %.1f: %d / %d completed; largest relative margin error %.2e; "
              + "merged strata per round %s; merged margin classes per round %s; respondents per round %s",
          scale, ofScale.stream().filter(Round::completed).count(), ofScale.size(),
          ofScale.stream().filter(Round::completed).mapToDouble(Round::marginError).max().orElse(Double.NaN),
          range(ofScale.stream().filter(Round::completed).mapToLong(Round::mergedStrata).toArray()),
          range(ofScale.stream().filter(Round::completed).mapToLong(Round::mergedCategories).toArray()),
          range(ofScale.stream().mapToLong(Round::respondents).toArray())));
    }
    long finite = results.stream().filter(x -> x.completed() && x.estimatesFinite()).count();
    report.note(String.format(Locale.ROOT, "tabulated with a finite share and SE nationally and in every municipality: %d / %d", finite,
        completed));
    results.stream().filter(x -> !x.completed()).limit(10)
        .forEach(x -> report.note(String.format(Locale.ROOT, "FAILED seed %d (× %.1f): %s", x.seed(), x.responseScale(), x.failure())));
    report.note("rows = respondents over all rounds; target: every round completes with every margin within 1e-10");
    return report;
  }

  private static String range(long[] values) {
    if (values.length == 0) {
      return "-";
    }
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return String.format(Locale.ROOT, "%d-%d (median %d)", sorted[0], sorted[sorted.length - 1], sorted[sorted.length / 2]);
  }

  static Round round(Survey survey, CellWeighting weighting, long seed, double responseScale) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> variables = WeightRespondents.cellVariables(survey);
    List<BenefitGroup> groups = survey.groups();
    AllocationRule allocation = new AllocationRule(survey.sample(), groups);
    Map<List<String>, long[]> cells = new LinkedHashMap<>();
    Map<List<String>, double[]> answers = new HashMap<>();
    for (Municipalities.Municipality municipality : Municipalities.all()) {
      long[] sizes = new long[groups.size()];
      for (int g = 0; g < groups.size(); g++) {
        double expected = municipality.population() * PopulationFrame.ELIGIBLE_PER_INHABITANT * PopulationFrame.GROUP_SHARES[g];
        sizes[g] = Math.max(0, Math.round(expected + Math.sqrt(expected) * random.nextGaussian()));
      }
      List<StratumAllocation> strata = allocation.allocate(municipality.code(), sizes).strata();
      for (int g = 0; g < groups.size(); g++) {
        String group = groups.get(g).id();
        long sampled = strata.stream().filter(s -> s.ydelsesgruppe().equals(group)).mapToLong(StratumAllocation::sampleSize)
            .findFirst().orElse(0);
        for (long person = 0; person < sizes[g]; person++) {
          int age = 18 + random.nextInt(49);
          int months = (int) Math.min(120, -14 * Math.log(1 - random.nextDouble()));
          Map<String, String> values = Map.of("kommunekode", municipality.code(), "ydelsesgruppe", group,
              "koen", random.nextBoolean() ? "K" : "M", "aldersgruppe", Band.labelOf(survey.ageBands(), age),
              "varighedsgruppe", Band.labelOf(survey.durationBands(), months));
          List<String> cell = variables.stream().map(values::get).toList();
          long[] counts = cells.computeIfAbsent(cell, k -> new long[2]);
          counts[0]++;
          // Simple random sampling without replacement, person by person: sampled with the remaining share.
          if (random.nextDouble() * (sizes[g] - person) < sampled) {
            sampled--;
            if (random.nextDouble() < responseScale * propensity(group, age)) {
              counts[1]++;
              double[] sums = answers.computeIfAbsent(cell, k -> new double[3]);
              double positive = random.nextDouble() < 0.55 ? 1 : 0;
              sums[0]++;
              sums[1] += positive;
              sums[2] += positive;
            }
          }
        }
      }
    }
    List<WeightingProblem.PopulationCell> populationCells = new ArrayList<>();
    cells.forEach((cell, counts) -> populationCells.add(new WeightingProblem.PopulationCell(cell, counts[0], counts[1])));
    long respondents = populationCells.stream().mapToLong(WeightingProblem.PopulationCell::respondents).sum();
    WeightingResult result;
    try {
      result = weighting.weigh(WeightingProblem.fromPopulationCells(variables, WeightRespondents.STRATUM_VARIABLES,
          survey.weighting().margins(), populationCells));
    } catch (WeightingException e) {
      return new Round(seed, responseScale, false, e.getMessage(), Double.NaN, 0, 0, respondents, false);
    }
    double marginError = result.marginClasses().stream().mapToDouble(WeightingResult.MarginClass::relativeError).max().orElse(0);
    return new Round(seed, responseScale, result.converged(), result.converged() ? "" : "not converged", marginError,
        result.strata().stream().filter(WeightingResult.Stratum::merged).count(),
        result.marginClasses().stream().filter(WeightingResult.MarginClass::merged).count(), respondents,
        estimatesFinite(survey, variables, result, answers));
  }

  /** The response simulator's propensity: by group, ±0.08 over 20 years from age 40. */
  private static double propensity(String group, int age) {
    double base = switch (group) {
      case "dagpenge" -> 0.38;
      case "sygedagpenge" -> 0.34;
      case "jobparate" -> 0.28;
      default -> 0.18;
    };
    return base + 0.08 * Math.max(-1, Math.min(1, (age - 40) / 20.0));
  }

  /** A share nationally and per municipality on the merged margins: every estimate and SE finite. */
  private static boolean estimatesFinite(Survey survey, List<String> variables, WeightingResult result,
      Map<List<String>, double[]> answers) {
    List<EstimationCell> cells = new ArrayList<>();
    for (WeightingResult.Cell cell : result.cells()) {
      double[] sums = answers.get(cell.values());
      cells.add(new EstimationCell(cell.values(), cell.stratum(), cell.stratumPopulation(), cell.stratumRespondents(),
          cell.baseWeight(), cell.finalWeight(), cell.respondents(), new long[] {(long) sums[0]}, new double[] {sums[1]},
          new double[] {sums[2]}));
    }
    LinearizedEstimator estimator = new LinearizedEstimator(variables,
        CalibrationMargin.asWeighted(survey.weighting().margins(), result), cells);
    Map<String, List<Integer>> byMunicipality = new TreeMap<>();
    for (int c = 0; c < cells.size(); c++) {
      byMunicipality.computeIfAbsent(cells.get(c).values().get(variables.indexOf("kommunekode")), k -> new ArrayList<>()).add(c);
    }
    List<Estimate> estimates = new ArrayList<>(List.of(estimator.weighted(IntStream.range(0, cells.size()).toArray(), 0)));
    byMunicipality.values().forEach(domain -> estimates.add(estimator.weighted(domain.stream().mapToInt(i -> i).toArray(), 0)));
    return estimates.size() == Municipalities.all().size() + 1
        && estimates.stream().allMatch(e -> Double.isFinite(e.estimate()) && Double.isFinite(e.se()));
  }
}
