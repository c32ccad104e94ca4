package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.List;

/** A published table: its name and the domain variables it breaks results down by. */
public record TableSpec(String name, List<String> by) {
  public TableSpec {
    require(name.matches("[a-z0-9_]+"), "name", "a lower-case name, got '" + name + "'");
    by = List.copyOf(by);
  }
}
