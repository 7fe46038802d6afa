package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.research.BacktestOverfitting.Result;
import java.util.SplittableRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestOverfittingTest {

  /**
   * Two trials, four periods, S = 2. A = 1,3 | 0,2 and B = 0,2 | 2,4. Per-block Sharpe
   * (mean / sample std): A 2/√2 then 1/√2; B 1/√2 then 3/√2. Whichever block is IS, its winner is
   * the OOS loser: rank 1 of 2, ω = 1/3, λ = ln(1/2), PBO = 1.
   */
  @Test
  void handWorked() {
    double[][] r = {{1, 0}, {3, 2}, {0, 2}, {2, 4}};
    Result res = BacktestOverfitting.cscv(r, 2);
    assertThat(res.combinations()).isEqualTo(2);
    assertThat(res.logits()).containsExactly(new double[] {Math.log(0.5), Math.log(0.5)}, within(1e-12));
    assertThat(res.pbo()).isEqualTo(1.0);
    assertThat(res.isSharpe()).containsExactly(new double[] {2 / Math.sqrt(2), 3 / Math.sqrt(2)}, within(1e-12));
    assertThat(res.oosSharpe()).containsExactly(new double[] {1 / Math.sqrt(2), 1 / Math.sqrt(2)}, within(1e-12));
  }

  private static double[][] noise(long seed, int t, int n, double edgeOfFirst) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] r = new double[t][n];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < n; j++) {
        r[i][j] = 0.01 * random.nextGaussian() + (j == 0 ? edgeOfFirst : 0);
      }
    }
    return r;
  }

  @Test
  void aTrulyBetterStrategyIsNotOverfit() {
    // Trial 0 earns 0.3 standard deviations a period more than 19 noise trials: it wins IS and OOS.
    Result res = BacktestOverfitting.cscv(noise(11, 1600, 20, 0.003), 16);
    assertThat(res.combinations()).isEqualTo(12870);
    assertThat(res.pbo()).isLessThanOrEqualTo(0.01);
    assertThat(res.probabilityOfLoss()).isZero();
  }

  /**
   * Pure noise: the IS winner's OOS rank is uniform, so PBO is about one half. Averaged over ten
   * seeded matrices the tolerance is ±0.1 (documented in docs/METRICS.md); each single matrix is
   * noisier, since the combinations share their rows.
   */
  @Test
  void pureNoiseIsOverfitAboutHalfTheTime() {
    double total = 0;
    for (int seed = 0; seed < 10; seed++) {
      Result res = BacktestOverfitting.cscv(noise(100 + seed, 800, 30, 0), 10);
      total += res.pbo();
    }
    assertThat(total / 10).isCloseTo(0.5, within(0.1));
  }

  /**
   * The one-loop definition CSCV had before it was split across threads: every combination, every
   * trial, all blocks in ascending order into the in-sample or the out-of-sample sums.
   */
  private static double[][] oneLoop(double[][] sum, double[][] sumSq, int rowsPerBlock) {
    int n = sum.length;
    int partitions = sum[0].length;
    List<int[]> choices = Combinations.of(partitions, partitions / 2);
    double[] logits = new double[choices.size()];
    double[] isBest = new double[choices.size()];
    double[] oosBest = new double[choices.size()];
    long half = (long) rowsPerBlock * (partitions / 2);
    for (int k = 0; k < choices.size(); k++) {
      boolean[] in = new boolean[partitions];
      for (int b : choices.get(k)) {
        in[b] = true;
      }
      double[] is = new double[n];
      double[] oos = new double[n];
      for (int j = 0; j < n; j++) {
        double s1 = 0, q1 = 0, s2 = 0, q2 = 0;
        for (int b = 0; b < partitions; b++) {
          if (in[b]) {
            s1 += sum[j][b];
            q1 += sumSq[j][b];
          } else {
            s2 += sum[j][b];
            q2 += sumSq[j][b];
          }
        }
        is[j] = sharpe(s1, q1, half);
        oos[j] = sharpe(s2, q2, half);
      }
      int best = 0;
      for (int j = 1; j < n; j++) {
        if (is[j] > is[best]) {
          best = j;
        }
      }
      double below = 0, ties = 0;
      for (int j = 0; j < n; j++) {
        if (oos[j] < oos[best]) {
          below++;
        } else if (oos[j] == oos[best]) {
          ties++;
        }
      }
      double omega = (below + (ties + 1) / 2) / (n + 1);
      logits[k] = Math.log(omega / (1 - omega));
      isBest[k] = is[best];
      oosBest[k] = oos[best];
    }
    return new double[][] {logits, isBest, oosBest};
  }

  private static double sharpe(double sum, double sumSq, long count) {
    double mean = sum / count;
    double variance = (sumSq - count * mean * mean) / (count - 1);
    return variance > 1e-300 ? mean / Math.sqrt(variance) : 0;
  }

  @Test
  void theThreadedComputation_isBitForBitTheOneLoopDefinition() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    int n = 700;
    int partitions = 12; // 924 combinations: enough for several threads
    int rows = 20;
    double[][] sum = new double[n][partitions];
    double[][] sumSq = new double[n][partitions];
    for (int j = 0; j < n; j++) {
      double skill = rnd.nextGaussian() * 0.0005;
      for (int b = 0; b < partitions; b++) {
        for (int r = 0; r < rows; r++) {
          double x = skill + rnd.nextGaussian() * 0.01;
          sum[j][b] += x;
          sumSq[j][b] += x * x;
        }
      }
    }
    sum[3] = sum[4].clone(); // two identical trials: ties are ranked the same way
    sumSq[3] = sumSq[4].clone();
    BacktestOverfitting.Result r = BacktestOverfitting.cscv(sum, sumSq, rows);
    double[][] expected = oneLoop(sum, sumSq, rows);
    assertThat(r.logits()).containsExactly(expected[0]);
    assertThat(r.isSharpe()).containsExactly(expected[1]);
    assertThat(r.oosSharpe()).containsExactly(expected[2]);
    long overfit = java.util.Arrays.stream(expected[0]).filter(l -> l <= 0).count();
    assertThat(r.pbo()).isEqualTo(overfit / (double) expected[0].length);
  }
}
