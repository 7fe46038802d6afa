package io.momentic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The O(n) rolling Sharpe, Sortino, volatility and beta equal the point metrics applied to each window. */
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
  void everyWindow_volatilityAndBeta_equalThePointMetrics() {
    for (int window : new int[] {2, 6, 60, 126}) {
      double[] r = returns(window, 2_500);
      double[] b = returns(1000L + window, 2_500);
      for (int t = 0; t < b.length; t++) {
        b[t] = (t / 97) % 4 == 1 ? rndFree(t) : b[t]; // the benchmark moves where the strategy is flat
      }
      double[] vol = ReturnMetrics.rollingVolatility(r, window, 252);
      double[] beta = ReturnMetrics.rollingBeta(r, b, window);
      for (int t = 0; t < r.length; t++) {
        if (t < window - 1) {
          assertThat(vol[t]).isNaN();
          assertThat(beta[t]).isNaN();
          continue;
        }
        double[] w = Arrays.copyOfRange(r, t - window + 1, t + 1);
        double[] wb = Arrays.copyOfRange(b, t - window + 1, t + 1);
        assertSame(ReturnMetrics.annualVolatility(w, 252), vol[t], t);
        int pairs = 0;
        for (int i = 0; i < w.length; i++) {
          pairs += Double.isNaN(w[i]) || Double.isNaN(wb[i]) ? 0 : 1;
        }
        assertSame(pairs < 2 ? Double.NaN : ReturnMetrics.beta(w, wb), beta[t], t);
      }
    }
  }

  /** A deterministic non-zero return for bar t. */
  private static double rndFree(int t) {
    return 0.004 * Math.sin(0.7 * t) + 0.001;
  }

  @Test
  void beta_ofAScaledCopy_isTheScale_andAFlatBenchmark_hasNone() {
    double[] b = returns(7, 500);
    double[] r = new double[b.length];
    for (int t = 0; t < b.length; t++) {
      r[t] = 1.5 * b[t] + 0.0002; // beta 1.5 by construction, whatever the window
    }
    double[] beta = ReturnMetrics.rollingBeta(r, b, 20);
    assertThat(beta[60]).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
    // Bars 97..193 hold exactly 0 in the benchmark: a full window inside them has no beta.
    assertThat(beta[150]).isNaN();
    double[] vol = ReturnMetrics.rollingVolatility(b, 20, 252);
    assertThat(vol[150]).isZero();
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
