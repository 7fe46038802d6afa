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
    int start = Arrays2.firstFinite(x, n);
    if (withoutGaps(x, start, fastPeriod, slowPeriod, out)) {
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

  /**
   * {@link #ofSmas} where x has no NaN from {@code start} on (the common case): the same sums in the
   * same order as {@link MovingAverages.SmaWindow} (add the entering value, then subtract the leaving
   * one), so the same sums to the bit, and the averages compared as the divisions would compare them
   * ({@link #order}), without the window's per-bar NaN bookkeeping. The warm-up,
   * where a window is not yet full, is its own loop; after it every average is known. Returns false
   * when x had a NaN after all (both running sums then end NaN, as a NaN never leaves a sum): the
   * caller recomputes {@code out} with the window's NaN rules, and no separate scan is paid up front
   * (a series with an interior gap pays for both passes; such series are rare in a backtest). The
   * warm-up repeats the window's add-then-subtract on purpose: the window leaves a NaN out of its
   * sum, and this path needs the NaN in it to notice.
   */
  private static boolean withoutGaps(double[] x, int start, int fastPeriod, int slowPeriod, double[] out) {
    int n = x.length;
    int longest = Math.max(fastPeriod, slowPeriod);
    // The first cross that can be known reads both averages at t − 1 >= start + longest − 1.
    int firstKnown = (int) Math.min(n, (long) start + longest);
    java.util.Arrays.fill(out, 0, firstKnown, Double.NaN);
    if (firstKnown == n) {
      return true;
    }
    double fastSum = 0;
    double slowSum = 0;
    for (int i = start; i < firstKnown; i++) {
      fastSum += x[i];
      if (i - fastPeriod >= start) {
        fastSum -= x[i - fastPeriod];
      }
      slowSum += x[i];
      if (i - slowPeriod >= start) {
        slowSum -= x[i - slowPeriod];
      }
    }
    double fastReciprocal = 1.0 / fastPeriod;
    double slowReciprocal = 1.0 / slowPeriod;
    int before = order(fastSum, fastPeriod, fastReciprocal, slowSum, slowPeriod, slowReciprocal);
    for (int t = firstKnown; t < n; t++) {
      double v = x[t];
      fastSum = fastSum + v - x[t - fastPeriod];
      slowSum = slowSum + v - x[t - slowPeriod];
      int now = order(fastSum, fastPeriod, fastReciprocal, slowSum, slowPeriod, slowReciprocal);
      out[t] = before < 0 & now > 0 ? UP : before > 0 & now < 0 ? DOWN : NONE;
      before = now;
    }
    return !Double.isNaN(fastSum + slowSum);
  }

  /**
   * The order of the two averages as {@link #at} compares them — the sign of
   * {@code fastSum / fastPeriod − slowSum / slowPeriod} with each quotient correctly rounded, 0 when
   * they are equal (or either is NaN) — without the two divisions where the answer is certain. With
   * u = 2^-53, each product by a rounded reciprocal is within a relative 2u (plus u²) of the exact
   * quotient, so within 3u of the correctly rounded one; a computed difference beyond 8u times the
   * sum of the two magnitudes (room left for the rounding of the subtraction and of the margin)
   * therefore has the sign of the rounded quotients' difference. Only near a cross, on equal
   * averages, or for tiny, huge or non-finite sums are the divisions made: two divisions a bar cost
   * more than the rest of the kernel.
   */
  private static int order(double fastSum, int fastPeriod, double fastReciprocal, double slowSum, int slowPeriod,
      double slowReciprocal) {
    double a = fastSum * fastReciprocal;
    double b = slowSum * slowReciprocal;
    double difference = a - b;
    // 8u relative, plus an absolute 2^-900 far above the few 2^-1074 that a subnormal result's
    // rounding adds (the relative bound alone fails there).
    double margin = 0x1p-50 * (Math.abs(a) + Math.abs(b)) + 0x1p-900;
    if (difference > margin) {
      return 1;
    }
    if (difference < -margin) {
      return -1;
    }
    double exactA = fastSum / fastPeriod;
    double exactB = slowSum / slowPeriod;
    return exactA > exactB ? 1 : exactA < exactB ? -1 : 0;
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
