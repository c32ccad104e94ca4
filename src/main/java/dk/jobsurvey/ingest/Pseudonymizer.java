package dk.jobsurvey.ingest;

import dk.jobsurvey.warehouse.Digests;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** person_key = hex HMAC-SHA256(pseudonymisation key, CPR) (DESIGN.md §10). Not thread-safe: one per task. */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 2L;

  private final Digests.Hmac hmac;

  public Pseudonymizer(byte[] key) {
    this.hmac = new Digests.Hmac(key);
  }

  public String personKey(String cprDigits) {
    return HexFormat.of().formatHex(hmac.of(cprDigits.getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public String toString() {
    return "Pseudonymizer[key hidden]";
  }
}
