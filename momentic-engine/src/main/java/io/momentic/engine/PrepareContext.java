package io.momentic.engine;

import io.momentic.core.Panel;

/** What a strategy sees before the run: the data, to precompute features from. */
public interface PrepareContext {

  /** The run's data. Arrays computed from it must be registered as features to be read per bar. */
  Panel data();

  /** The run's settings (cash, costs, fill timing, start): a wrapper may run its strategy with them first. */
  BacktestConfig config();

  /** Registers per-symbol values ({@code [symbol][bar]}). */
  Feature feature(String name, double[][] valuesBySymbol);

  /**
   * A value several runs over the same data may share (a sweep's trials do): computed by
   * {@code compute} unless a run before this one computed it under an equal {@code key}. The value
   * must be a function of {@link #data()} and the key alone, and is read-only once returned.
   * Outside a sweep it is simply computed.
   */
  default <T> T shared(Object key, java.util.function.Supplier<T> compute) {
    return compute.get();
  }

  /**
   * Whether {@link #shared} values outlive this run (a sweep's trials): a strategy may then store
   * what others can reuse (each average of a crossover) where alone it would compute less. A
   * wrapper that changes what the strategy sees at a bar (a membership filter hiding symbols)
   * answers false: values derived from which symbols have a bar are then computed per run.
   */
  default boolean sharing() {
    return false;
  }

  /** Registers values for a single-symbol run. */
  default Feature feature(String name, double[] values) {
    return feature(name, new double[][] {values});
  }
}
