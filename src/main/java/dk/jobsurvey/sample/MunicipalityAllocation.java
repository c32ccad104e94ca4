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

  /** Expected responses fall short of the floor even though every eligible person is asked. */
  public boolean shortOfFloor() {
    return expectedResponses() < minResponses;
  }
}
