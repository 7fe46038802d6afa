package io.momentic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The O(n) rolling Sharpe and Sortino equal the point metrics applied to each window. */
class RollingMetricsTest {

  /** Returns with flat stretches (exact zeros, as a strategy out of the market has), NaN gaps and a long tail. */
  private static double[] returns(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] r = new double[n];
    for (int t = 0; t < n; t++) {
      int phase = (t / 97) % 4;
      r[t] = phase == 1 ? 0 : rnd.nextDouble() < 0.01 ? Double.NaN : rnd.nextGaussian() * 0.01 * (phase == 3 ? 5 : 1);
    }
    return r;
  }

  private static void assertSame(double expected, double actual, int t) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as("bar %d", t).isNaN();
    } else {
      assertThat(actual).as("bar %d", t).isCloseTo(expected, org.assertj.core.data.Offset.offset(
          1e-9 * Math.max(1, Math.abs(expected))));
    }
  }

  @Test
  void everyWindow_equalsThePointMetric() {
    for (int window : new int[] {2, 5, 60, 250}) {
      double[] r = returns(window, 3_000);
      double[] sharpe = ReturnMetrics.rollingSharpe(r, window, 252);
      double[] sortino = ReturnMetrics.rollingSortino(r, window, 252);
      for (int t = 0; t < r.length; t++) {
        if (t < window - 1) {
          assertThat(sharpe[t]).isNaN();
          assertThat(sortino[t]).isNaN();
          continue;
        }
        double[] w = Arrays.copyOfRange(r, t - window + 1, t + 1);
        assertSame(ReturnMetrics.sharpe(w, 252), sharpe[t], t);
        assertSame(ReturnMetrics.sortino(w, 252), sortino[t], t);
      }
    }
  }

  @Test
  void aFlatWindowAfterVolatileOnes_isNaN_notTheResidueOfSubtractedSums() {
    double[] r = new double[400];
    for (int t = 0; t < 200; t++) {
      r[t] = (t % 2 == 0 ? 1 : -1) * 0.3 * (t + 1); // large moves, then 200 bars of exactly 0
    }
    double[] sharpe = ReturnMetrics.rollingSharpe(r, 60, 252);
    double[] sortino = ReturnMetrics.rollingSortino(r, 60, 252);
    for (int t = 260; t < 400; t++) {
      assertThat(sharpe[t]).isNaN();
      assertThat(sortino[t]).isNaN();
    }
  }
}
