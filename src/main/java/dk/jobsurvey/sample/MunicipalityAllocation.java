package dk.jobsurvey.sample;

import java.util.List;

/**
 * The allocation of one municipality.
 *
 * @param sizeRuleTarget n_m from the size rule, before the response floor raised it
 * @param census every eligible person is sampled
 * @param strata one per benefit group, in configuration order
 * @param minResponses the response floor the allocation aimed at
 */
public record MunicipalityAllocation(String kommunekode, long sizeRuleTarget, boolean census, List<StratumAllocation> strata,
    int minResponses) {

  public long populationSize() {
    return strata.stream().mapToLong(StratumAllocation::populationSize).sum();
  }

  public long sampleSize() {
    return strata.stream().mapToLong(StratumAllocation::sampleSize).sum();
  }

  public double expectedResponses() {
    return strata.stream().mapToDouble(StratumAllocation::expectedResponses).sum();
  }

  /**
   * The expected 95 % margin of error of the municipality's share of 50 %: its groups are strata of
   * weight W_h = N_h/N, so 1.96·√(Σ W_h²·(1 − r_h/N_h)·0.25/r_h). Against a simple random sample of
   * the same expected respondents this carries the allocation's design effect; NaN when a stratum
   * with population expects fewer than two responses.
   */
  public double marginOfError() {
    return StratumAllocation.Z_95 * Math.sqrt(stratifiedVariance());
  }

  /** The variance above over that of a simple random sample of as many respondents: the allocation's design effect. */
  public double designEffect() {
    double respondents = expectedResponses();
    double simple = Math.max(0, 1 - respondents / populationSize()) * 0.25 / respondents;
    return stratifiedVariance() / simple;
  }

  private double stratifiedVariance() {
    double total = populationSize();
    double variance = 0;
    for (StratumAllocation stratum : strata) {
      if (stratum.populationSize() > 0) {
        double share = stratum.populationSize() / total;
        variance += share * share * stratum.shareVariance();
      }
    }
    return variance;
  }

  /** Expected responses fall short of the floor even though every eligible person is asked. */
  public boolean shortOfFloor() {
    return expectedResponses() < minResponses;
  }
}
