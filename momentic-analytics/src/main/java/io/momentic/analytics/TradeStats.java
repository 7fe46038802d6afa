package io.momentic.analytics;

/**
 * Statistics of closed trades, from their net P&L, return % and bars held.
 *
 * @param profitFactor Σ winning P&L / |Σ losing P&L| (NaN with no losers)
 * @param profitFactorReturns the same on trade returns in percent ("returns-based profit factor")
 * @param expectancy mean P&L per trade
 * @param sqn System Quality Number: √N · mean(P&L) / std(P&L) (Van Tharp, on P&L rather than R-multiples)
 */
public record TradeStats(int count, double winRatePct, double profitFactor, double profitFactorReturns,
    double expectancy, double sqn, double bestTradePct, double worstTradePct, double averageTradePct,
    double averageBarsHeld, int maxBarsHeld) {

  public static TradeStats of(double[] pnl, double[] returnPct, int[] barsHeld) {
    int n = pnl.length;
    if (n == 0) {
      return new TradeStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, 0);
    }
    int wins = 0;
    double best = Double.NEGATIVE_INFINITY;
    double worst = Double.POSITIVE_INFINITY;
    double bars = 0;
    int maxBars = 0;
    for (int i = 0; i < n; i++) {
      if (pnl[i] > 0) {
        wins++;
      }
      best = Math.max(best, returnPct[i]);
      worst = Math.min(worst, returnPct[i]);
      bars += barsHeld[i];
      maxBars = Math.max(maxBars, barsHeld[i]);
    }
    double mean = ReturnMetrics.mean(pnl);
    double sd = ReturnMetrics.std(pnl);
    return new TradeStats(n, 100.0 * wins / n, profitFactor(pnl), profitFactor(returnPct), mean, n < 2 || sd == 0 ? Double.NaN : Math.sqrt(n) * mean / sd,
        best, worst, ReturnMetrics.mean(returnPct), bars / n, maxBars);
  }

  /** Σ positive values / |Σ negative values|, NaN skipped; NaN when nothing is negative. */
  public static double profitFactor(double[] values) {
    double win = 0;
    double loss = 0;
    for (double v : values) {
      if (v > 0) {
        win += v;
      } else if (v < 0) {
        loss -= v;
      }
    }
    return loss == 0 ? Double.NaN : win / loss;
  }
}
