package io.momentic.data.provider;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Bounded retries with exponential backoff and full jitter: the k-th wait (k = 0, 1, …) is drawn
 * uniformly from [0, min(maxDelay, baseDelay · 2^k)] unless the server named a wait (Retry-After),
 * which is honoured exactly — but never beyond {@code maxServerWait}: a ban of hours (Binance's 418)
 * fails at once with the wait in the message instead of hanging the pipeline.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxServerWait,
    Duration requestTimeout, long jitterSeed) {

  /**
   * {@code jitterSeed} meaning "a fresh random seed in each process": clients started together (a
   * fleet of cron jobs) must not retry in lockstep, which a fixed seed would make them do.
   */
  public static final long RANDOM_PER_PROCESS = Long.MIN_VALUE;

  /** 5 retries, 500 ms base (reference 001's fixed 500 ms, made exponential), 30 s cap, 10 min server waits. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
      Duration.ofMinutes(10), Duration.ofSeconds(20), RANDOM_PER_PROCESS);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, found " + maxRetries);
    }
  }

  public RetryPolicy withRequestTimeout(Duration timeout) {
    return new RetryPolicy(maxRetries, baseDelay, maxDelay, maxServerWait, timeout, jitterSeed);
  }

  /** The jitter source: seeded when a seed is given (tests), else random per process. */
  public SplittableRandom newJitter() {
    return jitterSeed == RANDOM_PER_PROCESS ? new SplittableRandom() : new SplittableRandom(jitterSeed);
  }

  /** The jittered wait before retry number {@code attempt} (0-based). */
  public long backoffMillis(int attempt, SplittableRandom random) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt, 30));
    return cap <= 0 ? 0 : random.nextLong(cap + 1);
  }
}
