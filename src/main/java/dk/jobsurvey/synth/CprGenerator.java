package dk.jobsurvey.synth;

import dk.jobsurvey.ingest.CprNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes CPR numbers that are valid under DESIGN.md §3 and consistent with a birth date and gender.
 * Digits 8-9 carry a number of the caller's choosing (the municipality's index), so numbers made
 * for different municipalities never collide; the caller re-draws on a collision inside one.
 * Public for tests elsewhere that need CPR numbers no one typed by hand (the scrubber's corpus).
 */
public final class CprGenerator {
  private CprGenerator() {}

  /**
   * @param birth date of birth, 1858-2057
   * @param gender K or M
   * @param block two digits (00-99) for positions 8-9
   * @param substitute write the day + 60, as substitute numbers (erstatningspersonnumre) do
   */
  public static String make(LocalDate birth, String gender, int block, boolean substitute, SplittableRandom random) {
    int yy = birth.getYear() % 100;
    List<Integer> seventh = new ArrayList<>();
    for (int digit = 0; digit <= 9; digit++) {
      if (CprNumber.centuryOf(digit, yy) + yy == birth.getYear()) {
        seventh.add(digit);
      }
    }
    if (seventh.isEmpty()) {
      throw new IllegalArgumentException("No CPR serial encodes the birth year " + birth.getYear());
    }
    int last = 2 * random.nextInt(5) + ("M".equals(gender) ? 1 : 0);
    int day = birth.getDayOfMonth() + (substitute ? 60 : 0);
    return String.format("%02d%02d%02d%d%02d%d", day, birth.getMonthValue(), yy,
        seventh.get(random.nextInt(seventh.size())), block, last);
  }
}
