package dk.jobsurvey.fieldwork;

import dk.jobsurvey.warehouse.Digests;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Survey tokens (DESIGN.md §5): the first 80 bits of HMAC-SHA256(token key, round|person_key), in
 * 16 characters of Crockford's base32 (digits and letters without I, L, O and U, so a token read
 * aloud or typed from a letter is not mistaken). The same inputs give the same token, so links in
 * letters already sent keep working after a rerun. Not thread-safe: one per task.
 */
public final class SurveyTokens implements Serializable {
  private static final long serialVersionUID = 2L;
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  public static final int LENGTH = 16;

  private final Digests.Hmac hmac;

  public SurveyTokens(byte[] key) {
    this.hmac = new Digests.Hmac(key);
  }

  public String token(String round, String personKey) {
    byte[] digest = hmac.of((round + "|" + personKey).getBytes(StandardCharsets.UTF_8));
    // 10 bytes = 80 bits = 16 groups of 5 bits.
    StringBuilder token = new StringBuilder(LENGTH);
    long high = 0;
    for (int i = 0; i < 5; i++) {
      high = (high << 8) | (digest[i] & 0xFF);
    }
    long low = 0;
    for (int i = 5; i < 10; i++) {
      low = (low << 8) | (digest[i] & 0xFF);
    }
    for (long part : new long[] {high, low}) {
      for (int shift = 35; shift >= 0; shift -= 5) {
        token.append(ALPHABET.charAt((int) ((part >>> shift) & 31)));
      }
    }
    return token.toString();
  }

  /** The survey link for a token, from the configured template. */
  public static String link(String template, String token) {
    return template.replace("{token}", token);
  }

  @Override
  public String toString() {
    return "SurveyTokens[key hidden]";
  }
}
