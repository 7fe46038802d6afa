package io.momentic.research;

import java.util.List;

/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey,
 * Borwein, López de Prado &amp; Zhu 2015, "The probability of backtest overfitting").
 *
 * <p>Input: a T × N matrix of returns, one column per trial (parameter set), rows in time order.
 * The rows are cut into S equal contiguous blocks (S even; the last {@code T mod S} rows are left
 * out). For each of the C(S, S/2) ways to pick half the blocks as in-sample (IS), the rest being
 * out-of-sample (OOS):
 *
 * <ol>
 *   <li>each trial's performance (per-period Sharpe ratio, mean/sample std) on IS and on OOS;
 *   <li>n* = the best trial IS (lowest index on ties);
 *   <li>ω = rank of n*'s OOS performance among all trials / (N + 1), ranks 1..N ascending, ties
 *       averaged; the logit λ = ln(ω / (1 − ω)).
 * </ol>
 *
 * PBO = the share of combinations with λ ≤ 0 (the IS winner is no better than the OOS median).
 * Performance degradation: the least-squares line of n*'s OOS on IS Sharpe ratio over the
 * combinations; probability of loss: the share of combinations where n*'s OOS Sharpe is below 0.
 */
public final class BacktestOverfitting {

  /**
   * @param combinations C(S, S/2)
   * @param logits λ for every combination, in combination order
   * @param degradationSlope slope of OOS on IS Sharpe (per period) of the IS-best trial
   */
  public record Result(int trials, int observations, int partitions, int combinations, double pbo, double[] logits,
      double degradationSlope, double degradationIntercept, double probabilityOfLoss, double[] isSharpe,
      double[] oosSharpe) {}

  private BacktestOverfitting() {}

  /** {@code returns[t][n]}: return of trial n in period t. */
  public static Result cscv(double[][] returns, int partitions) {
    int t = returns.length;
    if (partitions < 2 || partitions % 2 != 0) {
      throw new IllegalArgumentException("Expected an even number of partitions >= 2, but found " + partitions);
    }
    if (t < 2 * partitions) {
      throw new IllegalArgumentException("Expected at least 2 rows per partition (" + 2 * partitions
          + " rows), but found " + t);
    }
    int n = returns[0].length;
    int rowsPerBlock = t / partitions;
    double[][] sum = new double[n][partitions];
    double[][] sumSq = new double[n][partitions];
    for (int b = 0; b < partitions; b++) {
      for (int row = b * rowsPerBlock; row < (b + 1) * rowsPerBlock; row++) {
        double[] r = returns[row];
        if (r.length != n) {
          throw new IllegalArgumentException("Expected " + n + " trials in every row, but row " + row + " has "
              + r.length);
        }
        for (int j = 0; j < n; j++) {
          sum[j][b] += r[j];
          sumSq[j][b] += r[j] * r[j];
        }
      }
    }
    return cscv(sum, sumSq, rowsPerBlock);
  }

  /**
   * The same from per-trial block summaries — {@code sum[n][b]}, {@code sumSq[n][b]}: Σr and Σr²
   * of trial n's returns in block b, each block {@code rowsPerBlock} periods long — which is all
   * CSCV needs, so a sweep need not keep its trials' return series.
   */
  public static Result cscv(double[][] sum, double[][] sumSq, int rowsPerBlock) {
    return cscv(sum, sumSq, rowsPerBlock, done -> { });
  }

  /** How often (in combinations) CSCV reports its progress. */
  static final int PROGRESS_EVERY = 256;

  /** The number of combinations CSCV runs over for {@code partitions} blocks: C(S, S/2). */
  public static int combinations(int partitions) {
    return Combinations.of(partitions, partitions / 2).size();
  }

  /**
   * As above, reporting the combinations done to {@code progress} as they finish (from worker
   * threads; every {@value #PROGRESS_EVERY} and at the end).
   */
  public static Result cscv(double[][] sum, double[][] sumSq, int rowsPerBlock, java.util.function.IntConsumer progress) {
    int n = sum.length;
    if (n < 2) {
      throw new IllegalArgumentException("Expected at least 2 trials, but found " + n);
    }
    int partitions = sum[0].length;
    // Trial-major flat copies: the hot loop reads one contiguous row of blocks per trial.
    double[] flatSum = new double[n * partitions];
    double[] flatSq = new double[n * partitions];
    for (int j = 0; j < n; j++) {
      System.arraycopy(sum[j], 0, flatSum, j * partitions, partitions);
      System.arraycopy(sumSq[j], 0, flatSq, j * partitions, partitions);
    }
    return cscvFlat(flatSum, flatSq, n, partitions, rowsPerBlock, progress);
  }

  /**
   * As above from trial-major flat arrays ({@code [trial · partitions + block]}), read in place —
   * a sweep's {@link TrialTable} holds them so, and a million trials need no second copy.
   */
  public static Result cscvFlat(double[] flatSum, double[] flatSq, int n, int partitions, int rowsPerBlock,
      java.util.function.IntConsumer progress) {
    if (n < 2) {
      throw new IllegalArgumentException("Expected at least 2 trials, but found " + n);
    }
    if (partitions < 2 || partitions % 2 != 0 || rowsPerBlock < 2) {
      throw new IllegalArgumentException("Expected an even number of blocks >= 2 of >= 2 rows, but found "
          + partitions + " blocks of " + rowsPerBlock);
    }
    int t = partitions * rowsPerBlock;
    List<int[]> choices = Combinations.of(partitions, partitions / 2);
    int c = choices.size();
    double[] logits = new double[c];
    double[] isBest = new double[c];
    double[] oosOfBest = new double[c];
    long rowsPerHalf = (long) rowsPerBlock * (partitions / 2);
    // Each combination's out-of-sample half is another combination's in-sample half (its complement),
    // summed over the same blocks in the same ascending order: one pass per complementary pair gives
    // both halves' Sharpe ratios for both combinations, half the work of one pass per combination,
    // bit for bit the same numbers.
    int[] complementOf = complements(choices, partitions);
    int[] firsts = java.util.stream.IntStream.range(0, c).filter(k -> k < complementOf[k]).toArray();
    // The pairs are independent: split across threads, each with its own buffers. Every half's sums
    // run over its blocks in ascending order, so the result does not depend on the thread count.
    int threads = io.momentic.core.Parallel.threadsFor(c / 64);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    Runnable worker = () -> {
      double[] perfA = new double[n];
      double[] perfB = new double[n];
      int[] in = new int[partitions / 2];
      int[] out = new int[partitions / 2];
      for (int p = next.getAndIncrement(); p < firsts.length; p = next.getAndIncrement()) {
        int k = firsts[p];
        complement(choices.get(k), partitions, in, out);
        for (int j = 0; j < n; j++) {
          int row = j * partitions;
          double s1 = 0;
          double q1 = 0;
          for (int b : in) {
            s1 += flatSum[row + b];
            q1 += flatSq[row + b];
          }
          double s2 = 0;
          double q2 = 0;
          for (int b : out) {
            s2 += flatSum[row + b];
            q2 += flatSq[row + b];
          }
          perfA[j] = sharpe(s1, q1, rowsPerHalf);
          perfB[j] = sharpe(s2, q2, rowsPerHalf);
        }
        score(k, perfA, perfB, logits, isBest, oosOfBest);
        score(complementOf[k], perfB, perfA, logits, isBest, oosOfBest);
        int done = finished.addAndGet(2);
        if (done % PROGRESS_EVERY < 2 || done == c) {
          progress.accept(done);
        }
      }
    };
    io.momentic.core.Parallel.run(threads, "cscv", worker);
    int overfit = 0;
    int losses = 0;
    for (int k = 0; k < c; k++) {
      overfit += logits[k] <= 0 ? 1 : 0;
      losses += oosOfBest[k] < 0 ? 1 : 0;
    }
    double[] line = leastSquares(isBest, oosOfBest);
    return new Result(n, t, partitions, c, overfit / (double) c, logits, line[0], line[1], losses / (double) c,
        isBest, oosOfBest);
  }

  /**
   * Combination k's CSCV result from the trials' in-sample and out-of-sample Sharpe ratios: the
   * in-sample best (the first of equals), the relative rank of its out-of-sample ratio among all
   * (ties at their average rank), its logit.
   */
  private static void score(int k, double[] isPerf, double[] oosPerf, double[] logits, double[] isBest,
      double[] oosOfBest) {
    int n = isPerf.length;
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (isPerf[j] > isPerf[best]) {
        best = j;
      }
    }
    double below = 0;
    double ties = 0;
    for (int j = 0; j < n; j++) {
      if (oosPerf[j] < oosPerf[best]) {
        below++;
      } else if (oosPerf[j] == oosPerf[best]) {
        ties++;
      }
    }
    double rank = below + (ties + 1) / 2; // average rank of the tied block, 1-based
    double omega = rank / (n + 1);
    logits[k] = Math.log(omega / (1 - omega));
    isBest[k] = isPerf[best];
    oosOfBest[k] = oosPerf[best];
  }

  /** For each combination of half the blocks, the index of the combination of the other half. */
  static int[] complements(List<int[]> choices, int partitions) {
    java.util.Map<Integer, Integer> byMask = new java.util.HashMap<>();
    int[] masks = new int[choices.size()];
    for (int k = 0; k < choices.size(); k++) {
      for (int b : choices.get(k)) {
        masks[k] |= 1 << b;
      }
      byMask.put(masks[k], k);
    }
    int all = (1 << partitions) - 1;
    int[] out = new int[choices.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = byMask.get(all & ~masks[k]);
    }
    return out;
  }

  /** The sorted blocks of a combination ({@code in}) and the others ({@code out}), both ascending. */
  private static void complement(int[] chosen, int partitions, int[] in, int[] out) {
    boolean[] inSample = new boolean[partitions];
    for (int b : chosen) {
      inSample[b] = true;
    }
    int i = 0;
    int o = 0;
    for (int b = 0; b < partitions; b++) {
      if (inSample[b]) {
        in[i++] = b;
      } else {
        out[o++] = b;
      }
    }
  }

  /** Per-period Sharpe ratio from a count, Σr and Σr² (sample std); 0 for a flat series. */
  private static double sharpe(double sum, double sumSq, long count) {
    double mean = sum / count;
    double variance = (sumSq - count * mean * mean) / (count - 1);
    return variance > 1e-300 ? mean / Math.sqrt(variance) : 0;
  }

  /** {slope, intercept} of y on x. */
  private static double[] leastSquares(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / x.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxx == 0 ? Double.NaN : sxy / sxx;
    return new double[] {slope, my - slope * mx};
  }
}
