package io.momentic.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.RunFailure;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run whose equity stops being a number stops with an error instead of reporting Infinity or NaN. */
class NonFiniteEquityTest {

  @Test
  void equityOverflowingStopsTheRun() {
    // All cash into a price of 1e-300 (1e304 units), marked at 1e300 the next day: 1e604 is no double.
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    long d0 = TestBars.day("2024-01-01");
    double[] prices = {1e-300, 1e-300, 1e300, 1e300};
    for (int i = 0; i < prices.length; i++) {
      b.add(d0 + i * 86_400_000L, prices[i], prices[i], prices[i], prices[i], 1);
    }
    Strategy allIn = new Strategy() {
      @Override
      public void onBar(BarContext c) {
        if (c.position(0) == 0) {
          c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
        }
      }
    };
    assertThatThrownBy(() -> BacktestEngine.run(Panel.align(List.of(b.build())), allIn, BacktestConfig.of(10_000)))
        .isInstanceOf(RunFailure.class).hasMessageContaining("equity became Infinity at 2024-01-03")
        .hasMessageContaining("fix:");
  }
}
