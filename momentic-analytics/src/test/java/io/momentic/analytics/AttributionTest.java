package io.momentic.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.analytics.Attribution.Report;
import org.junit.jupiter.api.Test;

class AttributionTest {

  /**
   * Hand-worked: A is bought at bar 0 (10 units at 10, fee 1) and held, closes 10, 12, 15, 14;
   * B is bought at bar 1 (5 units at 20, fee 1) and sold at bar 3 at 18 (fee 1); C is never traded.
   * Over the whole run A made 10·14 − 100 − 1 = 39, B made 90 − 100 − 2 = −12, net 27.
   */
  private static final String[] NAMES = {"A", "B", "C"};
  private static final double[][] VALUE = {{100, 120, 150, 140}, {0, 100, 105, 0}, {0, 0, 0, 0}};
  private static final double[][] FLOW = {{-101, 0, 0, 0}, {0, -101, 0, 89}, {0, 0, 0, 0}};

  @Test
  void wholeRun() {
    Report r = Attribution.of(NAMES, VALUE, FLOW, 0, 4);
    assertThat(r.contributions()).extracting(Attribution.Contribution::instrument).containsExactly("A", "B");
    assertThat(r.contributions().get(0).pnl()).isCloseTo(39, within(1e-12));
    assertThat(r.contributions().get(1).pnl()).isCloseTo(-12, within(1e-12));
    assertThat(r.netPnl()).isCloseTo(27, within(1e-12));
    assertThat(r.top1Share()).isCloseTo(39.0 / 27, within(1e-12));
    assertThat(r.top3Share()).isCloseTo(1.0, within(1e-12));
    // HHI of |39| and |−12|: (39/51)² + (12/51)².
    assertThat(r.hhi()).isCloseTo(Math.pow(39 / 51.0, 2) + Math.pow(12 / 51.0, 2), within(1e-12));
  }

  @Test
  void periodStartsFromTheMarkedValue() {
    // Bars 2–3: A goes from 120 to 140 (+20); B from 100 to 0 with 89 received (−11).
    Report r = Attribution.of(NAMES, VALUE, FLOW, 2, 4);
    assertThat(r.contributions().get(0).pnl()).isCloseTo(20, within(1e-12));
    assertThat(r.contributions().get(1).pnl()).isCloseTo(-11, within(1e-12));
    assertThat(r.netPnl()).isCloseTo(9, within(1e-12));
  }

  @Test
  void losingPeriodHasNoShares() {
    Report r = Attribution.of(NAMES, VALUE, FLOW, 3, 4);
    assertThat(r.netPnl()).isCloseTo(-10 - 16, within(1e-12));
    assertThat(r.top1Share()).isNaN();
    assertThat(r.contributions()).allSatisfy(c -> assertThat(c.share()).isNaN());
  }
}
