package dk.jobsurvey.publish;

import java.util.List;

/** The suppression pattern still discloses cells after the last audit round: nothing may be published. */
public final class DisclosureException extends RuntimeException {
  private final List<String> cells;

  public DisclosureException(List<String> cells, int rounds) {
    super("the suppression audit still fails after " + rounds + " repair rounds; nothing is published. Cells an "
        + "attacker could narrow below the threshold: " + String.join("; ", cells));
    this.cells = List.copyOf(cells);
  }

  public List<String> cells() {
    return cells;
  }
}
