package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Simple, exponential and Wilder moving averages as array kernels.
 *
 * <p>Conventions (the TA-Lib ones, which most charting packages follow):
 * <ul>
 *   <li>{@code SMA(p)_t} = mean of {@code x[t-p+1..t]}; first value at index {@code p-1}.</li>
 *   <li>{@code EMA(span p)}: {@code alpha = 2 / (p + 1)}; seeded with the SMA of the first
 *       {@code p} values at index {@code p-1}, then {@code ema_t = alpha·x_t + (1-alpha)·ema_{t-1}}.
 *       (pandas {@code ewm(span=p, adjust=False)} starts at {@code x_0} instead; both converge.)</li>
 *   <li>Wilder smoothing {@code (p)}: {@code alpha = 1 / p}, seeded the same way.</li>
 * </ul>
 * Leading NaNs (an instrument not yet listed) are skipped: the warm-up starts at the first
 * value. A NaN inside the window makes the SMA NaN while it is in the window; for the recursive
 * averages a NaN after the seed propagates.
 */
public final class MovingAverages {

  private MovingAverages() {}

  /** Leading NaNs of {@link #sma}: {@code p - 1}. */
  public static int smaWarmup(int period) {
    return Checks.positive(period, "period") - 1;
  }

  /** Leading NaNs of {@link #ema} and {@link #wilder}: {@code p - 1}. */
  public static int emaWarmup(int period) {
    return Checks.positive(period, "period") - 1;
  }

  public static double[] sma(double[] x, int period) {
    double[] out = new double[x.length];
    sma(x, x.length, period, out);
    return out;
  }

  /** Writes {@code SMA(period)} of {@code x[0, n)} into {@code out[0, n)}; allocates nothing. */
  public static void sma(double[] x, int n, int period, double[] out) {
    Checks.positive(period, "period");
    Arrays2.checkLengths(x, n, out);
    SmaWindow window = new SmaWindow(x, n, period);
    for (int i = 0; i < n; i++) {
      out[i] = window.next(i);
    }
  }

  /**
   * The SMA as a stream: {@link #next} called with i = 0, 1, 2, … returns {@code SMA(period)} at i,
   * exactly as {@link #sma} writes it. Lets a kernel that needs several averages of one series (a
   * crossover) compute them in one pass without storing them; short-lived, so the JIT keeps its
   * fields in registers.
   */
  static final class SmaWindow {
    private final double[] x;
    private final int period;
    private final int start;
    private double sum;
    private int nanInWindow;

    SmaWindow(double[] x, int n, int period) {
      this.x = x;
      this.period = period;
      this.start = Arrays2.firstFinite(x, n);
    }

    double next(int i) {
      if (i < start) {
        return Double.NaN;
      }
      double v = x[i];
      if (Double.isNaN(v)) {
        nanInWindow++;
      } else {
        sum += v;
      }
      int leaving = i - period;
      if (leaving >= start) {
        double old = x[leaving];
        if (Double.isNaN(old)) {
          nanInWindow--;
        } else {
          sum -= old;
        }
      }
      return (i - start >= period - 1 && nanInWindow == 0) ? sum / period : Double.NaN;
    }
  }

  public static double[] ema(double[] x, int period) {
    double[] out = new double[x.length];
    ema(x, x.length, period, out);
    return out;
  }

  /** Writes {@code EMA(span = period)} of {@code x[0, n)} into {@code out}; allocates nothing. */
  public static void ema(double[] x, int n, int period, double[] out) {
    Checks.positive(period, "period");
    smoothed(x, n, period, 2.0 / (period + 1), out);
  }

  public static double[] wilder(double[] x, int period) {
    double[] out = new double[x.length];
    wilder(x, x.length, period, out);
    return out;
  }

  /** Writes Wilder's smoothing ({@code alpha = 1/period}) of {@code x[0, n)} into {@code out}. */
  public static void wilder(double[] x, int n, int period, double[] out) {
    Checks.positive(period, "period");
    smoothed(x, n, period, 1.0 / period, out);
  }

  private static void smoothed(double[] x, int n, int period, double alpha, double[] out) {
    Arrays2.checkLengths(x, n, out);
    int start = Arrays2.firstFinite(x, n);
    int seedEnd = start + period - 1;
    double sum = 0;
    for (int i = 0; i < Math.min(n, seedEnd); i++) {
      out[i] = Double.NaN;
      if (i >= start) {
        sum += x[i];
      }
    }
    if (seedEnd >= n) {
      return;
    }
    double value = (sum + x[seedEnd]) / period;
    out[seedEnd] = value;
    double keep = 1 - alpha;
    for (int i = seedEnd + 1; i < n; i++) {
      value = alpha * x[i] + keep * value;
      out[i] = value;
    }
  }
}
