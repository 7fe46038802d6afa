package io.momentic.engine;

import io.momentic.engine.account.Fill;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.account.Trade;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a run produced. Arrays are per recorded bar: {@code equity[t]} = cash + Σ quantity ×
 * close at bar t (the last known close where a symbol has no bar); {@code exposure[t]} = Σ|quantity
 * × close| / equity. {@code finalState} is the portfolio after the last bar (ledger and working
 * orders), to save and resume from.
 *
 * <p>The equity is recorded as the run goes; the bar times, the cash and exposure series, the
 * ledger's lists and the final state are built the first time they are asked for (from what the
 * run logged, with the same arithmetic), so a sweep trial that only needs its equity pays for
 * nothing else. A result is immutable either way.
 */
public final class BacktestResult {

  private final double[] equity;
  private final List<Trade> openTrades;
  private final BacktestConfig config;
  private Supplier<long[]> timesSource;
  private Supplier<double[]> cashSource;
  private Supplier<double[]> exposureSource;
  private Supplier<List<Fill>> fillsSource;
  private Supplier<List<Trade>> tradesSource;
  private Supplier<PortfolioState> stateSource;
  private java.util.function.IntSupplier exposedBarsSource;
  private final long firstTimeMillis;
  private final long lastTimeMillis;
  private long[] times;
  private double[] cash;
  private double[] exposure;
  private List<Fill> fills;
  private List<Trade> trades;
  private PortfolioState finalState;

  /** A result of values already built. */
  public BacktestResult(long[] times, double[] equity, double[] cash, double[] exposure, List<Fill> fills,
      List<Trade> trades, List<Trade> openTrades, BacktestConfig config, PortfolioState finalState) {
    this.times = times;
    this.equity = equity;
    this.cash = cash;
    this.exposure = exposure;
    this.fills = List.copyOf(fills);
    this.trades = List.copyOf(trades);
    this.openTrades = List.copyOf(openTrades);
    this.config = config;
    this.finalState = finalState;
    this.firstTimeMillis = times.length == 0 ? Long.MIN_VALUE : times[0];
    this.lastTimeMillis = times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
  }

  /** A result whose other parts are built on first use. */
  BacktestResult(double[] equity, List<Trade> openTrades, BacktestConfig config, long firstTimeMillis,
      long lastTimeMillis, Supplier<long[]> times, Supplier<double[]> cash, Supplier<double[]> exposure,
      java.util.function.IntSupplier exposedBars, Supplier<List<Fill>> fills, Supplier<List<Trade>> trades,
      Supplier<PortfolioState> finalState) {
    this.equity = equity;
    this.firstTimeMillis = firstTimeMillis;
    this.lastTimeMillis = lastTimeMillis;
    this.exposedBarsSource = exposedBars;
    this.openTrades = List.copyOf(openTrades);
    this.config = config;
    this.timesSource = times;
    this.cashSource = cash;
    this.exposureSource = exposure;
    this.fillsSource = fills;
    this.tradesSource = trades;
    this.stateSource = finalState;
  }

  /** Open time of each recorded bar, epoch ms. */
  public synchronized long[] times() {
    if (times == null) {
      times = timesSource.get();
      timesSource = null;
    }
    return times;
  }

  public double[] equity() {
    return equity;
  }

  /** Open time of the first recorded bar, epoch ms ({@code times()[0]} without the array). */
  public long firstTimeMillis() {
    return firstTimeMillis;
  }

  /** Open time of the last recorded bar, epoch ms. */
  public long lastTimeMillis() {
    return lastTimeMillis;
  }

  /**
   * How many bars have an exposure above zero: the count of {@code exposure()[i] > 0}, without
   * building the series when it has not been asked for (a sweep's trials never ask).
   */
  public synchronized int exposedBars() {
    if (exposure == null && exposedBarsSource != null) {
      return exposedBarsSource.getAsInt();
    }
    int exposed = 0;
    for (double e : exposure()) {
      if (e > 0) {
        exposed++;
      }
    }
    return exposed;
  }

  public synchronized double[] cash() {
    if (cash == null) {
      cash = cashSource.get();
      cashSource = null;
    }
    return cash;
  }

  public synchronized double[] exposure() {
    if (exposure == null) {
      exposure = exposureSource.get();
      exposureSource = null;
    }
    return exposure;
  }

  public synchronized List<Fill> fills() {
    if (fills == null) {
      fills = fillsSource.get();
      fillsSource = null;
    }
    return fills;
  }

  /** Closed round trips (or the parts of positions closed at once). */
  public synchronized List<Trade> trades() {
    if (trades == null) {
      trades = tradesSource.get();
      tradesSource = null;
    }
    return trades;
  }

  /** Positions still open at the end, marked at the last close. */
  public List<Trade> openTrades() {
    return openTrades;
  }

  public BacktestConfig config() {
    return config;
  }

  public synchronized PortfolioState finalState() {
    if (finalState == null) {
      finalState = stateSource.get();
      stateSource = null;
    }
    return finalState;
  }

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
    for (Fill f : fills()) {
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
    for (Fill f : fills()) {
      sum += f.slippageCost();
    }
    return sum;
  }

  /** Why trading stopped (the equity reached zero), or null when it never did. */
  public String tradingStopped() {
    return finalState().tradingStopped();
  }
}
