package dk.jobsurvey.jobs;

import dk.jobsurvey.warehouse.IdentifierPatterns;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A job's console output held to the value gate's rule (DESIGN.md §10): each line is written with
 * anything that looks like a CPR or phone number masked ({@link IdentifierPatterns#mask}), so a
 * value from an extract that reaches a summary line (a label, a file name, a header) cannot put an
 * identifier on the screen or into a scheduler's log.
 */
final class MaskedConsole extends OutputStream {
  private final PrintStream target;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private MaskedConsole(PrintStream target) {
    this.target = target;
  }

  /** A print stream that masks every line before it reaches {@code target}. */
  static PrintStream over(PrintStream target) {
    return new PrintStream(new MaskedConsole(target), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      flushLine();
    }
  }

  @Override
  public synchronized void flush() {
    // A partial line waits for its end: a number split across two writes must be masked whole.
    target.flush();
  }

  @Override
  public synchronized void close() {
    flushLine();
    target.flush();
  }

  private void flushLine() {
    if (line.size() > 0) {
      target.print(IdentifierPatterns.mask(line.toString(StandardCharsets.UTF_8)));
      line.reset();
    }
  }
}
