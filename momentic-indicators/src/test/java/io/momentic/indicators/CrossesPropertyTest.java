package io.momentic.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.testing.TestBars;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The one-pass crossover kernel against the cross of the two stored averages. */
class CrossesPropertyTest {

  @Property(tries = 200)
  void crossesOfSmas_isBitForBitTheCrossOfTheTwoStoredAverages(@ForAll @IntRange(min = 0, max = 100_000) int seed,
      @ForAll @IntRange(min = 1, max = 30) int fast, @ForAll @IntRange(min = 1, max = 60) int slow) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] x = TestBars.randomWalk(seed, 1 + rng.nextInt(300)).closes();
    // Leading NaNs (not yet listed) and interior gaps exercise the averages' NaN rules.
    int leading = Math.min(x.length, rng.nextInt(5));
    for (int i = 0; i < leading; i++) {
      x[i] = Double.NaN;
    }
    // No gap (a quarter of the tries, the kernel's fast path) or up to three.
    int gaps = rng.nextInt(4);
    for (int k = 0; k < gaps; k++) {
      x[rng.nextInt(x.length)] = Double.NaN;
    }
    assertBitForBit(x, fast, slow);
  }

  /** Longer series without gaps: the fast path's warm-up and steady loop over many windows. */
  @Property(tries = 100)
  void crossesOfSmas_withoutGaps_isBitForBitTheCrossOfTheTwoStoredAverages(
      @ForAll @IntRange(min = 0, max = 100_000) int seed, @ForAll @IntRange(min = 1, max = 50) int fast,
      @ForAll @IntRange(min = 1, max = 200) int slow, @ForAll @IntRange(min = 0, max = 3) int leading) {
    double[] x = TestBars.randomWalk(seed, 1 + new java.util.SplittableRandom(seed).nextInt(3_000)).closes();
    for (int i = 0; i < Math.min(leading, x.length); i++) {
      x[i] = Double.NaN;
    }
    assertBitForBit(x, fast, slow);
  }

  /**
   * Where the kernel's shortcut comparison is least sure of itself: averages that tie exactly
   * (small whole numbers: the two windows often hold equal means), averages a few units in the last
   * place apart, and magnitudes from subnormal to overflow (infinite values and sums).
   */
  @Property(tries = 300)
  void crossesOfSmas_onTiesAndExtremeMagnitudes_isBitForBitTheCrossOfTheTwoStoredAverages(
      @ForAll @IntRange(min = 0, max = 100_000) int seed, @ForAll @IntRange(min = 1, max = 12) int fast,
      @ForAll @IntRange(min = 1, max = 24) int slow, @ForAll @IntRange(min = -1074, max = 1023) int exponent) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] x = new double[1 + rng.nextInt(400)];
    double scale = Math.scalb(1.0, exponent);
    for (int i = 0; i < x.length; i++) {
      double value = switch (seed % 3) {
        case 0 -> 1 + rng.nextInt(3); // ties
        case 1 -> 1 + Math.ulp(1.0) * rng.nextInt(4); // a few units apart
        default -> rng.nextDouble();
      };
      x[i] = value * scale;
    }
    assertBitForBit(x, fast, slow);
  }

  private static void assertBitForBit(double[] x, int fast, int slow) {
    double[] expected = Crosses.of(MovingAverages.sma(x, fast), MovingAverages.sma(x, slow));
    double[] actual = Crosses.ofSmas(x, fast, slow);
    assertThat(actual).hasSize(expected.length);
    for (int t = 0; t < x.length; t++) {
      assertThat(Double.doubleToLongBits(actual[t])).as("t=%d", t).isEqualTo(Double.doubleToLongBits(expected[t]));
    }
  }
}
