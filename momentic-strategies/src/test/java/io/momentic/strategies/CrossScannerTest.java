package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 10-day series worked by hand with SMA(2) over SMA(4), volume 1 bar against the 2 before it,
 * slope over 1 bar. Closes 10 10 10 11 12 8 8 13 14 15:
 * SMA2 from t3: 10.5 11.5 10 8 10.5 13.5 14.5; SMA4 from t3: 10.25 10.75 10.25 9.75 10.25 10.75 12.5.
 * t5: 11.5 > 10.75 then 10 < 10.25 → death; t7: 8 < 9.75 then 10.5 > 10.25 → golden.
 */
class CrossScannerTest {

  static final CrossScanner.Settings SMALL = new CrossScanner.Settings(2, 4, 30, 1, 2, 1);

  static BarSeries series(String symbol, double[] close, double[] volume) {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity(symbol), Interval.D1);
    long day = TestBars.day("2024-01-01");
    for (int i = 0; i < close.length; i++) {
      b.add(day + i * 86_400_000L, close[i], close[i], close[i], close[i], volume[i]);
    }
    return b.build();
  }

  static final double[] CLOSE = {10, 10, 10, 11, 12, 8, 8, 13, 14, 15};
  // 200 on the death bar, 225 on the golden bar, 100 elsewhere.
  static final double[] VOLUME = {100, 100, 100, 100, 100, 200, 100, 225, 100, 100};

  @Test
  void goldenAndDeath_withTheirStrengthTerms() {
    CrossScanner.Result r = CrossScanner.scan(List.of(series("X", CLOSE, VOLUME)), TestBars.day("2024-01-10"), SMALL);
    assertThat(r.golden()).hasSize(1);
    assertThat(r.death()).hasSize(1);
    CrossScanner.Hit g = r.golden().get(0);
    assertThat(g.crossTimeMillis()).isEqualTo(TestBars.day("2024-01-08"));
    assertThat(g.barsAgo()).isEqualTo(2);
    // Volume 225 against mean(200, 100) = 150 → 1.5 → 4·0.5 = 2 points.
    assertThat(g.relativeVolume()).isCloseTo(1.5, within(1e-12));
    assertThat(g.volumePoints()).isCloseTo(2, within(1e-12));
    // Slope 10.5/8 − 1 = 31.25 % → capped at 3; gap (14.5 − 12.5)/12.5 = 16 % → capped at 3.
    assertThat(g.slopePct()).isCloseTo(31.25, within(1e-9));
    assertThat(g.gapPct()).isCloseTo(16, within(1e-9));
    assertThat(g.strength()).isEqualTo(8.0);
    assertThat(g.holding()).isTrue();
    CrossScanner.Hit d = r.death().get(0);
    assertThat(d.crossTimeMillis()).isEqualTo(TestBars.day("2024-01-06"));
    // Volume 200 against 100 → 2 → 4 points; slope −(10/11.5 − 1) = 13.04 % → 3; gap −16 % → 0.
    assertThat(d.volumePoints()).isCloseTo(4, within(1e-12));
    assertThat(d.slopePct()).isCloseTo(100 * (1 - 10 / 11.5), within(1e-9));
    assertThat(d.gapPoints()).isZero();
    assertThat(d.strength()).isEqualTo(7.0);
    assertThat(d.holding()).isFalse();
  }

  @Test
  void asOf_seesOnlyBarsUpToIt_andTheWindowForgetsOldCrosses() {
    // As of day 7 the golden cross has not happened: only the death cross, still holding, with the gap
    // at day 7: (8 − 9.75)/9.75 → 17.9 % in its direction → 3 points.
    CrossScanner.Result early = CrossScanner.scan(List.of(series("X", CLOSE, VOLUME)), TestBars.day("2024-01-07"),
        SMALL);
    assertThat(early.golden()).isEmpty();
    assertThat(early.death()).singleElement().satisfies(h -> {
      assertThat(h.gapPct()).isCloseTo(100 * 1.75 / 9.75, within(1e-9));
      assertThat(h.holding()).isTrue();
    });
    // Thirty days after the last bar both crosses are out of the window.
    CrossScanner.Result late = CrossScanner.scan(List.of(series("X", CLOSE, VOLUME)), TestBars.day("2024-02-10"),
        SMALL);
    assertThat(late.golden()).isEmpty();
    assertThat(late.death()).isEmpty();
  }

  @Test
  void tooShortSeries_areCounted_notScanned() {
    CrossScanner.Result r = CrossScanner.scan(List.of(series("S", new double[] {1, 2, 3, 4},
        new double[] {1, 1, 1, 1})), TestBars.day("2024-01-10"), SMALL);
    assertThat(r.scanned()).isEqualTo(1);
    assertThat(r.tooShort()).isEqualTo(1);
  }
}
