package io.momentic.indicators;

import java.util.Arrays;

/** Shared helpers for the kernels. */
final class Arrays2 {

  private Arrays2() {}

  static double[] nans(int n) {
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    return out;
  }

  /** Index of the first non-NaN value in {@code x[0, n)}, or {@code n}. Leading NaNs mean "not listed yet". */
  static int firstFinite(double[] x, int n) {
    int i = 0;
    while (i < n && Double.isNaN(x[i])) {
      i++;
    }
    return i;
  }

  static void checkLengths(double[] in, int n, double[] out) {
    if (n < 0 || n > in.length || n > out.length) {
      throw new IllegalArgumentException("Expected 0 <= 'n' <= " + Math.min(in.length, out.length) + ", but found " + n);
    }
  }
}
