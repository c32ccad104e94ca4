package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;

/**
 * One of the seed's four benefit groups (ydelsesgrupper).
 *
 * @param id the value of {@code ydelsesgruppe} in the tables
 * @param label the Danish label for reports
 * @param minDuration the least time on the benefit at the duration reference date to be in scope
 * @param expectedResponseRate rr_g, used by the allocation (DESIGN.md §4)
 * @param benefits benefit labels that belong to the group, as municipalities write them
 */
public record BenefitGroup(
    String id, String label, MinDuration minDuration, double expectedResponseRate, List<String> benefits) {
  public BenefitGroup {
    require(id.matches("[a-z_]+"), "id", "lower-case letters and underscores, got '" + id + "'");
    require(expectedResponseRate > 0 && expectedResponseRate <= 1, "expected_response_rate",
        "a rate in (0, 1], got " + expectedResponseRate);
    require(!benefits.isEmpty(), "benefits", "at least one benefit label");
    benefits = List.copyOf(benefits);
  }
}
