package io.momentic.research;

import java.util.ArrayList;
import java.util.List;

/** k-subsets of {0, …, n − 1} in lexicographic order, and their count. */
final class Combinations {

  private Combinations() {}

  static List<int[]> of(int n, int k) {
    long count = count(n, k);
    if (count > 5_000_000) {
      throw new IllegalArgumentException("Expected at most 5,000,000 combinations, but C(" + n + ", " + k + ") = "
          + count + "; use fewer groups or partitions");
    }
    List<int[]> out = new ArrayList<>((int) count);
    int[] c = new int[k];
    for (int i = 0; i < k; i++) {
      c[i] = i;
    }
    while (true) {
      out.add(c.clone());
      int i = k - 1;
      while (i >= 0 && c[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      c[i]++;
      for (int j = i + 1; j < k; j++) {
        c[j] = c[j - 1] + 1;
      }
    }
  }

  /** C(n, k), exact while it fits a long. */
  static long count(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }
}
