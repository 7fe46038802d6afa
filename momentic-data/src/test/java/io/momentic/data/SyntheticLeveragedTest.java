package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.testing.TestBars;
import org.junit.jupiter.api.Test;

class SyntheticLeveragedTest {

  @Test
  void threeTimesLong_andInverse_byHand() {
    // Base closes 100 → 110 → 99 (opens: 100, 100, 110). 3×: +30 % then −30 %; −3×: −30 % then +30 %; no fee.
    BarSeries base = TestBars.daily("B", "2024-01-01", 100, 110, 99);
    BarSeries up = SyntheticMarket.leveraged(base, "UP", 3, 0, 252, 50);
    BarSeries down = SyntheticMarket.leveraged(base, "DN", -3, 0, 252, 50);
    assertThat(up.close(0)).isCloseTo(50, within(1e-12));
    assertThat(up.close(1)).isCloseTo(65, within(1e-12));
    assertThat(up.close(2)).isCloseTo(65 * 0.7, within(1e-12));
    assertThat(down.close(1)).isCloseTo(35, within(1e-12));
    assertThat(down.close(2)).isCloseTo(35 * 1.3, within(1e-12));
    // Base bar 1 high 110 · 1.01 = 111.1 → +11.1 % → the long fund's high 50 · 1.333 = 66.65;
    // its low 100 · 0.99 = 99 → −1 % → the inverse fund's high 50 · 1.03 = 51.5.
    assertThat(up.high(1)).isCloseTo(50 * (1 + 3 * 0.111), within(1e-9));
    assertThat(down.high(1)).isCloseTo(50 * 1.03, within(1e-9));
    for (BarSeries s : new BarSeries[] {up, down}) {
      for (int t = 0; t < s.size(); t++) {
        assertThat(s.high(t)).isGreaterThanOrEqualTo(Math.max(s.open(t), s.close(t)));
        assertThat(s.low(t)).isLessThanOrEqualTo(Math.min(s.open(t), s.close(t)));
      }
    }
  }

  @Test
  void annualFee_dragsEveryBar() {
    BarSeries base = TestBars.daily("B", "2024-01-01", 100, 100, 100);
    BarSeries fund = SyntheticMarket.leveraged(base, "F", 3, 0.0252, 252, 10);
    assertThat(fund.close(2)).isCloseTo(10 * Math.pow(1 - 0.0001, 3), within(1e-12));
  }
}
