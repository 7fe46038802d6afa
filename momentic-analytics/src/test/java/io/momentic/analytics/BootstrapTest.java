package io.momentic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.analytics.Bootstrap.Interval;
import io.momentic.analytics.Bootstrap.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double[] gaussian(long seed, int n, double mu) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mu + random.nextGaussian();
    }
    return x;
  }

  @Test
  void sameSeedSameInterval() {
    double[] x = gaussian(1, 300, 0.1);
    for (Method m : Method.values()) {
      Interval a = Bootstrap.interval(x, BootstrapTest::mean, m, 5, 500, 0.95, 42);
      Interval b = Bootstrap.interval(x, BootstrapTest::mean, m, 5, 500, 0.95, 42);
      Interval c = Bootstrap.interval(x, BootstrapTest::mean, m, 5, 500, 0.95, 43);
      assertThat(a).isEqualTo(b);
      assertThat(c.lower()).isNotEqualTo(a.lower());
      assertThat(a.lower()).isLessThan(a.estimate()).isGreaterThan(a.estimate() - 0.3);
      assertThat(a.upper()).isGreaterThan(a.estimate()).isLessThan(a.estimate() + 0.3);
    }
  }

  /**
   * Coverage: for 300 independent series with known mean 0.2, the 90 % interval of the mean
   * should contain 0.2 about 90 % of the time. The binomial standard error at 300 draws is 1.7 %;
   * percentile intervals from blocks slightly under-cover, so the band is 0.82–0.96.
   */
  @Test
  void coverageNearNominal() {
    for (Method m : Method.values()) {
      int covered = 0;
      int series = 300;
      for (int k = 0; k < series; k++) {
        double[] x = gaussian(1000 + k, 200, 0.2);
        Interval ci = Bootstrap.interval(x, BootstrapTest::mean, m, 4, 400, 0.90, k);
        if (ci.lower() <= 0.2 && 0.2 <= ci.upper()) {
          covered++;
        }
      }
      assertThat(covered / (double) series).as("coverage of %s", m).isBetween(0.82, 0.96);
    }
  }

  @Test
  void nanStatisticsAreLeftOutAndCounted() {
    double[] pnl = {1, 2, 3, -1, 4};
    // Profit factor is NaN whenever a resample has no losing trade.
    Interval ci = Bootstrap.interval(pnl, p -> {
      double win = 0;
      double loss = 0;
      for (double v : p) {
        if (v > 0) {
          win += v;
        } else {
          loss -= v;
        }
      }
      return loss == 0 ? Double.NaN : win / loss;
    }, Method.BLOCK, 1, 1000, 0.95, 3);
    // P(no −1 among 5 draws) = (4/5)^5 ≈ 0.33, so about 670 resamples are valid.
    assertThat(ci.validResamples()).isBetween(620, 720);
    assertThat(ci.estimate()).isEqualTo(10.0);
    // The largest possible valid value is four 4s over one loss of 1.
    assertThat(ci.lower()).isBetween(0.0, 10.0);
    assertThat(ci.upper()).isBetween(10.0, 16.0);
  }

  @Test
  void blockResamplesKeepRunsTogether() {
    // A series 0,1,…,99 resampled in blocks of 10: every value but the first of each block is its
    // predecessor + 1, so at most ⌈100/10⌉ − 1 = 9 breaks.
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    double[] breaks = new double[1];
    Bootstrap.interval(x, s -> {
      int b = 0;
      for (int i = 1; i < s.length; i++) {
        if (s[i] != s[i - 1] + 1) {
          b++;
        }
      }
      breaks[0] = Math.max(breaks[0], b);
      return b;
    }, Method.BLOCK, 10, 200, 0.95, 9);
    assertThat(breaks[0]).isLessThanOrEqualTo(9);
  }
}
