package io.momentic.analytics.hmm;

import io.momentic.core.Checks;

/**
 * The regime model's observation series (reference {@code 004}, spec §4.2), one value per input
 * row and NaN where a value is not yet defined. Each value at row t reads rows ≤ t only.
 */
public final class RegimeFeatures {

  /** The harness's drawdown window (rows). */
  public static final int DRAWDOWN_WINDOW = 200;
  /** The harness's realised-volatility window (log returns). */
  public static final int VOL_WINDOW = 5;

  private RegimeFeatures() {}

  public static double[] logPrices(double[] close) {
    double[] out = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      out[t] = Math.log(close[t]);
    }
    return out;
  }

  /** {@code ln p_t − ln p_{t−1}}; NaN on row 0. */
  public static double[] logReturns(double[] close) {
    double[] lp = logPrices(close);
    double[] out = new double[close.length];
    if (out.length > 0) {
      out[0] = Double.NaN;
    }
    for (int t = 1; t < out.length; t++) {
      out[t] = lp[t] - lp[t - 1];
    }
    return out;
  }

  /** {@code d_t = ln p_t − max_{s≤t} ln p_s} from the first row (0 on row 0). */
  public static double[] runningMaxDrawdown(double[] close) {
    double[] lp = logPrices(close);
    double[] out = new double[close.length];
    double peak = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < out.length; t++) {
      peak = Math.max(peak, lp[t]);
      out[t] = lp[t] - peak;
    }
    return out;
  }

  /** {@code d_t = ln p_t − max_{s∈[t−w+1, t]} ln p_s}; NaN until a full window exists (row w − 1). */
  public static double[] rollingMaxDrawdown(double[] close, int window) {
    Checks.positive(window, "window");
    double[] lp = logPrices(close);
    int n = close.length;
    double[] out = new double[n];
    // Monotone deque of candidate maxima (indexes with decreasing log price): O(n) overall.
    int[] deque = new int[n];
    int head = 0;
    int tail = 0;
    for (int t = 0; t < n; t++) {
      while (tail > head && lp[deque[tail - 1]] <= lp[t]) {
        tail--;
      }
      deque[tail++] = t;
      if (deque[head] <= t - window) {
        head++;
      }
      out[t] = t < window - 1 ? Double.NaN : lp[t] - lp[deque[head]];
    }
    return out;
  }

  /**
   * Population standard deviation (divided by w) of the last w log returns including today's;
   * NaN until w returns exist (first on row w).
   */
  public static double[] realisedVolatility(double[] close, int window) {
    Checks.positive(window, "window");
    double[] r = logReturns(close);
    double[] out = new double[close.length];
    for (int t = 0; t < out.length; t++) {
      if (t < window) {
        out[t] = Double.NaN;
        continue;
      }
      double mean = 0;
      for (int s = t - window + 1; s <= t; s++) {
        mean += r[s];
      }
      mean /= window;
      double ss = 0;
      for (int s = t - window + 1; s <= t; s++) {
        ss += (r[s] - mean) * (r[s] - mean);
      }
      out[t] = Math.sqrt(ss / window);
    }
    return out;
  }
}
