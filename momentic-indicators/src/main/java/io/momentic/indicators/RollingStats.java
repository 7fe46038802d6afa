package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Rolling-window statistics over {@code x[t−p+1..t]}, NaN until the window is full (warm-up
 * {@code p − 1}) and while a NaN is inside the window. Standard deviations come in two named
 * flavours: <b>sample</b> (divides by {@code p − 1}, pandas' default) and <b>population</b>
 * (divides by {@code p}, numpy's default). Each window is computed directly (two-pass), so the
 * value at t never depends on earlier windows' rounding.
 */
public final class RollingStats {

  private RollingStats() {}

  public static int warmup(int period) {
    return Checks.positive(period, "period") - 1;
  }

  /** Rolling mean (identical to {@link MovingAverages#sma} but computed per window). */
  public static double[] mean(double[] x, int period) {
    Checks.positive(period, "period");
    double[] out = Arrays2.nans(x.length);
    for (int t = period - 1; t < x.length; t++) {
      out[t] = windowMean(x, t - period + 1, t + 1);
    }
    return out;
  }

  /** Rolling sample standard deviation ({@code ddof = 1}); needs {@code period ≥ 2}. */
  public static double[] sampleStd(double[] x, int period) {
    if (period < 2) {
      throw new IllegalArgumentException("Expected 'period' >= 2 for a sample standard deviation, but found " + period);
    }
    return std(x, period, 1);
  }

  /** Rolling population standard deviation ({@code ddof = 0}). */
  public static double[] populationStd(double[] x, int period) {
    Checks.positive(period, "period");
    return std(x, period, 0);
  }

  private static double[] std(double[] x, int period, int ddof) {
    double[] out = Arrays2.nans(x.length);
    for (int t = period - 1; t < x.length; t++) {
      int from = t - period + 1;
      double mean = windowMean(x, from, t + 1);
      if (Double.isNaN(mean)) {
        continue;
      }
      double ss = 0;
      for (int i = from; i <= t; i++) {
        double d = x[i] - mean;
        ss += d * d;
      }
      out[t] = Math.sqrt(ss / (period - ddof));
    }
    return out;
  }

  private static double windowMean(double[] x, int fromInclusive, int toExclusive) {
    double sum = 0;
    for (int i = fromInclusive; i < toExclusive; i++) {
      sum += x[i];
    }
    return sum / (toExclusive - fromInclusive);
  }

  /**
   * Rolling percentile rank of the newest value within its window, in (0, 1]: the average rank
   * of {@code x_t} among the {@code p} values (ties share the mean of their ranks) divided by
   * {@code p} — pandas' {@code rolling(p).rank(pct=True)}. A window containing NaN gives NaN.
   */
  public static double[] percentRank(double[] x, int period) {
    Checks.positive(period, "period");
    double[] out = Arrays2.nans(x.length);
    for (int t = period - 1; t < x.length; t++) {
      double v = x[t];
      int less = 0;
      int equal = 0;
      boolean hasNaN = false;
      for (int i = t - period + 1; i <= t; i++) {
        double w = x[i];
        if (Double.isNaN(w)) {
          hasNaN = true;
          break;
        }
        if (w < v) {
          less++;
        } else if (w == v) {
          equal++;
        }
      }
      if (!hasNaN) {
        out[t] = (less + (equal + 1) / 2.0) / period;
      }
    }
    return out;
  }
}
