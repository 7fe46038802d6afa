package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * True range and Wilder's average true range (TA-Lib convention).
 * {@code TR_t = max(h_t − l_t, |h_t − c_{t−1}|, |l_t − c_{t−1}|)} for {@code t ≥ 1} (it needs
 * the previous close, so {@code TR_0} is NaN). {@code ATR(p)_p} = mean of {@code TR_1..TR_p};
 * then {@code ATR_t = (ATR_{t−1}·(p−1) + TR_t) / p}. Warm-up: {@code p} bars.
 */
public final class TrueRange {

  private TrueRange() {}

  public static int atrWarmup(int period) {
    return Checks.positive(period, "period");
  }

  public static double[] trueRange(double[] high, double[] low, double[] close) {
    int n = close.length;
    double[] tr = new double[n];
    if (n > 0) {
      tr[0] = Double.NaN;
    }
    for (int t = 1; t < n; t++) {
      tr[t] = trueRangeAt(high[t], low[t], close[t - 1]);
    }
    return tr;
  }

  static double trueRangeAt(double high, double low, double previousClose) {
    return Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
  }

  public static double[] atr(double[] high, double[] low, double[] close, int period) {
    double[] out = new double[close.length];
    atr(high, low, close, close.length, period, out);
    return out;
  }

  /** Writes {@code ATR(period)} into {@code out[0, n)}; allocates nothing. */
  public static void atr(double[] high, double[] low, double[] close, int n, int period, double[] out) {
    Checks.positive(period, "period");
    Arrays2.checkLengths(close, n, out);
    double sum = 0;
    double value = Double.NaN;
    for (int t = 0; t < n; t++) {
      if (t == 0) {
        out[t] = Double.NaN;
        continue;
      }
      double tr = trueRangeAt(high[t], low[t], close[t - 1]);
      if (t < period) {
        sum += tr;
        out[t] = Double.NaN;
      } else if (t == period) {
        value = (sum + tr) / period;
        out[t] = value;
      } else {
        value = (value * (period - 1) + tr) / period;
        out[t] = value;
      }
    }
  }
}
