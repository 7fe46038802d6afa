package io.momentic.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker on several threads, the calling thread among them: for loops whose items a worker
 * takes from a shared counter (each item's result in its own slot, so the outcome does not depend
 * on the thread count). Waits for all; the first failure is rethrown in the caller.
 */
public final class Parallel {

  private Parallel() {}

  /** Runs {@code worker} on {@code threads} threads (named {@code name-1}, …) and waits for every one. */
  public static void run(int threads, String name, Runnable worker) {
    if (threads <= 1) {
      worker.run();
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i < threads; i++) {
      started.add(Thread.ofPlatform().name(name + "-" + i).start(() -> {
        try {
          worker.run();
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }));
    }
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    }
    for (Thread t : started) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw new IllegalStateException(name + " failed: " + f, f);
    }
  }

  /** Threads worth starting for {@code items} items: the cores, at most one per item, at least one. */
  public static int threadsFor(int items) {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), items));
  }
}
