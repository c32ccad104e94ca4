package dk.jobsurvey.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Samples this JVM's heap every 20 ms on a daemon thread: the most in use at any moment (garbage
 * included), and the most still in use after a collection of the old generation's pool, the heap a
 * job really keeps. (Summing each pool's own peak would add peaks of different moments.)
 */
final class HeapSampler {
  private static final long MIB = 1024 * 1024;
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
  private volatile long peakUsed;
  private volatile long peakLive;

  HeapSampler() {
    Thread sampler = new Thread(this::sampleForever, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  long peakUsedMiB() {
    sample();
    return peakUsed / MIB;
  }

  long peakLiveMiB() {
    sample();
    return peakLive / MIB;
  }

  /** Starts both peaks again from now, after a collection. */
  void reset() {
    System.gc();
    peakUsed = 0;
    peakLive = 0;
    sample();
  }

  private void sampleForever() {
    while (true) {
      sample();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long live = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      if (pool.getName().contains("Old") && pool.getCollectionUsage() != null) {
        live += pool.getCollectionUsage().getUsed();
      }
    }
    peakUsed = Math.max(peakUsed, used);
    peakLive = Math.max(peakLive, live);
  }
}
