package dk.jobsurvey.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** person_key = hex HMAC-SHA256(pseudonymisation key, CPR) (DESIGN.md §10). Not thread-safe: one per task. */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] key;
  private transient Mac mac;

  public Pseudonymizer(byte[] key) {
    this.key = key.clone();
  }

  public String personKey(String cprDigits) {
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      }
      return HexFormat.of().formatHex(mac.doFinal(cprDigits.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[key hidden]";
  }
}
