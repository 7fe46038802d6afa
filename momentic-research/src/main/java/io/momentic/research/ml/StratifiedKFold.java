package io.momentic.research.ml;

import java.util.Arrays;

/**
 * scikit-learn's {@code StratifiedKFold(n_splits, shuffle=False)} fold assignment (1.2): classes in
 * order of first appearance; the sorted class labels dealt round-robin to the folds give each
 * fold's count per class; within a class, rows in order take fold 0's share, then fold 1's, ….
 */
public final class StratifiedKFold {

  private StratifiedKFold() {}

  /** The test fold of each row. */
  public static int[] testFolds(int[] y, int splits) {
    int n = y.length;
    // Encode classes by first appearance.
    int[] distinct = Arrays.stream(y).distinct().sorted().toArray();
    int[] firstIndex = new int[distinct.length];
    for (int c = 0; c < distinct.length; c++) {
      for (int i = 0; i < n; i++) {
        if (y[i] == distinct[c]) {
          firstIndex[c] = i;
          break;
        }
      }
    }
    Integer[] byFirst = new Integer[distinct.length];
    for (int c = 0; c < distinct.length; c++) {
      byFirst[c] = c;
    }
    Arrays.sort(byFirst, (a, b) -> Integer.compare(firstIndex[a], firstIndex[b]));
    int[] encodeOf = new int[distinct.length];
    for (int rank = 0; rank < byFirst.length; rank++) {
      encodeOf[byFirst[rank]] = rank;
    }
    int classes = distinct.length;
    int[] encoded = new int[n];
    for (int i = 0; i < n; i++) {
      encoded[i] = encodeOf[Arrays.binarySearch(distinct, y[i])];
    }
    for (int k = 0; k < classes; k++) {
      int count = 0;
      for (int e : encoded) {
        count += e == k ? 1 : 0;
      }
      if (count < splits) {
        throw new IllegalArgumentException("Expected every class to have at least " + splits + " rows for "
            + splits + " stratified folds, but one has " + count);
      }
    }
    int[] sorted = encoded.clone();
    Arrays.sort(sorted);
    int[][] allocation = new int[splits][classes];
    for (int f = 0; f < splits; f++) {
      for (int i = f; i < n; i += splits) {
        allocation[f][sorted[i]]++;
      }
    }
    int[] folds = new int[n];
    for (int k = 0; k < classes; k++) {
      int f = 0;
      int used = 0;
      for (int i = 0; i < n; i++) {
        if (encoded[i] != k) {
          continue;
        }
        while (used == allocation[f][k]) {
          f++;
          used = 0;
        }
        folds[i] = f;
        used++;
      }
    }
    return folds;
  }
}
