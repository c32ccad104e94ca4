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
    boolean takeAll, double expectedResponseRate, double expectedResponses) {}
