package dk.jobsurvey.jobs;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.WeightingSettings;
import dk.jobsurvey.weight.WeightSummary;
import dk.jobsurvey.weight.WeightingResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The compact weighting diagnostics the weight and rake-csv jobs print. */
final class WeightingPrinter {
  private WeightingPrinter() {}

  static void print(PrintStream out, WeightingResult result, WeightingSettings settings) {
    List<WeightingResult.MarginClass> classes = result.marginClasses();
    long margins = classes.stream().map(WeightingResult.MarginClass::margin).distinct().count();
    out.printf(Locale.ROOT, "%,d respondents in %d strata (%d merged), raked to %d margins (%d categories, %d merged)%n",
        result.respondents(), result.strata().size(), result.strata().stream().filter(WeightingResult.Stratum::merged).count(),
        margins, classes.size(), classes.stream().filter(WeightingResult.MarginClass::merged).count());
    out.printf(Locale.ROOT, "%s after %d sweeps; largest relative margin error %.2e (%s)%n",
        result.converged() ? "converged" : "NOT converged to " + settings.tolerance(), result.sweeps(),
        result.maxRelativeError(), result.worstCategory());
    if (settings.trimming().enabled()) {
      out.printf(Locale.ROOT, "trimming g = w/b to [%s, %s]: %,d respondents at a bound%s%n", settings.trimming().gLow(),
          settings.trimming().gHigh(), result.trimmedRespondents(),
          result.converged() ? "" : "; the margins above are not all met (residual error shown)");
    }
    result.strata().stream().filter(WeightingResult.Stratum::merged)
        .forEach(s -> out.printf("merged stratum %s (%s)%n", s.stratum(), s.mergeReason()));
    classes.stream().filter(WeightingResult.MarginClass::merged)
        .forEach(c -> out.printf("merged category of margin %s: %s (%s)%n", c.margin(), c.category(), c.mergeReason()));
    out.printf("%-22s %8s %11s %6s %9s %8s %8s %6s%n", "weights", "n", "sum", "deff", "n_eff", "min", "max", "cv");
    line(out, "national", result.summary(cell -> true));
    if (result.variables().contains("kommunekode")) {
      for (Map.Entry<String, WeightSummary> entry : result.summaryBy("kommunekode").entrySet()) {
        String name = Municipalities.byCode(entry.getKey()).map(Municipalities.Municipality::name).orElse("");
        line(out, entry.getKey() + " " + name, entry.getValue());
      }
    }
  }

  private static void line(PrintStream out, String label, WeightSummary s) {
    out.printf(Locale.ROOT, "%-22.22s %,8d %,11.1f %6.3f %,9.1f %8.2f %8.2f %6.3f%n", label, s.respondents(), s.sum(),
        s.kishDeff(), s.effectiveN(), s.min(), s.max(), s.cv());
  }
}
