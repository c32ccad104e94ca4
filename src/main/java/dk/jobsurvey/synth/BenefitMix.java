package dk.jobsurvey.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The benefits of a synthetic extract: how often each occurs, the labels municipalities write for
 * it, and plausible ages and spell lengths.
 *
 * <p>Shares are of all rows of an extract ("all unemployed citizens in Q2 2023", all benefits). They
 * follow the 2023-24 national counts in the reference notes: sygedagpenge ≈ 76,700 and net
 * unemployed on dagpenge ≈ 72,200 are the two largest; of cash-benefit recipients about 16,000 are
 * job-ready and 72,000 activity-ready (kontanthjælp and uddannelseshjælp together); jobafklaring ≈
 * 17,600, ledighedsydelse ≈ 17,000; fleksjob (≈ 87,500, mostly employed) appears only as the
 * unemployed candidates municipalities include by mistake. Spell lengths are exponential with the
 * mean shown (months), capped at ten years: dagpenge spells are short (about a third pass 12
 * months), cash-benefit and resource-course spells long.
 */
final class BenefitMix {

  /** One benefit: its share of rows, label variants, age range (inclusive) and mean spell in months. */
  record Benefit(String key, double share, List<String> labels, int minAge, int maxAge, double meanMonths) {
    String label(SplittableRandom random) {
      return labels.get(random.nextInt(labels.size()));
    }
  }

  static final List<Benefit> BENEFITS = List.of(
      new Benefit("dagpenge", 0.24, List.of("A-dagpenge", "Dagpenge", "Arbejdsløshedsdagpenge", "a-dagpenge"), 22, 66, 10),
      new Benefit("sygedagpenge", 0.22, List.of("Sygedagpenge", "SYGEDAGPENGE", "sygedagpenge"), 19, 66, 5),
      new Benefit("kontanthjaelp_jobparat", 0.05,
          List.of("Kontanthjælp, jobparat", "Jobparat kontanthjælp", "Kontanthjælp - jobparat"), 25, 60, 18),
      new Benefit("kontanthjaelp_aktivitetsparat", 0.11,
          List.of("Kontanthjælp, aktivitetsparat", "Aktivitetsparat kontanthjælp", "Kontanthjælp - aktivitetsparat"), 30, 64, 48),
      new Benefit("uddannelseshjaelp_uddannelsesparat", 0.03,
          List.of("Uddannelseshjælp, uddannelsesparat", "Uddannelsesparat uddannelseshjælp"), 18, 29, 8),
      new Benefit("uddannelseshjaelp_aabenlyst", 0.01,
          List.of("Uddannelseshjælp, åbenlyst uddannelsesparat", "Åbenlyst uddannelsesparat uddannelseshjælp",
              "Aabenlyst uddannelsesparat uddannelseshjaelp"), 18, 29, 4),
      new Benefit("uddannelseshjaelp_aktivitetsparat", 0.05,
          List.of("Uddannelseshjælp, aktivitetsparat", "Aktivitetsparat uddannelseshjælp"), 18, 29, 24),
      new Benefit("ledighedsydelse", 0.05, List.of("Ledighedsydelse", "LEDIGHEDSYDELSE"), 30, 66, 12),
      new Benefit("ressourceforloeb", 0.05,
          List.of("Ressourceforløbsydelse", "Ressourceforløbsydelse - ressourceforløb", "Ressourceforløb"), 25, 60, 30),
      new Benefit("jobafklaring", 0.05,
          List.of("Ressourceforløbsydelse - jobafklaringsforløb", "Jobafklaringsforløb"), 25, 64, 14),
      new Benefit("fleksjob", 0.08, List.of("Fleksjob"), 30, 66, 20),
      new Benefit("revalidering", 0.01, List.of("Revalidering"), 25, 60, 12),
      new Benefit("foertidspension", 0.02, List.of("Førtidspension"), 40, 66, 60),
      new Benefit("selvforsoergelse", 0.03, List.of("Selvforsørgelses- og hjemrejseydelse"), 18, 60, 20));

  /** Labels no configuration maps: what a municipality's own system sometimes exports. */
  static final List<String> UNKNOWN_LABELS = List.of("Kontanthjælp (uafklaret)", "Kontanthj.", "Ydelse 41",
      "Forrevalidering", "Barselsdagpenge", "SU");

  private BenefitMix() {}

  static Benefit draw(SplittableRandom random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (Benefit benefit : BENEFITS) {
      cumulative += benefit.share();
      if (u < cumulative) {
        return benefit;
      }
    }
    return BENEFITS.get(BENEFITS.size() - 1);
  }
}
