package dk.jobsurvey.synth;

import java.util.List;
import java.util.SplittableRandom;

/** Common Danish first names and surnames (Statistics Denmark's name lists), for synthetic persons. */
final class DanishNames {
  private static final List<String> WOMEN = List.of("Anne", "Kirsten", "Mette", "Hanne", "Helle", "Anna",
      "Susanne", "Lene", "Maria", "Marianne", "Lone", "Camilla", "Pia", "Louise", "Charlotte", "Tina", "Gitte",
      "Bente", "Sofie", "Ida", "Emma", "Julie", "Freja", "Signe", "Cecilie", "Nanna", "Sara", "Laura", "Maja",
      "Karen", "Inge", "Birgitte", "Dorthe", "Rikke", "Jette", "Sanne", "Mathilde", "Amalie", "Ayşe", "Fatima");
  private static final List<String> MEN = List.of("Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas",
      "Søren", "Jan", "Christian", "Martin", "Niels", "Anders", "Morten", "Jesper", "Mads", "Rasmus", "Per",
      "Hans", "Jørgen", "Ole", "Kim", "Frederik", "Mikkel", "Jonas", "Emil", "Mathias", "Oliver", "William",
      "Lucas", "Nikolaj", "Kasper", "Tobias", "Bo", "Poul", "Erik", "Brian", "Kenneth", "Jakob", "Ali", "Mohammad");
  private static final List<String> SURNAMES = List.of("Nielsen", "Jensen", "Hansen", "Andersen", "Pedersen",
      "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
      "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen",
      "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Holm", "Kristiansen", "Clausen",
      "Simonsen", "Svendsen", "Andreasen", "Iversen", "Østergaard", "Jeppesen", "Vestergaard", "Nissen",
      "Lauridsen", "Kjær", "Jepsen", "Mogensen", "Dahl", "Ahmed", "Yilmaz", "Ærø-Madsen", "Bæk", "Søgaard");

  private DanishNames() {}

  static String fullName(String gender, SplittableRandom random) {
    List<String> first = "K".equals(gender) ? WOMEN : MEN;
    String name = first.get(random.nextInt(first.size()));
    if (random.nextInt(4) == 0) {
      name += " " + first.get(random.nextInt(first.size()));
    }
    return name + " " + SURNAMES.get(random.nextInt(SURNAMES.size()));
  }
}
