package dk.jobsurvey.warehouse;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one place SHA-256 and HMAC-SHA256 are computed: fingerprints of configuration and input files,
 * person keys, survey tokens and permanent random numbers all rest on these two functions.
 */
public final class Digests {
  private static final String HMAC = "HmacSHA256";

  private Digests() {}

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** Hex SHA-256 of a text's UTF-8 bytes. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String sha256Hex(Path file) throws IOException {
    return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
  }

  /** Hex SHA-256 over the relative names and contents of every file under {@code folder}, in name order. */
  public static String folderSha256Hex(Path folder) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(folder.relativize(file)).append('=').append(sha256Hex(file)).append('\n');
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return sha256Hex(all.toString());
  }

  /**
   * HMAC-SHA256 under one secret key. Serializable so Spark can ship it to tasks (the key travels,
   * the JCE object is made again where it is used); not thread-safe: one per task. Its text never
   * shows the key.
   */
  public static final class Hmac implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private transient Mac mac;

    public Hmac(byte[] key) {
      this.key = key.clone();
    }

    public byte[] of(byte[] message) {
      try {
        if (mac == null) {
          mac = Mac.getInstance(HMAC);
          mac.init(new SecretKeySpec(key, HMAC));
        }
        return mac.doFinal(message);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(HMAC + " is not available in this JVM", e);
      }
    }

    @Override
    public String toString() {
      return "Hmac[key hidden]";
    }
  }
}
