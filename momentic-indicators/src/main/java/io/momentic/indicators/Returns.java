package io.momentic.indicators;

/**
 * One-period returns: simple {@code r_t = x_t / x_{t−1} − 1} and log {@code ln(x_t / x_{t−1})}.
 * Index 0 is NaN (warm-up 1).
 */
public final class Returns {

  private Returns() {}

  public static final int WARMUP = 1;

  public static double[] simple(double[] x) {
    double[] out = Arrays2.nans(x.length);
    for (int t = 1; t < x.length; t++) {
      out[t] = x[t] / x[t - 1] - 1;
    }
    return out;
  }

  public static double[] log(double[] x) {
    double[] out = Arrays2.nans(x.length);
    for (int t = 1; t < x.length; t++) {
      out[t] = Math.log(x[t] / x[t - 1]);
    }
    return out;
  }

  /** Total return over {@code period} bars: {@code x_t / x_{t−period} − 1}; warm-up {@code period}. */
  public static double[] overPeriod(double[] x, int period) {
    io.momentic.core.Checks.positive(period, "period");
    double[] out = Arrays2.nans(x.length);
    for (int t = period; t < x.length; t++) {
      out[t] = x[t] / x[t - period] - 1;
    }
    return out;
  }
}
