package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;

/** A broad band of age (years) or duration (months): from {@code from} up to the next band's start. */
public record Band(String label, int from) implements java.io.Serializable {
  public Band {
    require(!label.isBlank(), "label", "a non-empty label");
    require(from >= 0, "from", "a lower bound of 0 or more, got " + from);
  }

  static void requireAscending(List<Band> bands, String key) {
    require(!bands.isEmpty(), key, "at least one band");
    for (int i = 1; i < bands.size(); i++) {
      require(bands.get(i).from() > bands.get(i - 1).from(), key,
          "bands in ascending order of `from`, but '" + bands.get(i).label() + "' starts at or before '"
              + bands.get(i - 1).label() + "'");
    }
  }

  /** The label of the band {@code value} falls in, or null below the first band. */
  public static String labelOf(List<Band> bands, int value) {
    String label = null;
    for (Band band : bands) {
      if (value >= band.from()) {
        label = band.label();
      }
    }
    return label;
  }
}
