package io.momentic.strategies.gem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The notebook's monthly win rate, counted by hand on 30-snapshot chunks. */
class MonthlyWinRateTest {

  @Test
  void chunksOfThirty_theShortLastOneCounted_aChunkOfOneSkipped() {
    double[] v = new double[91];
    for (int t = 0; t < v.length; t++) {
      // Chunk 0 (0..29) rises, chunk 1 (30..59) falls, chunk 2 (60..89) rises, chunk 3 is bar 90 alone.
      v[t] = t < 30 ? 100 + t : t < 60 ? 200 - t : 100 + t;
    }
    assertThat(GemMetrics.monthlyWinRatePct(v)).isEqualTo(100.0 * 2 / 3);
    double[] withTail = java.util.Arrays.copyOf(v, 92);
    withTail[91] = withTail[90] - 1; // chunk 3 is now 90..91, a loss: 2 wins of 4
    assertThat(GemMetrics.monthlyWinRatePct(withTail)).isEqualTo(50.0);
  }

  @Test
  void aFlatChunk_isNoWin_andNoChunkIsNaN() {
    assertThat(GemMetrics.monthlyWinRatePct(new double[] {5, 5, 5})).isZero();
    assertThat(GemMetrics.monthlyWinRatePct(new double[] {5})).isNaN();
  }
}
