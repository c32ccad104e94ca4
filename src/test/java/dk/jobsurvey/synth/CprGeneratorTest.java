package dk.jobsurvey.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobsurvey.ingest.CprNumber;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CprGeneratorTest {

  @Test
  void everyGeneratedNumberIsValidAndAgreesWithBirthDateAndGender() {
    SplittableRandom random = new SplittableRandom(7);
    LocalDate first = LocalDate.of(1858, 1, 1);
    int days = (int) (LocalDate.of(2057, 12, 31).toEpochDay() - first.toEpochDay());
    for (int i = 0; i < 20_000; i++) {
      LocalDate birth = first.plusDays(random.nextInt(days + 1));
      String gender = random.nextBoolean() ? "K" : "M";
      boolean substitute = random.nextInt(10) == 0;
      int block = random.nextInt(98);
      String digits = CprGenerator.make(birth, gender, block, substitute, random);

      CprNumber.Parsed parsed = CprNumber.parse(digits);
      assertThat(parsed.isValid()).as("CPR for %s", birth).isTrue();
      assertThat(parsed.number().birthDate()).isEqualTo(birth);
      assertThat(parsed.number().gender()).isEqualTo(gender);
      assertThat(parsed.number().substitute()).isEqualTo(substitute);
      assertThat(digits.substring(7, 9)).isEqualTo(String.format("%02d", block));
    }
  }
}
