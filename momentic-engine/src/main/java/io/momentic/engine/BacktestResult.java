package io.momentic.engine;

import io.momentic.engine.account.Fill;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.account.Trade;
import java.util.List;

/**
 * Everything a run produced. Arrays are per bar: {@code equity[t]} = cash + Σ quantity × close
 * at bar t (the last known close where a symbol has no bar); {@code exposure[t]} = Σ|quantity ×
 * close| / equity. {@code finalState} is the portfolio after the last bar (ledger and working
 * orders), to save and resume from.
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

  /** Every fee charged, including the entry fees of positions still open (see {@link #openEntryFees()}). */
  public double totalFees() {
    double sum = 0;
    for (Fill f : fills) {
      sum += f.fee();
    }
    return sum;
  }

  /** The part of {@link #totalFees()} paid to enter positions still open at the end. */
  public double openEntryFees() {
    double sum = 0;
    for (Trade t : openTrades) {
      sum += t.fees();
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

  /** Why trading stopped (the equity reached zero), or null when it never did. */
  public String tradingStopped() {
    return finalState.tradingStopped();
  }
}
