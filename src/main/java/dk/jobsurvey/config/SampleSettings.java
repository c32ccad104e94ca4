package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;

/** Sample design parameters (DESIGN.md §4). */
public record SampleSettings(
    long seed, SampleSize size, int minGroupResponses, int minResponses, Coordination coordination) {
  public SampleSettings {
    require(minGroupResponses >= 0, "min_group_responses", "0 or more, got " + minGroupResponses);
    require(minResponses >= 0, "min_responses", "0 or more, got " + minResponses);
  }

  /** The municipality size rule: n_m from N_m, interpolated between (N_low, n_min) and (N_high, n_max). */
  public record SampleSize(int nMin, int nMax, int populationLow, int populationHigh) {
    public SampleSize {
      require(nMin >= 1, "n_min", "1 or more, got " + nMin);
      require(nMax >= nMin, "n_max", "at least n_min (" + nMin + "), got " + nMax);
      require(populationLow >= 0, "population_low", "0 or more, got " + populationLow);
      require(populationHigh > populationLow, "population_high",
          "more than population_low (" + populationLow + "), got " + populationHigh);
    }
  }

  /** Optional coordination with earlier rounds: persons sampled in them come last. */
  public record Coordination(boolean enabled, List<String> earlierRounds) {
    public Coordination {
      for (String round : earlierRounds) {
        require(SurveyRound.isValid(round), "earlier_rounds", SurveyRound.EXPECTATION + ", got '" + round + "'");
      }
      require(!enabled || !earlierRounds.isEmpty(), "earlier_rounds", "at least one round when coordination is enabled");
      earlierRounds = List.copyOf(earlierRounds);
    }
  }
}
