package io.momentic.research.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How good probabilities are: AUC, Brier score and the reliability curve, each with row weights. */
public final class Scores {

  /** One reliability bin: mean predicted probability, observed share of 1s, total weight. */
  public record Bin(double meanPredicted, double observed, double weight) {}

  private Scores() {}

  /**
   * The area under the ROC curve with weights, as scikit-learn's {@code roc_auc_score}: the ROC
   * points at each distinct score (ties moved together), joined by the trapezoidal rule. NaN when
   * one class is absent.
   */
  public static double auc(double[] p, int[] y, double[] w) {
    int n = p.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    double posTotal = 0;
    double negTotal = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      if (y[i] == 1) {
        posTotal += wi;
      } else {
        negTotal += wi;
      }
    }
    if (posTotal == 0 || negTotal == 0) {
      return Double.NaN;
    }
    double tp = 0;
    double fp = 0;
    double prevTp = 0;
    double prevFp = 0;
    double area = 0;
    int i = 0;
    while (i < n) {
      double score = p[order[i]];
      while (i < n && p[order[i]] == score) {
        double wi = w == null ? 1 : w[order[i]];
        if (y[order[i]] == 1) {
          tp += wi;
        } else {
          fp += wi;
        }
        i++;
      }
      area += (fp - prevFp) * (tp + prevTp) / 2;
      prevTp = tp;
      prevFp = fp;
    }
    return area / (posTotal * negTotal);
  }

  /** Weighted mean of (p − y)². */
  public static double brier(double[] p, int[] y, double[] w) {
    double s = 0;
    double sw = 0;
    for (int i = 0; i < p.length; i++) {
      double wi = w == null ? 1 : w[i];
      double d = p[i] - y[i];
      s += wi * d * d;
      sw += wi;
    }
    return s / sw;
  }

  /** Reliability in {@code bins} equal-width bins over [0, 1] (empty bins left out), weighted. */
  public static List<Bin> reliability(double[] p, int[] y, double[] w, int bins) {
    double[] sp = new double[bins];
    double[] sy = new double[bins];
    double[] sw = new double[bins];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(bins - 1, (int) Math.floor(p[i] * bins));
      double wi = w == null ? 1 : w[i];
      sp[b] += wi * p[i];
      sy[b] += wi * y[i];
      sw[b] += wi;
    }
    List<Bin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (sw[b] > 0) {
        out.add(new Bin(sp[b] / sw[b], sy[b] / sw[b], sw[b]));
      }
    }
    return out;
  }
}
