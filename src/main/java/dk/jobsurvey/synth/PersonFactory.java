package dk.jobsurvey.synth;

import dk.jobsurvey.synth.BenefitMix.Benefit;
import dk.jobsurvey.synth.ExtractGenerator.Defect;
import dk.jobsurvey.synth.ExtractGenerator.Settings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the rows of one municipality: persons with CPR numbers consistent with their gender and
 * birth date, a benefit spell, the flags the seed asks for, and now and then a defect.
 *
 * <p>Figures: 0.2 % substitute CPR numbers; 12 % without a phone; 6 % passive and 8 % with a
 * completed course on the status date; 10 % with no recorded latest conversation.
 */
final class PersonFactory {
  /** The rows of a municipality, and earlier spells of persons who moved here from the previous one. */
  record Rows(List<ExtractRow> rows, List<ExtractRow> movedAway) {}

  private static final String[] INVALID_CPRS = {"3213901234", "1113901235", "0229011234", "12345", "ukendt", "29029x1234"};
  private static final String[] MALFORMED_DATES = {"31-02-2023", "2023-13-01", "ukendt", "00.00.0000", "32/01/2022"};
  private static final String[] INVALID_YES_NO = {"måske", "?", "Ja/Nej"};

  private final int block;
  private final Settings settings;
  private final Set<String> usedCprs = new HashSet<>();
  private final List<ExtractRow> rows = new ArrayList<>();
  private final List<ExtractRow> movedAway = new ArrayList<>();

  PersonFactory(int block, Settings settings) {
    this.block = block;
    this.settings = settings;
  }

  Rows rows() {
    return new Rows(List.copyOf(rows), List.copyOf(movedAway));
  }

  void addRow(SplittableRandom random) {
    Defect defect = random.nextDouble() < settings.defectRate()
        ? Defect.values()[random.nextInt(Defect.values().length)] : null;
    if (defect == Defect.DUPLICATE_WITHIN && !rows.isEmpty()) {
      // The same person again, in another spell (several spells in one extract).
      ExtractRow earlier = rows.get(random.nextInt(rows.size()));
      Benefit benefit = BenefitMix.draw(random);
      LocalDate start = spellStart(random, benefit);
      rows.add(earlier.withSpell(benefit.label(random), start, latestMeeting(random, start)));
      return;
    }
    ExtractRow row = newPerson(random, defect);
    rows.add(row);
    if (defect == Defect.MOVED_FROM_ELSEWHERE) {
      Benefit benefit = BenefitMix.draw(random);
      LocalDate start = row.datoOvergang() == null ? null : spellStart(random, benefit).minusYears(1);
      movedAway.add(row.withSpell(benefit.label(random), start, start == null ? null : latestMeeting(random, start)));
    }
  }

  private ExtractRow newPerson(SplittableRandom random, Defect defect) {
    Benefit benefit = BenefitMix.draw(random);
    LocalDate reference = settings.dates().duration();
    String gender = random.nextBoolean() ? "K" : "M";
    String cpr;
    do {
      int age = benefit.minAge() + random.nextInt(benefit.maxAge() - benefit.minAge() + 1);
      LocalDate birth = reference.minusYears(age).minusDays(random.nextInt(365));
      cpr = CprGenerator.make(birth, gender, block, random.nextInt(500) == 0, random);
    } while (!usedCprs.add(cpr));
    LocalDate start = spellStart(random, benefit);
    String ydelse = benefit.label(random);
    String startText = null;
    String yesNoOverride = null;
    if (defect != null) {
      switch (defect) {
        case INVALID_CPR -> cpr = INVALID_CPRS[random.nextInt(INVALID_CPRS.length)];
        case UNKNOWN_BENEFIT -> ydelse = BenefitMix.UNKNOWN_LABELS.get(random.nextInt(BenefitMix.UNKNOWN_LABELS.size()));
        case MISSING_BENEFIT -> ydelse = "";
        case MALFORMED_DATE -> startText = MALFORMED_DATES[random.nextInt(MALFORMED_DATES.length)];
        case FUTURE_DATE -> start = settings.dates().status().plusDays(30 + random.nextInt(300));
        case INVALID_YES_NO -> yesNoOverride = INVALID_YES_NO[random.nextInt(INVALID_YES_NO.length)];
        default -> { }
      }
    }
    return new ExtractRow(cpr, gender, DanishNames.fullName(gender, random), ydelse, start, startText,
        latestMeeting(random, start), random.nextInt(100) < 8, phone(random), random.nextInt(100) < 6, yesNoOverride);
  }

  /** Start of the current spell: an exponential number of months before the reference date, at most ten years. */
  private LocalDate spellStart(SplittableRandom random, Benefit benefit) {
    double months = Math.min(120, -benefit.meanMonths() * Math.log(1 - random.nextDouble()));
    return settings.dates().duration().minusDays(Math.round(months * 30.44));
  }

  /** The latest conversation: within the last four months before the status date, never before the spell. */
  private LocalDate latestMeeting(SplittableRandom random, LocalDate start) {
    if (start == null || random.nextInt(10) == 0) {
      return null;
    }
    LocalDate meeting = settings.dates().status().minusDays(1 + random.nextInt(120));
    return meeting.isBefore(start) ? start : meeting;
  }

  /** A Danish mobile number written the ways people write them, or null (12 %). */
  private static String phone(SplittableRandom random) {
    if (random.nextInt(100) < 12) {
      return null;
    }
    String digits = (2 + random.nextInt(8)) + String.format("%07d", random.nextInt(10_000_000));
    return switch (random.nextInt(6)) {
      case 0 -> digits.substring(0, 2) + " " + digits.substring(2, 4) + " " + digits.substring(4, 6) + " " + digits.substring(6);
      case 1 -> "+45 " + digits;
      case 2 -> "0045" + digits;
      case 3 -> digits.substring(0, 4) + " " + digits.substring(4);
      default -> digits;
    };
  }
}
