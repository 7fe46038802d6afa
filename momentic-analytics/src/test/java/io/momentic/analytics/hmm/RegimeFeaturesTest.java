package io.momentic.analytics.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegimeFeaturesTest {

  static double[] randomWalk(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] close = new double[n];
    double p = 100;
    for (int t = 0; t < n; t++) {
      p *= Math.exp(0.04 * (rng.nextDouble() - 0.5));
      close[t] = p;
    }
    return close;
  }

  @Test
  void realisedVolatility_isThePopulationStdOfTheLastFiveReturns() {
    // ln close 0, .1, .3, .2, .5, .4 → returns .1, .2, −.1, .3, −.1 (mean .08); squared deviations
    // .0004 + .0144 + .0324 + .0484 + .0324 = .128; /5 = .0256; √ = .16. Undefined before row 5.
    double[] close = Arrays.stream(new double[] {0, .1, .3, .2, .5, .4}).map(Math::exp).toArray();
    double[] vol = RegimeFeatures.realisedVolatility(close, 5);
    assertThat(Arrays.copyOf(vol, 5)).containsOnly(Double.NaN);
    assertThat(vol[5]).isCloseTo(0.16, within(1e-12));
  }

  @Test
  void rollingDrawdown_matchesABruteForceWindowMax() {
    double[] close = randomWalk(400, 3);
    double[] d = RegimeFeatures.rollingMaxDrawdown(close, 50);
    for (int t = 0; t < close.length; t++) {
      if (t < 49) {
        assertThat(d[t]).isNaN();
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int s = t - 49; s <= t; s++) {
        max = Math.max(max, Math.log(close[s]));
      }
      assertThat(d[t]).isCloseTo(Math.log(close[t]) - max, within(1e-12));
    }
  }

  @Test
  void everyFeature_atT_isTheSameWhenLaterRowsAreCut() {
    double[] close = randomWalk(300, 9);
    for (int cut : new int[] {10, 120, 250}) {
      double[] head = Arrays.copyOf(close, cut + 1);
      // Bit for bit, so "undefined on both" (NaN) counts as agreement.
      assertSame(RegimeFeatures.runningMaxDrawdown(head)[cut], RegimeFeatures.runningMaxDrawdown(close)[cut]);
      assertSame(RegimeFeatures.rollingMaxDrawdown(head, 200)[cut], RegimeFeatures.rollingMaxDrawdown(close, 200)[cut]);
      assertSame(RegimeFeatures.realisedVolatility(head, 5)[cut], RegimeFeatures.realisedVolatility(close, 5)[cut]);
      assertSame(RegimeFeatures.logReturns(head)[cut], RegimeFeatures.logReturns(close)[cut]);
    }
  }

  private static void assertSame(double cut, double full) {
    assertThat(Double.doubleToLongBits(cut)).isEqualTo(Double.doubleToLongBits(full));
  }
}
