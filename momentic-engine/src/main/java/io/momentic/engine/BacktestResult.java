package io.momentic.engine;

import java.util.List;

/**
 * Everything a run produced. Arrays are per bar: {@code equity[t]} = cash + Σ quantity × close
 * at bar t (the last known close where a symbol has no bar); {@code exposure[t]} = Σ|quantity ×
 * close| / equity. {@code finalState} is the broker's state after the last bar, to save and resume from.
 */
public record BacktestResult(long[] times, double[] equity, double[] cash, double[] exposure, List<Fill> fills,
    List<Trade> trades, List<Trade> openTrades, BacktestConfig config, PortfolioState finalState) {

  public double initialCash() {
    return config.initialCash();
  }

  /** Equity at the last bar, open positions marked at the last close. */
  public double finalEquity() {
    return equity[equity.length - 1];
  }

  public double totalFees() {
    double sum = 0;
    for (Fill f : fills) {
      sum += f.fee();
    }
    return sum;
  }

  public double totalSlippage() {
    double sum = 0;
    for (Fill f : fills) {
      sum += f.slippageCost();
    }
    return sum;
  }
}
