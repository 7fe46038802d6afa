package io.momentic.analytics.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked values of spec §4.9 (ii), computed by hand from the loss a(1−p_y)² + b·p_r² + c·p_opp². */
class RegimeScoreTest {

  private static final double THIRD = 1.0 / 3;

  @Test
  void bearDay_workedValues() {
    // (.8,.2,0): L = .04 + .25·.04 = .05 → 1 − .05/9 = .99444; (.5,.5,0): .25 + .0625 → .96528;
    // (0,1,0): 1 + .25 → .86111; uniform: 4/9 + .25/9 + 8/9 → .84877; (.5,0,.5): .25 + 2 → .75.
    assertThat(RegimeScore.daySimilarity(new double[] {1, 0, 0}, 0)).isCloseTo(1.0, within(1e-12));
    assertThat(RegimeScore.daySimilarity(new double[] {.8, .2, 0}, 0)).isCloseTo(0.99444, within(5e-6));
    assertThat(RegimeScore.daySimilarity(new double[] {.5, .5, 0}, 0)).isCloseTo(0.96528, within(5e-6));
    assertThat(RegimeScore.daySimilarity(new double[] {0, 1, 0}, 0)).isCloseTo(0.86111, within(5e-6));
    assertThat(RegimeScore.daySimilarity(new double[] {THIRD, THIRD, THIRD}, 0)).isCloseTo(0.84877, within(5e-6));
    assertThat(RegimeScore.daySimilarity(new double[] {.5, 0, .5}, 0)).isCloseTo(0.75, within(1e-12));
    assertThat(RegimeScore.daySimilarity(new double[] {0, 0, 1}, 0)).isCloseTo(0.0, within(1e-12));
    // A bull day mirrors it: the opposite is bear.
    assertThat(RegimeScore.daySimilarity(new double[] {0, .2, .8}, 2)).isCloseTo(0.99444, within(5e-6));
  }

  @Test
  void reliability_isExpMinusSevenTimesTheFailureRate() {
    double[][] p = {{1, 0, 0}};
    RegimeScore.Report r = RegimeScore.score(p, new int[] {0}, new String[] {"a"}, List.of("a"), 94, 2);
    assertThat(r.reliability()).isCloseTo(0.864302, within(5e-7)); // the warm-up tax exp(−7·2/96)
    assertThat(RegimeScore.score(p, new int[] {0}, new String[] {"a"}, List.of("a"), 9, 1).reliability())
        .isCloseTo(0.496585, within(5e-7));
    assertThat(r.regimeScore()).isCloseTo(r.quality() * r.reliability(), within(1e-15));
  }

  @Test
  void quality_isTheGeometricMeanOverPeriods_nanIsUniform_rangingDaysOnlyInDiagnostics() {
    double nan = Double.NaN;
    double[][] p = {
        {.8, .2, 0}, // period a (bear): .99444…
        {nan, nan, nan}, // period a: uniform .84877…
        {0, 0, 1}, // ranging day: not scored; argmax bull ≠ ranging
        {0, .5, .5}, // period b (bull): L = .25 + .0625 → 1 − .3125/9
        {0, .5, .5},
    };
    int[] label = {0, 0, 1, 2, 2};
    String[] period = {"a", "a", null, "b", "b"};
    RegimeScore.Report r = RegimeScore.score(p, label, period, List.of("a", "b", "c"), 1, 0);
    double sa = 1 - (0.05 + (4.0 / 9 + 0.25 / 9 + 8.0 / 9)) / 2 / 9;
    double sb = 1 - 0.3125 / 9;
    assertThat(r.perPeriod()).containsOnlyKeys("a", "b"); // c has no scored day and is left out of N
    assertThat(r.perPeriod().get("a")).isCloseTo(sa, within(1e-12));
    assertThat(r.perPeriod().get("b")).isCloseTo(sb, within(1e-12));
    assertThat(r.quality()).isCloseTo(Math.sqrt(sa * sb), within(1e-12));
    assertThat(r.nValid()).isEqualTo(4);
    assertThat(r.nNanUniform()).isEqualTo(1);
    // argmax over all five days: bear ✓, uniform → bear (tie to the lowest) ✓, bull vs ranging ✗,
    // (0,.5,.5) → ranging (tie to the lowest) ✗ twice → 2/5.
    assertThat(r.argmaxAccuracy()).isCloseTo(0.4, within(1e-12));
    // Flips with the NaN row dropped: bear → bull → ranging → ranging: 2.
    assertThat(r.flipCount()).isEqualTo(2);
  }

  @Test
  void aPeriodCalledTheOpposite_zeroesTheQuality() {
    double[][] p = {{1, 0, 0}, {1, 0, 0}};
    RegimeScore.Report r = RegimeScore.score(p, new int[] {0, 2}, new String[] {"a", "b"}, List.of("a", "b"), 1, 0);
    assertThat(r.perPeriod().get("b")).isEqualTo(0.0);
    assertThat(r.regimeScore()).isEqualTo(0.0);
  }
}
