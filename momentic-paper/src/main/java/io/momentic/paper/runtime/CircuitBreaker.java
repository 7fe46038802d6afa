package io.momentic.paper.runtime;

/**
 * The venue-wide circuit breaker: after {@code threshold} transient failures in a row (rate
 * limits, 5xx, timeouts) it opens, and no new command is sent for {@code coolDownMillis}; then
 * one command may try (half-open) — a success closes it, a failure opens it again. Cancels are
 * sent even while it is open: reducing risk must not wait.
 */
public final class CircuitBreaker {

  private final int threshold;
  private final long coolDownMillis;
  private int failuresInARow;
  private long openUntil = Long.MIN_VALUE;
  private int opened;

  public CircuitBreaker(int threshold, long coolDownMillis) {
    this.threshold = threshold;
    this.coolDownMillis = coolDownMillis;
  }

  /** Whether a new command may be sent at {@code nowMillis}. */
  public boolean allows(long nowMillis) {
    return nowMillis >= openUntil;
  }

  public void success() {
    failuresInARow = 0;
  }

  /** A transient failure at {@code nowMillis}; returns true when this one opened the breaker. */
  public boolean failure(long nowMillis) {
    failuresInARow++;
    if (failuresInARow >= threshold && nowMillis >= openUntil) {
      openUntil = nowMillis + coolDownMillis;
      opened++;
      return true;
    }
    return false;
  }

  /** How many times it has opened. */
  public int timesOpened() {
    return opened;
  }

  public long openUntil() {
    return openUntil;
  }
}
