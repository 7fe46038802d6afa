package io.momentic.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand (the arithmetic is in each comment). */
class KnownAnswerTest {

  private static final Offset<Double> EPS = within(1e-12);
  private static final double NaN = Double.NaN;

  @Test
  void sma_threeBarMean() {
    assertThat(MovingAverages.sma(new double[] {1, 2, 3, 4, 5}, 3)).containsExactly(NaN, NaN, 2, 3, 4);
  }

  @Test
  void sma_leadingNaNsAreSkippedAndInteriorNaNBlanksTheWindow() {
    double[] out = MovingAverages.sma(new double[] {NaN, 2, 4, NaN, 6, 8, 10}, 2);
    assertThat(out).containsExactly(NaN, NaN, 3, NaN, NaN, 7, 9);
  }

  @Test
  void crosses_strictOnBothBars_touchingIsNotACross_NaNIsUnknown() {
    double[] a = {1, 3, 3, 2, 1, 2, NaN, 5, 0};
    double[] b = {2, 2, 3, 3, 2, 2, 2, 2, 2};
    // t=1: 1<2 then 3>2 → up; t=2: 3>2 then 3=3 → none; t=3: 3=3 then 2<3 → none (touch, no
    // strict start); t=4: 2<3, 1<2 → none; t=5: 1<2, 2=2 → none; t=6: a NaN → unknown;
    // t=7: a NaN the bar before → unknown; t=8: 5>2 then 0<2 → down.
    assertThat(Crosses.of(a, b)).containsExactly(NaN, 1, 0, 0, 0, 0, NaN, NaN, -1);
  }

  @Test
  void crossesOfSmas_inOnePass() {
    double[] x = {1, 2, 3, 2, 1, 2, 3, 4};
    // SMA(1) = x; SMA(3) = NaN, NaN, 2, 7/3, 2, 5/3, 2, 3. t ≤ 2: the slow average at t − 1 is
    // unknown; t=3: 3 > 2 then 2 < 7/3 → down; t=4: 2 < 7/3, 1 < 2 → none; t=5: 1 < 2 then
    // 2 > 5/3 → up; t=6, 7: fast stays above → none.
    assertThat(Crosses.ofSmas(x, 1, 3)).containsExactly(NaN, NaN, NaN, -1, 0, 1, 0, 0);
    assertThat(Crosses.ofSmas(new double[0], 1, 3)).isEmpty();
  }

  @Test
  void crosses_rejectsSeriesOfDifferentLengths() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Crosses.of(new double[3], new double[4]))
        .hasMessageContaining("same length").hasMessageContaining("3 and 4");
  }

  @Test
  void ema_seededWithSma_alphaTwoOverSpanPlusOne() {
    // span 3 → alpha 0.5; seed mean(2,4,6) = 4; 0.5·8 + 0.5·4 = 6; 0.5·12 + 0.5·6 = 9.
    assertThat(MovingAverages.ema(new double[] {2, 4, 6, 8, 12}, 3)).containsExactly(NaN, NaN, 4, 6, 9);
  }

  @Test
  void wilder_alphaOneOverPeriod() {
    // seed 4; (8 + 2·4)/3 = 16/3; (12 + 2·16/3)/3 = 68/9.
    double[] out = MovingAverages.wilder(new double[] {2, 4, 6, 8, 12}, 3);
    assertThat(out[3]).isCloseTo(16.0 / 3, EPS);
    assertThat(out[4]).isCloseTo(68.0 / 9, EPS);
  }

  @Test
  void atr_wilderAverageOfTrueRange() {
    double[] h = {10, 11, 12, 13, 12, 15};
    double[] l = {8, 9, 10, 10, 9, 11};
    double[] c = {9, 10, 11, 12, 10, 14};
    // TR1..5 = 2, 2, 3, 3, 5 (TR5 = |15 − 10|). ATR(3): 7/3, then (2·7/3 + 3)/3 = 23/9, then (2·23/9 + 5)/3 = 91/27.
    double[] atr = TrueRange.atr(h, l, c, 3);
    assertThat(atr[0]).isNaN();
    assertThat(atr[2]).isNaN();
    assertThat(atr[3]).isCloseTo(7.0 / 3, EPS);
    assertThat(atr[4]).isCloseTo(23.0 / 9, EPS);
    assertThat(atr[5]).isCloseTo(91.0 / 27, EPS);
    assertThat(TrueRange.trueRange(h, l, c)).containsExactly(NaN, 2, 2, 3, 3, 5);
  }

  @Test
  void rsi_wilder() {
    // changes +1, −0.5, +1.5, −1, +2. avg gain/loss at 3: 2.5/3 and 0.5/3 → RS 5 → 83.33;
    // at 4: 5/9 and 4/9 → RS 1.25 → 55.56; at 5: 28/27 and 8/27 → RS 3.5 → 77.78.
    double[] rsi = RelativeStrength.rsi(new double[] {10, 11, 10.5, 12, 11, 13}, 3);
    assertThat(rsi[2]).isNaN();
    assertThat(rsi[3]).isCloseTo(100 - 100.0 / 6, EPS);
    assertThat(rsi[4]).isCloseTo(100 - 100 / 2.25, EPS);
    assertThat(rsi[5]).isCloseTo(100 - 100 / 4.5, EPS);
  }

  @Test
  void rsi_flatIsNeutral_onlyGainsIsHundred() {
    assertThat(RelativeStrength.rsi(new double[] {5, 5, 5, 5}, 2)[3]).isEqualTo(50);
    assertThat(RelativeStrength.rsi(new double[] {1, 2, 3, 4}, 2)[3]).isEqualTo(100);
  }

  @Test
  void adx_wilderDirectionalSystem() {
    double[] h = {10, 12, 11, 14, 13, 15};
    double[] l = {8, 9, 9, 11, 10, 12};
    double[] c = {9, 11, 10, 13, 11, 14};
    // +DM: 2,0,3,0,2; −DM: 0,0,0,1,0; TR: 3,2,4,3,4. Period 2:
    // t=2: S(TR)=5, S(+)=2 → +DI 40, −DI 0, DX 100
    // t=3: S(TR)=6.5, S(+)=4 → +DI 61.54, DX 100 → ADX = mean(100, 100) = 100
    // t=4: S(TR)=6.25, S(+)=2, S(−)=1 → +DI 32, −DI 16, DX 33.33 → ADX (100 + 33.33)/2 = 66.67
    // t=5: S(TR)=7.125, S(+)=3, S(−)=0.5 → DX = 2.5/3.5·100 = 71.43 → ADX (66.67 + 71.43)/2
    DirectionalMovement.Result r = DirectionalMovement.compute(h, l, c, 2);
    assertThat(r.plusDi()[1]).isNaN();
    assertThat(r.plusDi()[2]).isCloseTo(40, EPS);
    assertThat(r.minusDi()[2]).isCloseTo(0, EPS);
    assertThat(r.plusDi()[3]).isCloseTo(400 / 6.5, EPS);
    assertThat(r.adx()[2]).isNaN();
    assertThat(r.adx()[3]).isCloseTo(100, EPS);
    assertThat(r.plusDi()[4]).isCloseTo(32, EPS);
    assertThat(r.minusDi()[4]).isCloseTo(16, EPS);
    assertThat(r.adx()[4]).isCloseTo((100 + 100.0 / 3) / 2, EPS);
    assertThat(r.adx()[5]).isCloseTo(((100 + 100.0 / 3) / 2 + 250.0 / 3.5) / 2, EPS);
  }

  @Test
  void rollingStd_sampleAndPopulation() {
    // The textbook set 2,4,4,4,5,5,7,9: mean 5, Σ(x − mean)² = 32 → population σ = 2, sample s = √(32/7).
    double[] x = {2, 4, 4, 4, 5, 5, 7, 9};
    assertThat(RollingStats.populationStd(x, 8)[7]).isCloseTo(2, EPS);
    assertThat(RollingStats.sampleStd(x, 8)[7]).isCloseTo(Math.sqrt(32.0 / 7), EPS);
    assertThat(RollingStats.mean(x, 8)[7]).isCloseTo(5, EPS);
    assertThat(RollingStats.sampleStd(x, 8)[6]).isNaN();
  }

  @Test
  void percentRank_tiesShareTheirAverageRank() {
    // Window 3,1,2,2 → sorted 1,2,2,3 → the newest 2 has average rank 2.5 → 2.5/4.
    assertThat(RollingStats.percentRank(new double[] {3, 1, 2, 2}, 4)[3]).isCloseTo(0.625, EPS);
    assertThat(RollingStats.percentRank(new double[] {1, 2, 3}, 3)[2]).isCloseTo(1.0, EPS);
  }

  @Test
  void returns_simpleAndLog() {
    double[] x = {100, 110, 99};
    assertThat(Returns.simple(x)[1]).isCloseTo(0.1, EPS);
    assertThat(Returns.simple(x)[2]).isCloseTo(-0.1, EPS);
    assertThat(Returns.log(x)[1]).isCloseTo(Math.log(1.1), EPS);
    assertThat(Returns.overPeriod(x, 2)[2]).isCloseTo(-0.01, EPS);
  }

  @Test
  void velocityAndAcceleration_leastSquaresSlopeAndItsChange() {
    // Window 1,3,2,5 against 0..3: Σ(i − 1.5)(x − 2.75) = 5.5, Σ(i − 1.5)² = 5 → slope 1.1.
    // Next window 3,2,5,4: Σ = 3 → 0.6; acceleration 0.6 − 1.1 = −0.5.
    double[] x = {1, 3, 2, 5, 4};
    double[] v = Dynamics.velocity(x, 4);
    assertThat(v[2]).isNaN();
    assertThat(v[3]).isCloseTo(1.1, EPS);
    assertThat(v[4]).isCloseTo(0.6, EPS);
    double[] a = Dynamics.acceleration(x, 4);
    assertThat(a[3]).isNaN();
    assertThat(a[4]).isCloseTo(-0.5, EPS);
  }

  @Test
  void drawdown_fromRunningMaximum() {
    assertThat(Drawdowns.fromRunningMax(new double[] {100, 120, 90, 130})).containsExactly(0, 0, -0.25, 0);
  }

  @Test
  void exponentialRegression_exactGrowthIsRecovered() {
    // y = 3·2^x: a0 = 3, a1 = 2, r² = 1; with 2 periods a year the annualised slope is 2² − 1 = 3.
    double[] y = {3, 6, 12, 24, 48};
    ExponentialRegression.Result r = ExponentialRegression.rolling(y, 5, 2);
    assertThat(r.a0()[4]).isCloseTo(3, within(1e-9));
    assertThat(r.a1()[4]).isCloseTo(2, within(1e-12));
    assertThat(r.r2()[4]).isCloseTo(1, within(1e-12));
    assertThat(r.annualizedSlope()[4]).isCloseTo(3, within(1e-9));
  }

  @Test
  void exponentialRegression_noisyWindow() {
    // ln y = 0, 1, 3 on x = 0, 1, 2: slope 3/2, intercept 4/3 − 3/2 = −1/6;
    // Σ(y − ȳ)² = 42/9, r² = 3² / (2 · 42/9) = 27/28.
    ExponentialRegression.Result r = ExponentialRegression.rolling(new double[] {1, Math.E, Math.exp(3)}, 3, 252);
    assertThat(r.a1()[2]).isCloseTo(Math.exp(1.5), within(1e-12));
    assertThat(r.a0()[2]).isCloseTo(Math.exp(-1.0 / 6), within(1e-12));
    assertThat(r.r2()[2]).isCloseTo(27.0 / 28, within(1e-12));
  }
}
