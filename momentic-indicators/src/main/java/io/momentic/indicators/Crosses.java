package io.momentic.indicators;

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
      double a0 = a[t - 1];
      double b0 = b[t - 1];
      double a1 = a[t];
      double b1 = b[t];
      // Comparisons with NaN are false, so a missing value gives no cross; the sum then marks it
      // unknown. Written without branches: crosses are rare and this runs once per backtest.
      double up = a0 < b0 & a1 > b1 ? UP : NONE;
      double down = a0 > b0 & a1 < b1 ? DOWN : NONE;
      double known = a0 + b0 + a1 + b1;
      out[t] = Double.isNaN(known) ? Double.NaN : up + down;
    }
    return out;
  }
}
