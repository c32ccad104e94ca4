package dk.jobsurvey.report;

import dk.jobsurvey.warehouse.Table;
import dk.jobsurvey.warehouse.Warehouse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * A round's published/estimates and published/response_rates, read once (aggregates only: tens of
 * thousands of rows nationally). Reports are made from nothing else.
 */
public final class PublishedResults {
  /**
   * One row of published/estimates; figures null when suppressed or when no one answered; the
   * difference to the other municipalities and its SE null where none is published.
   */
  public record Estimate(String table, String item, String statistic, String kommunekode, String ydelsesgruppe,
      boolean weighted, Long n, Double estimate, Double ciLow, Double ciHigh, Double difference, Double differenceSe,
      boolean suppressed) {
    /** A figure without a comparison. */
    public Estimate(String table, String item, String statistic, String kommunekode, String ydelsesgruppe,
        boolean weighted, Long n, Double estimate, Double ciLow, Double ciHigh, boolean suppressed) {
      this(table, item, statistic, kommunekode, ydelsesgruppe, weighted, n, estimate, ciLow, ciHigh, null, null, suppressed);
    }
  }

  /** One row of published/response_rates (ydelsesgruppe null = the municipality). */
  public record Rate(String kommunekode, String ydelsesgruppe, long sampled, Long responded, Double responseRate,
      Long target, Double projected, boolean suppressed) {}

  private final List<Estimate> estimates;
  private final List<Rate> rates;
  private final Map<List<Object>, Estimate> byKey = new HashMap<>();

  public PublishedResults(List<Estimate> estimates, List<Rate> rates) {
    this.estimates = List.copyOf(estimates);
    this.rates = List.copyOf(rates);
    for (Estimate e : estimates) {
      byKey.put(Arrays.asList(e.table(), e.item(), e.statistic(), e.kommunekode(), e.ydelsesgruppe(), e.weighted()), e);
    }
  }

  public List<Estimate> estimates() {
    return estimates;
  }

  public List<Rate> rates() {
    return rates;
  }

  public static PublishedResults read(Warehouse warehouse, String round) {
    List<Estimate> estimates = warehouse.readRound(Table.ESTIMATES, round)
        .where("table_name IN ('national', 'kommune', 'ydelsesgruppe', 'kommune_ydelsesgruppe')").collectAsList().stream()
        .map(r -> new Estimate(r.getAs("table_name"), r.getAs("item"), r.getAs("statistic"), r.getAs("kommunekode"),
            r.getAs("ydelsesgruppe"), r.getAs("weighted"), r.getAs("n"), r.getAs("estimate"), r.getAs("ci_low"),
            r.getAs("ci_high"), r.getAs("difference_to_others"), r.getAs("difference_se"), r.getAs("suppressed"))).toList();
    List<Rate> rates = warehouse.readRound(Table.RESPONSE_RATES, round).collectAsList().stream()
        .map(PublishedResults::rate).toList();
    return new PublishedResults(estimates, rates);
  }

  private static Rate rate(Row r) {
    return new Rate(r.getAs("kommunekode"), r.getAs("ydelsesgruppe"), r.<Long>getAs("sampled"), r.getAs("responded"),
        r.getAs("response_rate"), r.getAs("target_responses"), r.getAs("projected_responses"), r.getAs("suppressed"));
  }

  /** The municipalities with results, in code order. */
  public List<String> municipalities() {
    return estimates.stream().map(Estimate::kommunekode).filter(Objects::nonNull).distinct().sorted().toList();
  }

  /**
   * The figure of a measure for a municipality (null = all) and group (null = all), from the table
   * with exactly those variables.
   */
  public Optional<Estimate> find(String item, String statistic, String kommunekode, String ydelsesgruppe, boolean weighted) {
    String table = kommunekode == null ? (ydelsesgruppe == null ? "national" : "ydelsesgruppe")
        : (ydelsesgruppe == null ? "kommune" : "kommune_ydelsesgruppe");
    return Optional.ofNullable(byKey.get(Arrays.asList(table, item, statistic, kommunekode, ydelsesgruppe, weighted)));
  }
}
