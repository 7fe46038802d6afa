package io.momentic.engine;

import io.momentic.core.Panel;

/**
 * How many bars a strategy needs before it can decide: the bar from which every feature it
 * registers has been known (finite) for at least one symbol. Before it the strategy cannot act —
 * a 200-bar average is unknown for 199 bars — so those bars are warm-up, not part of the measured
 * period (a flat first year would only dilute the Sharpe ratio and the CAGR).
 */
public final class WarmUp {

  private WarmUp() {}

  /**
   * The first bar by which each of the strategy's features has had a finite value, 0 for a
   * strategy without features; a feature never finite in the data is left out (it cannot be what
   * the strategy waits for, or it would never trade).
   */
  public static int firstReadyBar(Panel panel, Strategy strategy, BacktestConfig config) {
    int[] ready = {0};
    strategy.prepare(new PrepareContext() {
      @Override
      public Panel data() {
        return panel;
      }

      @Override
      public BacktestConfig config() {
        return config;
      }

      @Override
      public Feature feature(String name, double[][] valuesBySymbol) {
        int first = Integer.MAX_VALUE;
        for (double[] values : valuesBySymbol) {
          for (int t = 0; t < values.length && t < first; t++) {
            if (Double.isFinite(values[t])) {
              first = t;
            }
          }
        }
        if (first != Integer.MAX_VALUE) {
          ready[0] = Math.max(ready[0], first);
        }
        return new Feature(name, valuesBySymbol);
      }
    });
    return ready[0];
  }
}
