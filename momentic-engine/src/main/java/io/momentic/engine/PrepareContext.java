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

  /** Registers values for a single-symbol run. */
  default Feature feature(String name, double[] values) {
    return feature(name, new double[][] {values});
  }
}
