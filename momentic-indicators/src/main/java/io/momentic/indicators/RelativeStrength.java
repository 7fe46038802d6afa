package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Wilder's RSI. Changes {@code d_t = c_t − c_{t−1}} for {@code t ≥ 1}; the first average gain
 * and loss are the means of the first {@code p} changes (so the first RSI is at index {@code p}),
 * then Wilder-smoothed: {@code avg_t = (avg_{t−1}·(p−1) + x_t)/p}.
 * {@code RSI = 100 − 100/(1 + avgGain/avgLoss)}; 100 when there were only gains; 50 when the
 * price did not move at all (TA-Lib reports 0 there; a flat market is neutral, not oversold).
 */
public final class RelativeStrength {

  private RelativeStrength() {}

  public static int rsiWarmup(int period) {
    return Checks.positive(period, "period");
  }

  public static double[] rsi(double[] close, int period) {
    double[] out = new double[close.length];
    rsi(close, close.length, period, out);
    return out;
  }

  public static void rsi(double[] close, int n, int period, double[] out) {
    Checks.positive(period, "period");
    Arrays2.checkLengths(close, n, out);
    double gain = 0;
    double loss = 0;
    for (int t = 0; t < n; t++) {
      if (t == 0) {
        out[t] = Double.NaN;
        continue;
      }
      double d = close[t] - close[t - 1];
      double g = d > 0 ? d : 0;
      double l = d < 0 ? -d : 0;
      if (t < period) {
        gain += g;
        loss += l;
        out[t] = Double.NaN;
        continue;
      }
      if (t == period) {
        gain = (gain + g) / period;
        loss = (loss + l) / period;
      } else {
        gain = (gain * (period - 1) + g) / period;
        loss = (loss * (period - 1) + l) / period;
      }
      out[t] = rsiOf(gain, loss);
    }
  }

  private static double rsiOf(double avgGain, double avgLoss) {
    if (avgLoss == 0) {
      return avgGain == 0 ? 50 : 100;
    }
    return 100 - 100 / (1 + avgGain / avgLoss);
  }
}
