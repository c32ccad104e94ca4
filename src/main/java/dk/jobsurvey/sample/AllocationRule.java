package dk.jobsurvey.sample;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.SampleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample allocation of DESIGN.md §4, as plain Java on one municipality's stratum counts:
 *
 * <ol>
 *   <li>size: n_m = n_min + (n_max − n_min)·clamp((N_m − N_low)/(N_high − N_low), 0, 1), rounded up;
 *   <li>group split: n_g = min(N_g, max(k_g, λ·N_g/rr_g)), k_g = ⌈min_group_responses/rr_g⌉, with λ
 *       solved exactly (the sum is piecewise linear in λ) so that Σ n_g = n_m; integers by largest
 *       remainder, ties to the earlier group in the configuration;
 *   <li>response floor: while Σ n_g·rr_g < min_responses, n_m grows by one, until the floor is met or
 *       every stratum is taken whole;
 *   <li>N_m ≤ n_m: a full census.
 * </ol>
 * When even the group minimums exceed n_m, each group gets its minimum (capped at N_g) and the
 * municipality's sample is larger than n_m; this is reported, not an error.
 */
public final class AllocationRule {
  private final SampleSettings settings;
  private final List<BenefitGroup> groups;

  public AllocationRule(SampleSettings settings, List<BenefitGroup> groups) {
    this.settings = settings;
    this.groups = List.copyOf(groups);
  }

  /** The allocation of one municipality; {@code populations} holds N_g in the order of the groups. */
  public MunicipalityAllocation allocate(String kommunekode, long[] populations) {
    if (populations.length != groups.size()) {
      throw new IllegalArgumentException("one population count per group expected, got " + populations.length);
    }
    long total = 0;
    for (long n : populations) {
      total += n;
    }
    long target = sizeRule(total);
    long size = target;
    while (true) {
      if (total <= size) {
        return result(kommunekode, populations, populations.clone(), target, true);
      }
      long[] split = split(populations, size);
      if (expectedResponses(split) >= settings.minResponses()) {
        return result(kommunekode, populations, split, target, false);
      }
      size++;
    }
  }

  /** n_m for a municipality of {@code total} eligible persons. */
  long sizeRule(long total) {
    SampleSettings.SampleSize rule = settings.size();
    double share = (double) (total - rule.populationLow()) / (rule.populationHigh() - rule.populationLow());
    double clamped = Math.max(0, Math.min(1, share));
    return (long) Math.ceil(rule.nMin() + (rule.nMax() - rule.nMin()) * clamped - 1e-9);
  }

  private long minimumOf(int g) {
    return (long) Math.ceil(settings.minGroupResponses() / groups.get(g).expectedResponseRate() - 1e-9);
  }

  /** The integer split of {@code size} (< N_m) over the groups. */
  long[] split(long[] populations, long size) {
    double[] real = realSplit(populations, size);
    long[] result = new long[real.length];
    double sum = 0;
    long floors = 0;
    for (int g = 0; g < real.length; g++) {
      result[g] = (long) Math.floor(real[g] + 1e-9);
      floors += result[g];
      sum += real[g];
    }
    long remaining = Math.round(sum) - floors;
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < real.length; g++) {
      order.add(g);
    }
    // Largest remainder first; equal remainders go to the earlier group in the configuration.
    order.sort((a, b) -> {
      double difference = fraction(real[b], result[b]) - fraction(real[a], result[a]);
      return Math.abs(difference) > 1e-9 ? (difference > 0 ? 1 : -1) : Integer.compare(a, b);
    });
    for (int i = 0; i < order.size() && remaining > 0; i++) {
      int g = order.get(i);
      if (result[g] < populations[g]) {
        result[g]++;
        remaining--;
      }
    }
    return result;
  }

  private static double fraction(double real, long floor) {
    double fraction = real - floor;
    return Math.abs(fraction) < 1e-9 ? 0 : fraction;
  }

  /** n_g = min(N_g, max(k_g, λ·N_g/rr_g)) with Σ n_g = size, solved exactly on the piecewise-linear sum. */
  double[] realSplit(long[] populations, long size) {
    int count = populations.length;
    double atZero = 0;
    List<Double> breakpoints = new ArrayList<>();
    breakpoints.add(0.0);
    for (int g = 0; g < count; g++) {
      double rate = groups.get(g).expectedResponseRate();
      atZero += Math.min(populations[g], minimumOf(g));
      if (populations[g] > 0) {
        breakpoints.add(minimumOf(g) * rate / populations[g]);
        breakpoints.add(rate);
      }
    }
    double[] split = new double[count];
    if (atZero >= size) {
      for (int g = 0; g < count; g++) {
        split[g] = Math.min(populations[g], minimumOf(g));
      }
      return split;
    }
    breakpoints.sort(Double::compare);
    // Find the segment [lo, hi] of λ on which the sum crosses size, then solve linearly on it.
    double lo = 0;
    for (double hi : breakpoints) {
      if (hi <= lo) {
        continue;
      }
      if (sumAt(populations, hi) >= size) {
        double atLo = sumAt(populations, lo);
        double slope = (sumAt(populations, hi) - atLo) / (hi - lo);
        double lambda = lo + (size - atLo) / slope;
        for (int g = 0; g < count; g++) {
          split[g] = groupAt(populations, g, lambda);
        }
        return split;
      }
      lo = hi;
    }
    throw new IllegalStateException("size " + size + " is not below the population; it is a census");
  }

  private double sumAt(long[] populations, double lambda) {
    double sum = 0;
    for (int g = 0; g < populations.length; g++) {
      sum += groupAt(populations, g, lambda);
    }
    return sum;
  }

  private double groupAt(long[] populations, int g, double lambda) {
    double proportional = lambda * populations[g] / groups.get(g).expectedResponseRate();
    return Math.min(populations[g], Math.max(minimumOf(g), proportional));
  }

  private double expectedResponses(long[] split) {
    double expected = 0;
    for (int g = 0; g < split.length; g++) {
      expected += split[g] * groups.get(g).expectedResponseRate();
    }
    return expected;
  }

  private MunicipalityAllocation result(String kommunekode, long[] populations, long[] sample, long target, boolean census) {
    List<StratumAllocation> strata = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      double rate = groups.get(g).expectedResponseRate();
      strata.add(new StratumAllocation(kommunekode, groups.get(g).id(), populations[g], sample[g],
          populations[g] > 0 && sample[g] == populations[g], rate, sample[g] * rate));
    }
    return new MunicipalityAllocation(kommunekode, target, census, strata, settings.minResponses());
  }
}
