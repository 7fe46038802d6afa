package io.momentic.research.ml;

import io.momentic.research.PurgedSplits;
import java.util.ArrayList;
import java.util.List;

/** Train/test index sets for cross-validation and calibration. */
public final class Folds {

  /** One fold: the rows it trains on and the rows it is tested (or calibrated) on. */
  public record Fold(int[] train, int[] test) {}

  private Folds() {}

  /** scikit-learn's {@code StratifiedKFold(k, shuffle=False)}: ignores time (labelled as such wherever used). */
  public static List<Fold> stratified(int[] y, int k) {
    int[] folds = StratifiedKFold.testFolds(y, k);
    List<Fold> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        (folds[i] == f ? test : train).add(i);
      }
      out.add(new Fold(toArray(train), toArray(test)));
    }
    return out;
  }

  /**
   * Purged time-series splits (reference 001's {@code PurgedTimeSeriesSplit}): rows in time order
   * (their label starts ascending) cut as scikit-learn's {@code TimeSeriesSplit} cuts them — k test
   * blocks of ⌊n / (k + 1)⌋ rows at the end, each trained on every row before it — with the rows
   * whose label period [start, end] reaches the test block's first start purged, and an embargo of
   * ⌈p · n⌉ rows before the test block (the training rows closest to it, whose labels the test
   * block's serial correlation reaches) dropped as well.
   */
  public static List<Fold> purgedTimeSeries(int[] start, int[] end, int k, double embargoPct) {
    int n = start.length;
    int testSize = n / (k + 1);
    if (k < 1 || testSize < 1) {
      throw new IllegalArgumentException("Expected at least " + (k + 1) + " rows for " + k + " time-series splits, "
          + "but found " + n);
    }
    int embargo = PurgedSplits.embargoBars(embargoPct, n);
    List<Fold> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      int testFrom = n - (k - f) * testSize;
      int testTo = testFrom + testSize;
      int firstTestStart = start[testFrom];
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < testFrom - embargo; i++) {
        if (end[i] < firstTestStart) {
          train.add(i);
        }
      }
      int[] test = new int[testTo - testFrom];
      for (int i = 0; i < test.length; i++) {
        test[i] = testFrom + i;
      }
      out.add(new Fold(toArray(train), test));
    }
    return out;
  }

  static int[] toArray(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Rows of {@code x} at {@code idx}. */
  static double[][] rows(double[][] x, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  static int[] pick(int[] y, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = y[idx[i]];
    }
    return out;
  }

  static double[] pick(double[] w, int[] idx) {
    if (w == null) {
      return null;
    }
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = w[idx[i]];
    }
    return out;
  }
}
