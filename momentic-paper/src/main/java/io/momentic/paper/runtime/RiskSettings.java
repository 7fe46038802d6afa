package io.momentic.paper.runtime;

/**
 * The runtime's risk controls and retry policy.
 *
 * @param velocity sliding-window limits per strategy (orders, rejects, cancels, unknown outcomes)
 * @param maxGross a strategy's gross exposure after an order, as a multiple of its equity, beyond
 *     which the order is denied (0: no limit beyond the venue's leverage cap)
 * @param staleGraceMillis a bar older than two intervals plus this (against "now") is not decided on
 * @param maxRetries retries of a rate-limited command, and queries of an unknown outcome
 * @param backoffBaseMillis first retry's ceiling; doubles per retry up to {@code backoffCapMillis}
 * @param breakerThreshold transient failures in a row that open the venue-wide circuit breaker
 * @param coolDownMillis how long the breaker stays open, and how long a strategy paused for a
 *     transient reason (venue degraded) waits before it resumes by itself
 * @param seed the backoff jitter's seed
 * @param maxPortfolioGross the whole book's gross exposure after an order, as a multiple of its
 *     equity (every strategy's together), beyond which the order is denied (0: no limit)
 */
public record RiskSettings(VelocityLimits.Limits velocity, double maxGross, long staleGraceMillis, int maxRetries,
    long backoffBaseMillis, long backoffCapMillis, int breakerThreshold, long coolDownMillis, long seed,
    double maxPortfolioGross) {

  public static final RiskSettings DEFAULT = new RiskSettings(VelocityLimits.Limits.DEFAULT, 0, 60_000, 5, 200,
      10_000, 5, 30_000, 42, 0);

  public RiskSettings withVelocity(VelocityLimits.Limits limits) {
    return new RiskSettings(limits, maxGross, staleGraceMillis, maxRetries, backoffBaseMillis, backoffCapMillis,
        breakerThreshold, coolDownMillis, seed, maxPortfolioGross);
  }

  public RiskSettings withMaxGross(double gross) {
    return new RiskSettings(velocity, gross, staleGraceMillis, maxRetries, backoffBaseMillis, backoffCapMillis,
        breakerThreshold, coolDownMillis, seed, maxPortfolioGross);
  }

  public RiskSettings withMaxPortfolioGross(double gross) {
    return new RiskSettings(velocity, maxGross, staleGraceMillis, maxRetries, backoffBaseMillis, backoffCapMillis,
        breakerThreshold, coolDownMillis, seed, gross);
  }
}
