package dk.jobsurvey.sample;

/**
 * One stratum h = (kommunekode, ydelsesgruppe) of the allocation.
 *
 * @param populationSize N_h, eligible persons
 * @param sampleSize n_h
 * @param takeAll the whole stratum is sampled (n_h = N_h > 0)
 * @param expectedResponseRate rr_g
 * @param expectedResponses n_h·rr_g
 */
public record StratumAllocation(String kommunekode, String ydelsesgruppe, long populationSize, long sampleSize,
    boolean takeAll, double expectedResponseRate, double expectedResponses) {
  /** z for a 95 % interval, as the estimates use. */
  static final double Z_95 = 1.959963984540054;

  /**
   * The expected 95 % margin of error of a share of 50 % in this stratum, before fieldwork: the
   * respondents are a simple random sample of the stratum, so 1.96·√((1 − r/N)·0.25/r) with r the
   * expected responses; NaN when fewer than two responses are expected (no variance to estimate).
   */
  public double marginOfError() {
    return Z_95 * Math.sqrt(shareVariance());
  }

  /** The variance of a share of 50 % estimated from the expected respondents: (1 − r/N)·0.25/r; NaN for r < 2. */
  double shareVariance() {
    if (expectedResponses < 2) {
      return Double.NaN;
    }
    return Math.max(0, 1 - expectedResponses / populationSize) * 0.25 / expectedResponses;
  }
}
