package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Velocity and acceleration of a series.
 * <ul>
 *   <li><b>Velocity(p)</b> at t: the slope (units per bar) of the ordinary least-squares line
 *       fitted to {@code x[t−p+1..t]} against {@code 0..p−1}:
 *       {@code Σ(i − ī)(x_i − x̄) / Σ(i − ī)²}. Warm-up {@code p − 1}; needs {@code p ≥ 2}.</li>
 *   <li><b>Acceleration(p)</b> at t: the change of that slope, {@code velocity_t − velocity_{t−1}}.
 *       Warm-up {@code p}.</li>
 * </ul>
 * Each window is fitted directly, so a value never carries rounding from earlier windows.
 */
public final class Dynamics {

  private Dynamics() {}

  public static int velocityWarmup(int period) {
    return checkPeriod(period) - 1;
  }

  public static int accelerationWarmup(int period) {
    return checkPeriod(period);
  }

  public static double[] velocity(double[] x, int period) {
    checkPeriod(period);
    double[] out = Arrays2.nans(x.length);
    double meanIndex = (period - 1) / 2.0;
    double sxx = 0;
    for (int i = 0; i < period; i++) {
      sxx += (i - meanIndex) * (i - meanIndex);
    }
    for (int t = period - 1; t < x.length; t++) {
      int from = t - period + 1;
      double mean = 0;
      for (int i = 0; i < period; i++) {
        mean += x[from + i];
      }
      mean /= period;
      double sxy = 0;
      for (int i = 0; i < period; i++) {
        sxy += (i - meanIndex) * (x[from + i] - mean);
      }
      out[t] = sxy / sxx;
    }
    return out;
  }

  public static double[] acceleration(double[] x, int period) {
    double[] v = velocity(x, period);
    double[] out = Arrays2.nans(x.length);
    for (int t = period; t < x.length; t++) {
      out[t] = v[t] - v[t - 1];
    }
    return out;
  }

  private static int checkPeriod(int period) {
    if (period < 2) {
      throw new IllegalArgumentException("Expected 'period' >= 2 to fit a slope, but found " + period);
    }
    return period;
  }
}
