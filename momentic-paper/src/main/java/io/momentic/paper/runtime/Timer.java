package io.momentic.paper.runtime;

/**
 * Waiting and monotonic time for retries and the circuit breaker; tests pass one that records the
 * waits instead of sleeping.
 */
public interface Timer {

  void sleep(long millis) throws InterruptedException;

  /** Monotonic milliseconds (not a date). */
  long nowMillis();

  Timer SYSTEM = new Timer() {
    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }

    @Override
    public long nowMillis() {
      return System.nanoTime() / 1_000_000;
    }
  };
}
