package dk.jobsurvey.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import dk.jobsurvey.warehouse.Digests;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Permanent random numbers (DESIGN.md §4): the first 8 bytes of SHA-256 of
 * {@code seed|round|person_key} (UTF-8, joined by '|'), read as an unsigned 64-bit integer; the
 * number is that integer / 2^64. Computed by Spark's own sha2, so it is the same on every machine,
 * partitioning and rerun; {@link #of} computes the same value in plain Java for checks.
 */
public final class PermanentRandomNumbers {
  /** The unsigned 64-bit integer, exactly, as decimal(20,0): what the selection sorts by. */
  public static final String ORDER_COLUMN = "prn_order";
  private static final BigDecimal TWO_TO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

  private PermanentRandomNumbers() {}

  /** The exact order key for each row's person_key. */
  public static Column orderKey(long seed, String round) {
    Column hash = sha2(concat_ws("|", lit(Long.toString(seed)), lit(round), col("person_key")), 256);
    return conv(substring(hash, 1, 16), 16, 10).cast(DataTypes.createDecimalType(20, 0));
  }

  /** The fraction in [0, 1) from the order key. */
  public static Column fraction(Column orderKey) {
    return orderKey.divide(lit(TWO_TO_64)).cast(DataTypes.DoubleType);
  }

  /** The same number in plain Java. */
  public static double of(long seed, String round, String personKey) {
    byte[] digest = Digests.sha256((seed + "|" + round + "|" + personKey).getBytes(StandardCharsets.UTF_8));
    BigInteger first8 = new BigInteger(1, java.util.Arrays.copyOf(digest, 8));
    return new BigDecimal(first8).divide(TWO_TO_64, MathContext.DECIMAL64).doubleValue();
  }
}
