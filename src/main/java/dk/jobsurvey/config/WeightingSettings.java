package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;
import java.util.Map;

/** Raking margins, stratum collapsing, convergence and trimming (DESIGN.md §7). */
public record WeightingSettings(
    List<List<String>> margins, Map<String, String> collapseOrder, double tolerance, int maxSweeps, Trimming trimming) {
  public WeightingSettings {
    require(!margins.isEmpty(), "margins", "at least one margin");
    for (List<String> margin : margins) {
      require(!margin.isEmpty(), "margins", "margins of one or more variables");
    }
    require(tolerance > 0 && tolerance < 1, "tolerance", "a relative tolerance in (0, 1), got " + tolerance);
    require(maxSweeps >= 1, "max_sweeps", "1 or more, got " + maxSweeps);
    margins = margins.stream().map(List::copyOf).toList();
    collapseOrder = Map.copyOf(collapseOrder);
  }

  /** Bounds on g = final weight / base weight, applied with re-raking when enabled. */
  public record Trimming(boolean enabled, double gLow, double gHigh) {
    public Trimming {
      require(gLow > 0 && gLow <= 1, "g_low", "a bound in (0, 1], got " + gLow);
      require(gHigh >= 1, "g_high", "a bound of 1 or more, got " + gHigh);
    }
  }
}
