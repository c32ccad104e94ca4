package dk.jobsurvey.report;

import dk.jobsurvey.estimate.ChangesSinceLastRound;
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
 * A round's published/estimates, published/response_rates and published/changes, read once (aggregates only: tens of
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

  /** One row of published/changes: a figure's change since {@link #previousRound()}, significant at 5 % or not. */
  public record Change(String table, String item, String statistic, String kommunekode, String ydelsesgruppe,
      boolean weighted, double change, double se, boolean significant) {}

  /** One row of published/response_rates (ydelsesgruppe null = the municipality). */
  public record Rate(String kommunekode, String ydelsesgruppe, long sampled, Long responded, Double responseRate,
      Long target, Double projected, boolean suppressed) {}

  private final List<Estimate> estimates;
  private final List<Rate> rates;
  private final Optional<String> previousRound;
  private final Map<List<Object>, Estimate> byKey = new HashMap<>();
  private final Map<List<Object>, Change> changeByKey = new HashMap<>();

  /** @param previousRound the round the changes compare with; empty for a first round (and no changes) */
  public PublishedResults(List<Estimate> estimates, List<Rate> rates, Optional<String> previousRound, List<Change> changes) {
    this.estimates = List.copyOf(estimates);
    this.rates = List.copyOf(rates);
    this.previousRound = previousRound;
    for (Estimate e : estimates) {
      byKey.put(Arrays.asList(e.table(), e.item(), e.statistic(), e.kommunekode(), e.ydelsesgruppe(), e.weighted()), e);
    }
    for (Change c : changes) {
      changeByKey.put(Arrays.asList(c.table(), c.item(), c.statistic(), c.kommunekode(), c.ydelsesgruppe(), c.weighted()), c);
    }
  }

  /** A round without an earlier one to compare with. */
  public PublishedResults(List<Estimate> estimates, List<Rate> rates) {
    this(estimates, rates, Optional.empty(), List.of());
  }

  public List<Estimate> estimates() {
    return estimates;
  }

  public List<Rate> rates() {
    return rates;
  }

  /** The round the changes compare with, if any. */
  public Optional<String> previousRound() {
    return previousRound;
  }

  private static final String REPORTED_TABLES = "table_name IN ('national', 'kommune', 'ydelsesgruppe', 'kommune_ydelsesgruppe')";

  public static PublishedResults read(Warehouse warehouse, String round) {
    List<Estimate> estimates = warehouse.readRound(Table.ESTIMATES, round)
        .where(REPORTED_TABLES).collectAsList().stream()
        .map(r -> new Estimate(r.getAs("table_name"), r.getAs("item"), r.getAs("statistic"), r.getAs("kommunekode"),
            r.getAs("ydelsesgruppe"), r.getAs("weighted"), r.getAs("n"), r.getAs("estimate"), r.getAs("ci_low"),
            r.getAs("ci_high"), r.getAs("difference_to_others"), r.getAs("difference_se"), r.getAs("suppressed"))).toList();
    List<Rate> rates = warehouse.readRound(Table.RESPONSE_RATES, round).collectAsList().stream()
        .map(PublishedResults::rate).toList();
    List<org.apache.spark.sql.Row> changed = !warehouse.exists(Table.CHANGES) ? List.of()
        : warehouse.readRound(Table.CHANGES, round).where(REPORTED_TABLES + " OR table_name = '"
            + ChangesSinceLastRound.SAME_MUNICIPALITIES + "'").collectAsList();
    // The round the changes were computed against; without any change, the round they would have been.
    Optional<String> previous = changed.isEmpty() ? ChangesSinceLastRound.previousRound(warehouse, round)
        : Optional.of(changed.get(0).getAs("previous_round"));
    List<Change> changes = changed.stream()
            .map(r -> new Change(r.getAs("table_name"), r.getAs("item"), r.getAs("statistic"), r.getAs("kommunekode"),
                r.getAs("ydelsesgruppe"), r.getAs("weighted"), r.getAs("change"), r.getAs("se"), r.getAs("significant")))
            .toList();
    return new PublishedResults(estimates, rates, previous, changes);
  }

  private static Rate rate(Row r) {
    return new Rate(r.getAs("kommunekode"), r.getAs("ydelsesgruppe"), r.<Long>getAs("sampled"), r.getAs("responded"),
        r.getAs("response_rate"), r.getAs("target_responses"), r.getAs("projected_responses"), r.getAs("suppressed"));
  }

  /** The change of a figure since the previous round (keys as {@link #find}); empty where none is published. */
  public Optional<Change> change(String item, String statistic, String kommunekode, String ydelsesgruppe, boolean weighted) {
    return Optional.ofNullable(changeByKey.get(Arrays.asList(table(kommunekode, ydelsesgruppe), item, statistic, kommunekode,
        ydelsesgruppe, weighted)));
  }

  /**
   * The national change over the municipalities in both rounds (like with like); empty where the
   * participants did not change or the figure is not published.
   */
  public Optional<Change> sameMunicipalitiesChange(String item, String statistic) {
    return Optional.ofNullable(changeByKey.get(Arrays.asList(ChangesSinceLastRound.SAME_MUNICIPALITIES, item, statistic, null,
        null, true)));
  }

  /** Whether the round has national changes over the municipalities in both rounds. */
  public boolean hasSameMunicipalitiesChanges() {
    return changeByKey.values().stream().anyMatch(c -> c.table().equals(ChangesSinceLastRound.SAME_MUNICIPALITIES));
  }

  /** Whether any of the municipality's figures (null: the nation's) has a change: false for one new in the round. */
  public boolean hasChanges(String kommunekode) {
    return changeByKey.values().stream().anyMatch(c -> Objects.equals(c.kommunekode(), kommunekode));
  }

  /** The municipalities with a change of any figure, in code order: those with published figures in both rounds. */
  public List<String> municipalitiesInBothRounds() {
    return changeByKey.values().stream().map(Change::kommunekode).filter(Objects::nonNull).distinct().sorted().toList();
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
    return Optional.ofNullable(byKey.get(Arrays.asList(table(kommunekode, ydelsesgruppe), item, statistic, kommunekode,
        ydelsesgruppe, weighted)));
  }

  private static String table(String kommunekode, String ydelsesgruppe) {
    return kommunekode == null ? (ydelsesgruppe == null ? "national" : "ydelsesgruppe")
        : (ydelsesgruppe == null ? "kommune" : "kommune_ydelsesgruppe");
  }
}
