package io.momentic.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cross-validation splits for samples whose labels span time (López de Prado, <i>Advances in
 * Financial Machine Learning</i>, ch. 7 and 12): purged k-fold with an embargo, and
 * combinatorial purged cross-validation (CPCV).
 *
 * <p>Sample i is known from bar {@code start[i]} and its label is resolved at bar {@code end[i]}
 * (≥ start; starts non-decreasing). Samples are cut into contiguous groups, the first
 * {@code n mod groups} one larger. For each test group, covering bars {@code [s, e]} (first start,
 * last label end):
 *
 * <ul>
 *   <li><b>purged</b>: a training sample whose label period {@code [start, end]} overlaps
 *       {@code [s, e]} — its label would be resolved with information from the test period;
 *   <li><b>embargoed</b>: a training sample not purged that starts within {@code embargoBars}
 *       bars after {@code e}, {@code e < start ≤ e + embargoBars} — serial correlation leaks
 *       the test period into what immediately follows it. {@code embargoBars = ⌈p·n⌉} for an
 *       embargo fraction p (reference 001: p = 1 %).
 * </ul>
 */
public final class PurgedSplits {

  /** Half-open index range {@code [from, to)}. */
  public record Range(int from, int to) {
    public int size() {
      return to - from;
    }
  }

  /**
   * One split. Ranges are of sample indices, sorted and merged.
   *
   * @param testGroups the groups tested (one for k-fold, k for CPCV)
   */
  public record Split(int[] testGroups, List<Range> train, List<Range> test, int purged, int embargoed) {
    public int trainSize() {
      return train.stream().mapToInt(Range::size).sum();
    }

    public int testSize() {
      return test.stream().mapToInt(Range::size).sum();
    }

    /** Whether sample i is in the training set. */
    public boolean inTrain(int i) {
      for (Range r : train) {
        if (i >= r.from && i < r.to) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The splits, and for CPCV the backtest paths: {@code paths[p][g]} is the split whose test
   * predictions for group g belong to path p (each group is tested in exactly {@code paths.length}
   * splits, so every path covers every group once).
   */
  public record Plan(int samples, int groups, int testGroups, int embargoBars, List<Split> splits, int[][] paths) {}

  private final int[] start;
  private final int[] end;

  private PurgedSplits(int[] start, int[] end) {
    if (start.length != end.length || start.length == 0) {
      throw new IllegalArgumentException("Expected as many label ends as starts (> 0), but found " + start.length
          + " and " + end.length);
    }
    for (int i = 0; i < start.length; i++) {
      if (end[i] < start[i] || (i > 0 && start[i] < start[i - 1])) {
        throw new IllegalArgumentException("Expected sorted starts and end >= start, but sample " + i + " has start "
            + start[i] + " and end " + end[i]);
      }
    }
    this.start = start.clone();
    this.end = end.clone();
  }

  /** Samples with their own start and label-end bars. */
  public static PurgedSplits of(int[] start, int[] end) {
    return new PurgedSplits(start, end);
  }

  /**
   * {@code samples} samples, one per bar, each label resolved {@code labelSpan} bars later (capped
   * at the last bar): sample i spans {@code [i, min(i + labelSpan, samples − 1)]}.
   */
  public static PurgedSplits everyBar(int samples, int labelSpan) {
    if (samples < 1 || labelSpan < 0) {
      throw new IllegalArgumentException("Expected samples >= 1 and label span >= 0, but found " + samples + " and "
          + labelSpan);
    }
    int[] s = new int[samples];
    int[] e = new int[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = i;
      e[i] = Math.min(i + labelSpan, samples - 1);
    }
    return new PurgedSplits(s, e);
  }

  public int samples() {
    return start.length;
  }

  /** {@code ⌈p·n⌉} bars for an embargo fraction p of n samples. */
  public static int embargoBars(double embargoPct, int samples) {
    if (!(embargoPct >= 0 && embargoPct < 1)) {
      throw new IllegalArgumentException("Expected an embargo fraction in [0, 1), but found " + embargoPct);
    }
    // Round away the binary noise of e.g. 0.01 × 300 = 3.0000000000000004 before the ceiling.
    return (int) Math.ceil(Math.round(embargoPct * samples * 1e9) / 1e9);
  }

  /** Purged k-fold: each of {@code folds} groups tested once, everything else (purged, embargoed) trains. */
  public Plan kFold(int folds, double embargoPct) {
    return combinatorial(folds, 1, embargoPct);
  }

  /**
   * CPCV: {@code groups} groups, every choice of {@code testGroups} of them tested once —
   * C(N, k) splits and k·C(N, k)/N backtest paths.
   */
  public Plan combinatorial(int groups, int testGroups, double embargoPct) {
    int n = start.length;
    if (groups < 2 || groups > n) {
      throw new IllegalArgumentException("Expected 2 <= groups <= samples (" + n + "), but found " + groups);
    }
    if (testGroups < 1 || testGroups >= groups) {
      throw new IllegalArgumentException("Expected 1 <= test groups < groups (" + groups + "), but found "
          + testGroups);
    }
    int embargo = embargoBars(embargoPct, n);
    int[] groupStart = new int[groups + 1];
    for (int g = 0; g < groups; g++) {
      groupStart[g + 1] = groupStart[g] + n / groups + (g < n % groups ? 1 : 0);
    }
    List<Split> splits = new ArrayList<>();
    for (int[] chosen : Combinations.of(groups, testGroups)) {
      splits.add(split(chosen, groupStart, embargo));
    }
    return new Plan(n, groups, testGroups, embargo, List.copyOf(splits), paths(groups, testGroups, splits));
  }

  private Split split(int[] testGroups, int[] groupStart, int embargo) {
    int n = start.length;
    byte[] role = new byte[n]; // 0 train, 1 test, 2 purged, 3 embargoed
    for (int g : testGroups) {
      Arrays.fill(role, groupStart[g], groupStart[g + 1], (byte) 1);
    }
    for (int g : testGroups) {
      int a = groupStart[g];
      int b = groupStart[g + 1];
      int testFirstBar = start[a];
      int testLastBar = Integer.MIN_VALUE;
      for (int i = a; i < b; i++) {
        testLastBar = Math.max(testLastBar, end[i]);
      }
      for (int i = 0; i < n; i++) {
        if (role[i] == 1) {
          continue;
        }
        if (start[i] <= testLastBar && end[i] >= testFirstBar) {
          role[i] = 2;
        } else if (role[i] == 0 && start[i] > testLastBar && start[i] <= testLastBar + embargo) {
          role[i] = 3;
        }
      }
    }
    int purged = 0;
    int embargoed = 0;
    for (byte r : role) {
      purged += r == 2 ? 1 : 0;
      embargoed += r == 3 ? 1 : 0;
    }
    return new Split(testGroups.clone(), ranges(role, (byte) 0), ranges(role, (byte) 1), purged, embargoed);
  }

  private static List<Range> ranges(byte[] role, byte wanted) {
    List<Range> out = new ArrayList<>();
    int i = 0;
    while (i < role.length) {
      if (role[i] != wanted) {
        i++;
        continue;
      }
      int from = i;
      while (i < role.length && role[i] == wanted) {
        i++;
      }
      out.add(new Range(from, i));
    }
    return List.copyOf(out);
  }

  /** Assigns each group's test appearances, in split order, to paths 0, 1, … */
  private static int[][] paths(int groups, int testGroups, List<Split> splits) {
    int pathCount = splits.size() * testGroups / groups;
    int[][] paths = new int[pathCount][groups];
    int[] seen = new int[groups];
    for (int s = 0; s < splits.size(); s++) {
      for (int g : splits.get(s).testGroups()) {
        paths[seen[g]++][g] = s;
      }
    }
    return paths;
  }
}
