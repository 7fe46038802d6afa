package io.momentic.research.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Increasing isotonic regression as scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")}:
 * rows with zero weight dropped; rows sorted by x (ties by y); equal x merged into one point with the
 * weighted mean y and the summed weight; pool-adjacent-violators on the merged points; redundant
 * points inside flat runs trimmed (a run keeps its two ends); predictions interpolate linearly
 * between the kept points and clip outside them.
 */
public final class IsotonicRegression {

  private final double[] xs;
  private final double[] ys;

  private IsotonicRegression(double[] xs, double[] ys) {
    this.xs = xs;
    this.ys = ys;
  }

  /** Fits y on x with weights w (null: all 1). */
  public static IsotonicRegression fit(double[] x, double[] y, double[] w) {
    int n = x.length;
    Integer[] order = new Integer[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (w == null || w[i] > 0) {
        order[kept++] = i;
      }
    }
    Integer[] idx = Arrays.copyOf(order, kept);
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(x[a], x[b]);
      return c != 0 ? c : Double.compare(y[a], y[b]);
    });
    // Merge equal x: weighted mean of y, summed weight.
    List<double[]> points = new ArrayList<>(); // {x, y, weight}
    int i = 0;
    while (i < idx.length) {
      double xv = x[idx[i]];
      double sw = 0;
      double swy = 0;
      int j = i;
      while (j < idx.length && x[idx[j]] == xv) {
        double wi = w == null ? 1 : w[idx[j]];
        sw += wi;
        swy += wi * y[idx[j]];
        j++;
      }
      points.add(new double[] {xv, swy / sw, sw});
      i = j;
    }
    int m = points.size();
    double[] px = new double[m];
    double[] py = new double[m];
    double[] pw = new double[m];
    for (int k = 0; k < m; k++) {
      px[k] = points.get(k)[0];
      py[k] = points.get(k)[1];
      pw[k] = points.get(k)[2];
    }
    double[] fitted = pav(py, pw);
    // Trim: keep the first and last point and every point where the fit changes on either side.
    List<Integer> keep = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      if (k == 0 || k == m - 1 || fitted[k - 1] != fitted[k] || fitted[k] != fitted[k + 1]) {
        keep.add(k);
      }
    }
    double[] kx = new double[keep.size()];
    double[] ky = new double[keep.size()];
    for (int k = 0; k < kx.length; k++) {
      kx[k] = px[keep.get(k)];
      ky[k] = fitted[keep.get(k)];
    }
    return new IsotonicRegression(kx, ky);
  }

  /** Pool adjacent violators: the weighted least-squares non-decreasing fit of y. */
  static double[] pav(double[] y, double[] w) {
    int n = y.length;
    double[] level = new double[n];
    double[] weight = new double[n];
    int[] size = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      level[blocks] = y[i];
      weight[blocks] = w[i];
      size[blocks] = 1;
      blocks++;
      while (blocks > 1 && level[blocks - 2] >= level[blocks - 1]) {
        double sw = weight[blocks - 2] + weight[blocks - 1];
        level[blocks - 2] = (level[blocks - 2] * weight[blocks - 2] + level[blocks - 1] * weight[blocks - 1]) / sw;
        weight[blocks - 2] = sw;
        size[blocks - 2] += size[blocks - 1];
        blocks--;
      }
    }
    double[] out = new double[n];
    int k = 0;
    for (int b = 0; b < blocks; b++) {
      for (int s = 0; s < size[b]; s++) {
        out[k++] = level[b];
      }
    }
    return out;
  }

  /** The fitted value at x: linear between kept points, clipped outside them (NaN x gives NaN). */
  public double predict(double x) {
    if (xs.length == 1 || x <= xs[0]) {
      return ys[0];
    }
    if (x >= xs[xs.length - 1]) {
      return ys[ys.length - 1];
    }
    int hi = Arrays.binarySearch(xs, x);
    if (hi >= 0) {
      return ys[hi];
    }
    hi = -hi - 1;
    int lo = hi - 1;
    // numpy.interp's arithmetic, in its order: the slope, then from the lower point.
    double slope = (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]);
    return slope * (x - xs[lo]) + ys[lo];
  }

  /** The kept points' x (ascending). */
  public double[] thresholdsX() {
    return xs.clone();
  }

  public double[] thresholdsY() {
    return ys.clone();
  }
}
