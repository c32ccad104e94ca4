package dk.jobsurvey.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SurveyTokensTest {
  private static final byte[] KEY = "token key for tests, 32 characters or more".getBytes(StandardCharsets.UTF_8);

  @Test
  void tokenIsTheFirst80BitsOfTheHmacInCrockfordBase32() throws Exception {
    String personKey = "ab".repeat(32);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] digest = mac.doFinal(("2023Q2|" + personKey).getBytes(StandardCharsets.UTF_8));
    BigInteger bits = new BigInteger(1, java.util.Arrays.copyOf(digest, 10));
    StringBuilder expected = new StringBuilder();
    for (int i = 15; i >= 0; i--) {
      expected.append("0123456789ABCDEFGHJKMNPQRSTVWXYZ".charAt(bits.shiftRight(5 * i).intValue() & 31));
    }
    assertThat(new SurveyTokens(KEY).token("2023Q2", personKey)).isEqualTo(expected.toString());
  }

  @Test
  void tokensAreStableAndDifferByRoundAndKey() {
    SurveyTokens tokens = new SurveyTokens(KEY);
    String token = tokens.token("2023Q2", "p1");
    assertThat(token).hasSize(16).matches("[0-9A-HJKMNP-TV-Z]{16}");
    assertThat(new SurveyTokens(KEY).token("2023Q2", "p1")).isEqualTo(token);
    assertThat(tokens.token("2024Q2", "p1")).isNotEqualTo(token);
    assertThat(new SurveyTokens("another key of at least thirty-two chars".getBytes(StandardCharsets.UTF_8))
        .token("2023Q2", "p1")).isNotEqualTo(token);
    assertThat(SurveyTokens.link("https://x.dk/s/{token}", token)).isEqualTo("https://x.dk/s/" + token);
  }

  @Test
  void tokensAreUniqueOverMoreThanANationalSample() {
    SurveyTokens tokens = new SurveyTokens(KEY);
    SplittableRandom random = new SplittableRandom(1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 300_000; i++) {
      assertThat(seen.add(tokens.token("2023Q2", Long.toHexString(random.nextLong()) + i))).isTrue();
    }
  }
}
