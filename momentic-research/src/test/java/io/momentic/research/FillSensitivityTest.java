package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BarContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FillSensitivityTest {

  /**
   * Ten bars, worked by hand. Bar 0 (close 100): a limit buy of 10 at 98 with a stop at 93 and a
   * take-profit at 120 (never reached). Bar 1 (o 100, h 101, l 92): the limit fills at 98 inside
   * the bar. From bar 5 (close 105) on, the strategy closes any position at market.
   * <ul>
   *   <li>same close: the entry's stop is not live on its own bar (standard rule); the close fills at
   *       bar 5's close 105: +7 × 10 = +70;</li>
   *   <li>next open: as above, but the close fills at bar 6's open 107: +9 × 10 = +90;</li>
   *   <li>pessimistic intrabar: the low after the entry hits the stop on bar 1 at 93: −5 × 10 = −50.</li>
   * </ul>
   */
  private static final double[][] OHLC = {
      {100, 101, 99, 100}, {100, 101, 92, 99}, {99, 103, 98.5, 102}, {102, 104, 101, 103}, {103, 105, 102, 104},
      {104, 106, 103, 105}, {107, 108, 106, 107}, {107, 108, 106, 107}, {107, 108, 106, 107}, {107, 108, 106, 107}};

  private static BarSeries bars() {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    for (int i = 0; i < OHLC.length; i++) {
      b.add(TestBars.day("2024-01-01") + i * 86_400_000L, OHLC[i][0], OHLC[i][1], OHLC[i][2], OHLC[i][3], 1_000);
    }
    return b.build();
  }

  private static Strategy limitThenClose() {
    return new Strategy() {
      @Override
      public void onBar(BarContext c) {
        if (c.bar() == 0) {
          c.submit(Order.limit(0, Side.BUY, Sizing.units(10), 98).withBracket(93, 120));
        } else if (c.bar() >= 5 && c.position(0) > 0) {
          c.cancelAll(0);
          c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
        }
      }
    };
  }

  @Test
  void threeFills_byHand_andTheEdgeLostFlag() {
    BarSeries x = bars();
    Map<String, Object> f = FillSensitivity.of(c -> BacktestEngine.run(x, limitThenClose(), c), BacktestConfig.of(10_000),
        252);
    assertThat(total(f, "same_close")).isCloseTo(0.70, within(1e-9));
    assertThat(total(f, "next_open")).isCloseTo(0.90, within(1e-9));
    assertThat(total(f, "pessimistic_intrabar")).isCloseTo(-0.50, within(1e-9));
    assertThat((double) f.get("return_spread_pct")).isCloseTo(1.40, within(1e-9));
    assertThat(f.get("edge_lost_under_pessimistic_fills")).isEqualTo(true);
    assertThat((double) f.get("sharpe_spread")).isPositive();
  }

  private static double total(Map<String, Object> f, String assumption) {
    return ((Number) ((Map<?, ?>) f.get(assumption)).get("total_return_pct")).doubleValue();
  }
}
