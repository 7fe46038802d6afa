package io.momentic.paper.runtime;

import java.util.SplittableRandom;

/**
 * Exponential backoff with full jitter (AWS's "exponential backoff and jitter"): the k-th wait is
 * uniform in [0, min(cap, base × 2^k)], from a seeded generator so a run's waits are reproducible.
 * A venue's Retry-After, when larger, wins.
 */
public final class Backoff {

  private final long baseMillis;
  private final long capMillis;
  private final SplittableRandom random;

  public Backoff(long baseMillis, long capMillis, long seed) {
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
    this.random = new SplittableRandom(seed);
  }

  /** The wait before retry number {@code attempt} (0 = the first retry). */
  public long delayMillis(int attempt, long retryAfterMillis) {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 30));
    long jittered = ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    return Math.max(jittered, retryAfterMillis);
  }
}
