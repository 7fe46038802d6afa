package io.momentic.analytics.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegimeFeaturesTest {

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
    SplittableRandom rng = new SplittableRandom(3);
    double[] close = new double[400];
    double p = 100;
    for (int t = 0; t < close.length; t++) {
      p *= Math.exp(0.03 * (rng.nextDouble() - 0.5));
      close[t] = p;
    }
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
    SplittableRandom rng = new SplittableRandom(9);
    double[] close = new double[300];
    double p = 50;
    for (int t = 0; t < close.length; t++) {
      p *= Math.exp(0.05 * (rng.nextDouble() - 0.5));
      close[t] = p;
    }
    for (int cut : new int[] {10, 120, 250}) {
      double[] head = Arrays.copyOf(close, cut + 1);
      assertThat(RegimeFeatures.runningMaxDrawdown(head)[cut]).isEqualTo(RegimeFeatures.runningMaxDrawdown(close)[cut]);
      assertThat(RegimeFeatures.rollingMaxDrawdown(head, 200)[cut])
          .isEqualTo(RegimeFeatures.rollingMaxDrawdown(close, 200)[cut]);
      assertThat(RegimeFeatures.realisedVolatility(head, 5)[cut])
          .isEqualTo(RegimeFeatures.realisedVolatility(close, 5)[cut]);
      assertThat(RegimeFeatures.logReturns(head)[cut]).isEqualTo(RegimeFeatures.logReturns(close)[cut]);
    }
  }
}
