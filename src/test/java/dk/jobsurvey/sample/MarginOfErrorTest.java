package dk.jobsurvey.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected margins of error the sample step reports before fieldwork, worked by hand. */
class MarginOfErrorTest {
  private static StratumAllocation stratum(String group, long population, double expectedResponses) {
    return new StratumAllocation("101", group, population, Math.round(expectedResponses / 0.25), false, 0.25, expectedResponses);
  }

  @Test
  void aStratumIsASimpleRandomSampleOfItsPopulation() {
    // N = 100, 25 expected responses: 1.96·√((1 − 25/100)·0.25/25) = 1.96·√0.0075 = 0.169741...
    assertThat(stratum("dagpenge", 100, 25).marginOfError()).isCloseTo(1.959963984540054 * Math.sqrt(0.0075), within(1e-15));
    // Everyone responds: nothing is uncertain. Under two expected responses: no variance to estimate.
    assertThat(stratum("dagpenge", 12, 12).marginOfError()).isZero();
    assertThat(stratum("dagpenge", 12, 1.5).marginOfError()).isNaN();
  }

  @Test
  void aMunicipalityCarriesTheDesignEffectOfItsAllocation() {
    // Two groups of 900 and 100 persons with 50 expected responses each: W = 0.9 and 0.1.
    // V = 0.81·(1 − 50/900)·0.25/50 + 0.01·(1 − 50/100)·0.25/50 = 0.0038250 + 0.0000250 = 0.00385.
    // A simple random sample of 100 of 1000: (1 − 0.1)·0.25/100 = 0.00225, so deff = 0.00385/0.00225 = 1.7111...
    MunicipalityAllocation municipality = new MunicipalityAllocation("101", 400, false,
        List.of(stratum("dagpenge", 900, 50), stratum("sygedagpenge", 100, 50)), 200);
    double variance = 0.81 * (1 - 50.0 / 900) * 0.25 / 50 + 0.01 * 0.5 * 0.25 / 50;
    assertThat(municipality.marginOfError()).isCloseTo(1.959963984540054 * Math.sqrt(variance), within(1e-15));
    assertThat(municipality.designEffect()).isCloseTo(variance / 0.00225, within(1e-12));
    assertThat(municipality.designEffect()).isGreaterThan(1);
  }

  @Test
  void aProportionalAllocationHasNoDesignEffect() {
    MunicipalityAllocation municipality = new MunicipalityAllocation("101", 100, false,
        List.of(stratum("dagpenge", 600, 60), stratum("sygedagpenge", 400, 40)), 100);
    assertThat(municipality.designEffect()).isCloseTo(1.0, within(1e-12));
  }
}
