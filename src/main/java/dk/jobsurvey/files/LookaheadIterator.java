package dk.jobsurvey.files;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that reads ahead: {@link #advance} moves one step through its source and may
 * {@link #offer} an element (a step may give none: a blank line, a row above the header).
 */
abstract class LookaheadIterator<T> implements Iterator<T> {
  private T next;

  /** One step; false at the end of the source. */
  protected abstract boolean advance();

  /** The element of this step; null gives none. */
  protected final void offer(T element) {
    next = element;
  }

  @Override
  public final boolean hasNext() {
    while (next == null) {
      if (!advance()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T element = next;
    next = null;
    return element;
  }
}
