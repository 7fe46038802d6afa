package io.momentic.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.testing.TestBars;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every built-in indicator gives the same value at t whether or not bars after t exist, and its
 * declared warm-up matches the NaN prefix it actually produces.
 */
class LookAheadPropertyTest {

  @Property(tries = 60)
  void valueAtT_doesNotDependOnLaterBars(@ForAll @IntRange(min = 0, max = 10_000) int seed,
      @ForAll @IntRange(min = 1, max = 299) int cut) {
    BarSeries full = TestBars.randomWalk(seed, 300);
    BarSeries truncated = full.upTo(cut);
    for (BarIndicator indicator : Indicators.builtIns()) {
      double[][] onFull = indicator.compute(full);
      double[][] onTruncated = indicator.compute(truncated);
      for (int k = 0; k < onFull.length; k++) {
        assertThat(onTruncated[k]).as("%s output %d cut at %d", indicator.name(), k, cut).hasSize(cut);
        for (int t = 0; t < cut; t++) {
          // Bit-for-bit: the same arithmetic must run whether or not the future exists.
          assertThat(Double.doubleToLongBits(onTruncated[k][t]))
              .as("%s[%s] at t=%d with history cut at %d", indicator.name(), indicator.outputs().get(k), t, cut)
              .isEqualTo(Double.doubleToLongBits(onFull[k][t]));
        }
      }
    }
  }

  @Test
  void warmup_matchesLeadingNaNs() {
    BarSeries bars = TestBars.randomWalk(3, 200);
    for (BarIndicator indicator : Indicators.builtIns()) {
      int longest = 0;
      for (double[] output : indicator.compute(bars)) {
        int nan = 0;
        while (nan < output.length && Double.isNaN(output[nan])) {
          nan++;
        }
        longest = Math.max(longest, nan);
        assertThat(output).as(indicator.name()).hasSize(bars.size());
      }
      assertThat(longest).as(indicator.name() + " warm-up").isEqualTo(indicator.warmup());
    }
  }

  @Test
  void leakyKernel_isCaughtByTheSameComparison() {
    // Guard against a vacuous property: a centred window (uses t+1) must differ once truncated.
    BarSeries full = TestBars.randomWalk(11, 50);
    double[] closes = full.closes();
    double[] centred = new double[closes.length];
    for (int t = 1; t < closes.length - 1; t++) {
      centred[t] = (closes[t - 1] + closes[t] + closes[t + 1]) / 3;
    }
    double[] truncatedCloses = full.upTo(30).closes();
    double atCutMinusOne = truncatedCloses.length > 29 ? (truncatedCloses[27] + truncatedCloses[28]) / 2 : 0;
    assertThat(atCutMinusOne).isNotEqualTo(centred[28]);
  }
}
