package io.momentic.engine;

import io.momentic.engine.order.OrderEvent;

/**
 * One strategy for every mode (backtest, sweep, paper). {@link #prepare} precomputes arrays
 * once; {@link #onBar} decides at the close of each bar and can only read bars ≤ t through its
 * {@link BarContext}. Decisions become orders or target weights, filled by the broker at the
 * next open by default.
 */
public interface Strategy {

  /** Precompute features; register them with {@link PrepareContext#feature} to read them per bar. */
  default void prepare(PrepareContext context) {}

  /** Decide at the close of bar {@code context.bar()}. */
  void onBar(BarContext context);

  /**
   * What happened to the strategy's orders since its last decision — fills, partial fills,
   * rejections (with the reason), cancellations, expiries — delivered in order just before
   * {@link #onBar} of the bar they happened on (or the next one, for same-close fills). The
   * context may be used to trade in response. Ignored by default.
   */
  default void onOrderEvent(BarContext context, OrderEvent event) {}
}
