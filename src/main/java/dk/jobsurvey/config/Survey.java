package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * conf/survey.yaml: every parameter of DESIGN.md, bound to immutable records and validated once at
 * start. Stages receive the parts they need; none reads YAML or environment variables itself.
 */
public record Survey(
    String round,
    ReferenceDates referenceDates,
    IngestSettings ingest,
    List<BenefitGroup> groups,
    List<String> outOfScopeBenefits,
    List<Band> ageBands,
    List<Band> durationBands,
    SampleSettings sample,
    FieldworkSettings fieldwork,
    ResponseExportSettings responses,
    WeightingSettings weighting,
    List<TableSpec> tables,
    SuppressionSettings suppression,
    ReportSettings reports,
    KeyFiles keys) {

  /** Domain variables a margin or a table may use (columns of analysis/population). */
  public static final List<String> DOMAIN_VARIABLES =
      List.of("kommunekode", "ydelsesgruppe", "koen", "aldersgruppe", "varighedsgruppe");

  public Survey {
    require(round.matches(SurveyRound.PATTERN), "round", SurveyRound.EXPECTATION + ", got '" + round + "'");
    require(!groups.isEmpty(), "groups", "at least one benefit group");
    Set<String> ids = new HashSet<>();
    for (BenefitGroup group : groups) {
      require(ids.add(group.id()), "groups", "unique group ids, '" + group.id() + "' appears twice");
    }
    Band.requireAscending(ageBands, "age_bands");
    Band.requireAscending(durationBands, "duration_bands");
    for (List<String> margin : weighting.margins()) {
      requireDomainVariables(margin, "weighting.margins");
    }
    for (var entry : weighting.collapseOrder().entrySet()) {
      require(ids.contains(entry.getKey()) && ids.contains(entry.getValue()), "weighting.collapse_order",
          "group ids from `groups`, got " + entry.getKey() + " → " + entry.getValue());
    }
    require(!tables.isEmpty(), "tables", "at least one table");
    Set<String> tableNames = new HashSet<>();
    for (TableSpec table : tables) {
      require(tableNames.add(table.name()), "tables", "unique table names, '" + table.name() + "' appears twice");
      requireDomainVariables(table.by(), "tables." + table.name() + ".by");
    }
    groups = List.copyOf(groups);
    outOfScopeBenefits = List.copyOf(outOfScopeBenefits);
    ageBands = List.copyOf(ageBands);
    durationBands = List.copyOf(durationBands);
    tables = List.copyOf(tables);
  }

  private static void requireDomainVariables(List<String> variables, String key) {
    for (String variable : variables) {
      require(DOMAIN_VARIABLES.contains(variable), key, "variables among " + DOMAIN_VARIABLES + ", got '" + variable + "'");
    }
  }

  /** The group with this id, if configured. */
  public Optional<BenefitGroup> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** The same configuration for another survey round (the jobs' {@code --round} option). */
  public Survey withRound(String otherRound) {
    return new Survey(otherRound, referenceDates, ingest, groups, outOfScopeBenefits, ageBands, durationBands,
        sample, fieldwork, responses, weighting, tables, suppression, reports, keys);
  }
}
