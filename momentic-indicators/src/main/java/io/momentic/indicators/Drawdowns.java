package io.momentic.indicators;

/**
 * Drawdown from the running maximum: {@code dd_t = x_t / max_{s ≤ t} x_s − 1} (≤ 0; 0 at a new
 * high). Leading NaNs are kept; no warm-up after the first value.
 */
public final class Drawdowns {

  private Drawdowns() {}

  public static double[] fromRunningMax(double[] x) {
    double[] out = Arrays2.nans(x.length);
    double peak = Double.NaN;
    for (int t = 0; t < x.length; t++) {
      double v = x[t];
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isNaN(peak) || v > peak) {
        peak = v;
      }
      out[t] = v / peak - 1;
    }
    return out;
  }
}
