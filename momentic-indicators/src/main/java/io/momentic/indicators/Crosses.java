package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Where one series crosses another, strictly: a cross up at t is {@code a[t-1] < b[t-1]} and
 * {@code a[t] > b[t]}; a cross down mirrors it. Touching ({@code a == b}) on either bar is not a
 * cross, so a line that meets the other and turns back never signals. The value at t reads only
 * t − 1 and t, so it is the same whether or not later bars exist.
 */
public final class Crosses {

  /** A cross up at t. */
  public static final double UP = 1;
  /** A cross down at t. */
  public static final double DOWN = -1;
  /** Both bars known, no cross. */
  public static final double NONE = 0;

  private Crosses() {}

  /**
   * {@link #UP}, {@link #DOWN} or {@link #NONE} per bar; NaN at t = 0 and wherever a value at t − 1
   * or t is NaN (not yet known, so neither a cross nor its absence).
   */
  public static double[] of(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Expected two series of the same length, but found " + a.length + " and "
          + b.length);
    }
    int n = a.length;
    double[] out = new double[n];
    if (n > 0) {
      out[0] = Double.NaN;
    }
    for (int t = 1; t < n; t++) {
      out[t] = at(a[t - 1], b[t - 1], a[t], b[t]);
    }
    return out;
  }

  /**
   * The same as {@code of(sma(x, fastPeriod), sma(x, slowPeriod))}, value for value, in one pass
   * that stores neither average (what a crossover backtest needs per run).
   */
  public static double[] ofSmas(double[] x, int fastPeriod, int slowPeriod) {
    Checks.positive(fastPeriod, "fastPeriod");
    Checks.positive(slowPeriod, "slowPeriod");
    int n = x.length;
    double[] out = new double[n];
    if (n == 0) {
      return out;
    }
    MovingAverages.SmaWindow fast = new MovingAverages.SmaWindow(x, n, fastPeriod);
    MovingAverages.SmaWindow slow = new MovingAverages.SmaWindow(x, n, slowPeriod);
    double a0 = fast.next(0);
    double b0 = slow.next(0);
    out[0] = Double.NaN;
    for (int t = 1; t < n; t++) {
      double a1 = fast.next(t);
      double b1 = slow.next(t);
      out[t] = at(a0, b0, a1, b1);
      a0 = a1;
      b0 = b1;
    }
    return out;
  }

  /** The cross at t from a and b at t − 1 ({@code a0}, {@code b0}) and at t ({@code a1}, {@code b1}). */
  private static double at(double a0, double b0, double a1, double b1) {
    // Comparisons with NaN are false, so a missing value gives no cross; the sum then marks it
    // unknown. Written without branches: crosses are rare.
    double up = a0 < b0 & a1 > b1 ? UP : NONE;
    double down = a0 > b0 & a1 < b1 ? DOWN : NONE;
    double known = a0 + b0 + a1 + b1;
    return Double.isNaN(known) ? Double.NaN : up + down;
  }
}
