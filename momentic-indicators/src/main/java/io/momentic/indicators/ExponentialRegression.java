package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Rolling exponential-regression fit {@code y = a0 · a1^x} over the last {@code p} values, by
 * ordinary least squares on {@code ln y = ln a0 + x · ln a1} with {@code x = 0..p−1} (x = 0 is
 * the oldest bar of the window). Outputs per bar:
 * <ul>
 *   <li>{@code a1}: growth factor per bar;</li>
 *   <li>{@code r2}: coefficient of determination of the log-linear fit;</li>
 *   <li>{@code annualizedSlope}: {@code a1^periodsPerYear − 1}.</li>
 * </ul>
 * Warm-up {@code p − 1}; a window with a non-positive or NaN value gives NaN.
 */
public final class ExponentialRegression {

  /** The per-bar outputs. */
  public record Result(double[] a0, double[] a1, double[] r2, double[] annualizedSlope) {}

  private ExponentialRegression() {}

  public static int warmup(int period) {
    if (period < 3) {
      throw new IllegalArgumentException("Expected 'period' >= 3 for a regression with r², but found " + period);
    }
    return period - 1;
  }

  public static Result rolling(double[] y, int period, double periodsPerYear) {
    warmup(period);
    Checks.positive(periodsPerYear, "periodsPerYear");
    int n = y.length;
    double[] a0 = Arrays2.nans(n);
    double[] a1 = Arrays2.nans(n);
    double[] r2 = Arrays2.nans(n);
    double[] annual = Arrays2.nans(n);
    double meanX = (period - 1) / 2.0;
    double sxx = 0;
    for (int i = 0; i < period; i++) {
      sxx += (i - meanX) * (i - meanX);
    }
    double[] logs = new double[period];
    for (int t = period - 1; t < n; t++) {
      int from = t - period + 1;
      double meanY = 0;
      boolean valid = true;
      for (int i = 0; i < period; i++) {
        double v = y[from + i];
        if (!(v > 0)) {
          valid = false;
          break;
        }
        logs[i] = Math.log(v);
        meanY += logs[i];
      }
      if (!valid) {
        continue;
      }
      meanY /= period;
      double sxy = 0;
      double syy = 0;
      for (int i = 0; i < period; i++) {
        double dy = logs[i] - meanY;
        sxy += (i - meanX) * dy;
        syy += dy * dy;
      }
      double slope = sxy / sxx;
      double intercept = meanY - slope * meanX;
      a0[t] = Math.exp(intercept);
      a1[t] = Math.exp(slope);
      // A perfectly flat window has no variance to explain: report r² = 1 only if the fit is exact.
      r2[t] = syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
      annual[t] = Math.pow(a1[t], periodsPerYear) - 1;
    }
    return new Result(a0, a1, r2, annual);
  }
}
