package io.momentic.engine;

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
}
