package io.momentic.research;

import io.momentic.analytics.CurveSummary;
import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.analytics.TradeStats;
import io.momentic.engine.BacktestResult;
import io.momentic.indicators.Drawdowns;
import io.momentic.engine.account.Trade;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one run, as snake_case fields (see docs/METRICS.md): what {@code momentic
 * backtest} writes to metrics.json and what a sweep records for every trial.
 */
public final class RunMetrics {

  private RunMetrics() {}

  /** Periods per year of a panel's bars, from its interval and its first instrument's calendar. */
  public static double periodsPerYear(io.momentic.core.Panel panel) {
    return panel.interval().periodsPerYear(panel.instruments().get(0).calendar());
  }

  /** Rolling windows of the reference-002 contract, in bars. */
  public static final int ROLLING_WINDOW = 60;

  /**
   * Reference 002 §5.4's metrics, under its names and as fractions, beside Momentic's own: the
   * Sharpe and Sortino ratios, ROI, CAGR, annualised volatility, maximum drawdown, Calmar, the
   * information ratio against {@code benchmark} (described by {@code benchmarkName}), the hit rate
   * and the win/loss ratio of the per-bar returns, and summaries of the 60-bar rolling Sharpe and
   * Sortino ratios.
   */
  public static Map<String, Object> contract(BacktestResult r, BacktestResult benchmark, String benchmarkName,
      double periodsPerYear) {
    double[] returns = EquityMetrics.returns(wealth(r));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sharpe_ratio", ReturnMetrics.sharpe(returns, periodsPerYear));
    m.put("sortino_ratio", ReturnMetrics.sortino(returns, periodsPerYear));
    m.put("roi", r.finalEquity() / r.initialCash() - 1);
    long[] times = r.times();
    m.put("cagr", EquityMetrics.cagr(r.equity(), times[0], times[times.length - 1]));
    m.put("volatility_annualized", ReturnMetrics.annualVolatility(returns, periodsPerYear));
    m.put("max_drawdown", EquityMetrics.maxDrawdown(wealth(r)));
    m.put("calmar_ratio", ReturnMetrics.calmar(returns, periodsPerYear));
    m.put("information_ratio", benchmark == null ? Double.NaN
        : ReturnMetrics.informationRatio(returns, EquityMetrics.returns(wealth(benchmark)), periodsPerYear));
    m.put("information_ratio_benchmark", benchmarkName);
    m.put("hit_rate", ReturnMetrics.hitRate(returns));
    m.put("win_loss_ratio", ReturnMetrics.winLossRatio(returns));
    m.put("rolling_sharpe_60", summary(ReturnMetrics.rollingSharpe(returns, ROLLING_WINDOW, periodsPerYear)));
    m.put("rolling_sortino_60", summary(ReturnMetrics.rollingSortino(returns, ROLLING_WINDOW, periodsPerYear)));
    return m;
  }

  /** What the benchmark is when none is named. */
  public static final String DEFAULT_BENCHMARK = "buy-and-hold of the traded instruments, same bars and costs";

  /**
   * The run against its benchmark ({@code name} says which: by default a buy-and-hold of the
   * traded instruments over the same bars and costs): the benchmark's own headline numbers, then
   * excess return, annualised alpha (as empyrical compounds it), beta, correlation, tracking error
   * and the information ratio of the per-bar returns.
   */
  public static Map<String, Object> versus(BacktestResult r, BacktestResult benchmark, String name,
      double periodsPerYear) {
    double[] rs = EquityMetrics.returns(wealth(r));
    double[] rb = EquityMetrics.returns(wealth(benchmark));
    double[] active = new double[rs.length];
    for (int i = 0; i < rs.length; i++) {
      active[i] = rs[i] - rb[i];
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    double total = 100 * (benchmark.finalEquity() / benchmark.initialCash() - 1);
    m.put("total_return_pct", total);
    long[] times = benchmark.times();
    m.put("cagr_pct", 100 * EquityMetrics.cagr(benchmark.equity(), times[0], times[times.length - 1]));
    m.put("sharpe", ReturnMetrics.sharpe(rb, periodsPerYear));
    m.put("max_drawdown_pct", 100 * EquityMetrics.maxDrawdown(wealth(benchmark)));
    m.put("excess_return_pct", 100 * (r.finalEquity() / r.initialCash() - 1) - total);
    m.put("alpha_annual_pct", 100 * ReturnMetrics.alpha(rs, rb, periodsPerYear));
    double beta = ReturnMetrics.beta(rs, rb);
    m.put("beta", beta);
    double sdS = ReturnMetrics.std(rs);
    m.put("correlation", sdS == 0 ? Double.NaN : beta * ReturnMetrics.std(rb) / sdS);
    m.put("tracking_error_pct", 100 * ReturnMetrics.annualVolatility(active, periodsPerYear));
    m.put("information_ratio", ReturnMetrics.informationRatio(rs, rb, periodsPerYear));
    return m;
  }

  /** Min, median, max and last of the finite values of a rolling series. */
  private static Map<String, Object> summary(double[] rolling) {
    double[] v = java.util.Arrays.stream(rolling).filter(Double::isFinite).toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("windows", v.length);
    double[] sorted = v.clone();
    java.util.Arrays.sort(sorted);
    m.put("min", v.length == 0 ? Double.NaN : sorted[0]);
    m.put("median", ReturnMetrics.percentile(sorted, 50));
    m.put("max", v.length == 0 ? Double.NaN : sorted[v.length - 1]);
    m.put("last", v.length == 0 ? Double.NaN : v[v.length - 1]);
    return m;
  }

  /** The wealth path: the initial cash, then equity at every bar (so the first bar's return counts). */
  public static double[] wealth(BacktestResult r) {
    double[] equity = r.equity();
    double[] withStart = new double[equity.length + 1];
    withStart[0] = r.initialCash();
    System.arraycopy(equity, 0, withStart, 1, equity.length);
    return withStart;
  }

  /** Drawdown at every bar as a fraction (≤ 0), the initial cash counting as the first peak. */
  public static double[] drawdowns(BacktestResult r) {
    double[] fromStart = Drawdowns.fromRunningMax(wealth(r));
    return java.util.Arrays.copyOfRange(fromStart, 1, fromStart.length);
  }

  public static Map<String, Object> of(BacktestResult r, double periodsPerYear) {
    return of(r, periodsPerYear, CurveSummary.of(wealth(r), periodsPerYear));
  }

  /** As above, from the run's {@link CurveSummary} already made (a sweep also reads its returns). */
  public static Map<String, Object> of(BacktestResult r, double periodsPerYear, CurveSummary curve) {
    double[] equity = r.equity();
    List<Trade> trades = r.trades();
    int n = trades.size();
    double[] pnl = new double[n];
    double[] ret = new double[n];
    int[] bars = new int[n];
    for (int i = 0; i < n; i++) {
      Trade t = trades.get(i);
      pnl[i] = t.pnl();
      ret[i] = t.returnPct();
      bars[i] = t.barsHeld();
    }
    TradeStats ts = TradeStats.of(pnl, ret, bars);
    // Sized for its ~30 entries (a sweep builds one per trial: no rehashing).
    Map<String, Object> m = new LinkedHashMap<>(64);
    m.put("initial_cash", r.initialCash());
    m.put("final_equity", r.finalEquity());
    m.put("total_return_pct", 100 * (r.finalEquity() / r.initialCash() - 1));
    m.put("cagr_pct", 100 * EquityMetrics.cagr(equity, r.firstTimeMillis(), r.lastTimeMillis()));
    m.put("annual_return_pct", 100 * curve.annualReturn());
    m.put("annual_volatility_pct", 100 * curve.annualVolatility());
    m.put("sharpe", curve.sharpe());
    m.put("sortino", curve.sortino());
    m.put("calmar", curve.calmar());
    m.put("max_drawdown_pct", 100 * curve.maxDrawdown());
    m.put("max_drawdown_duration_bars", curve.maxDrawdownDuration());
    m.put("average_drawdown_pct", 100 * curve.averageDrawdown());
    m.put("hit_rate", curve.hitRate());
    m.put("skew", curve.skew());
    m.put("excess_kurtosis", curve.excessKurtosis());
    m.put("trades", n);
    m.put("open_trades", r.openTrades().size());
    m.put("win_rate_pct", ts.winRatePct());
    m.put("profit_factor", ts.profitFactor());
    m.put("profit_factor_returns", ts.profitFactorReturns());
    m.put("expectancy", ts.expectancy());
    m.put("sqn", ts.sqn());
    m.put("best_trade_pct", ts.bestTradePct());
    m.put("worst_trade_pct", ts.worstTradePct());
    m.put("average_trade_pct", ts.averageTradePct());
    m.put("average_bars_held", ts.averageBarsHeld());
    m.put("max_bars_held", ts.maxBarsHeld());
    m.put("exposure_pct", 100.0 * r.exposedBars() / equity.length);
    m.put("fees", r.totalFees());
    m.put("slippage", r.totalSlippage());
    m.put("periods_per_year", periodsPerYear);
    return m;
  }
}
