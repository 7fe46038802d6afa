package io.momentic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.exec.VenueRules;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The venue's order rules in a backtest: every number worked by hand in the comments. */
class VenueRulesTest {

  /** A crypto pair (fractional units) from rows of {open, high, low, close}, a day apart. */
  static BarSeries pair(double[]... ohlc) {
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("BTCUSDT", "binance"), Interval.D1);
    long t = TestBars.day("2024-01-01");
    for (int i = 0; i < ohlc.length; i++) {
      b.add(t + i * 86_400_000L, ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], 1000);
    }
    return b.build();
  }

  static final VenueRules BINANCE_LIKE = new VenueRules(0.5, 0.01, 0.01, 10, 0.05, 0, false);

  static BacktestConfig config(VenueRules rules) {
    BacktestConfig c = BacktestConfig.of(1_000);
    return c.withExecution(c.execution().withRules(rules));
  }

  @Test
  void quantities_roundDownToTheLotStep() {
    // All cash (1,000) at bar 1's open 33.3: 1000 / 33.3 = 30.0300300… units, down to the 0.01 step
    // = 30.03 (notional 999.999, above the 10 minimum). Without rules: the unrounded 30.0300300….
    BarSeries s = pair(new double[] {33, 34, 32, 33}, new double[] {33.3, 34, 33, 33.5}, new double[] {34, 35, 33, 34});
    Strategy buy = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      }
    });
    BacktestResult r = BacktestEngine.run(s, buy, config(BINANCE_LIKE));
    assertThat(r.fills()).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualTo(30.03));
    BacktestResult free = BacktestEngine.run(s, Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      }
    }), config(VenueRules.NONE));
    assertThat(free.fills().get(0).quantity()).isEqualTo(1000 / 33.3);
  }

  @Test
  void aCloseBelowTheMinimumNotional_isRefused_andLeavesDust() {
    // Buy 0.05 at 100 (notional 5 — below the 10 minimum: refused), then 0.2 (notional 20: filled).
    // Reduce by 0.15 at 100 → 0.05 left; closing those 0.05 (notional 5) is refused: dust remains.
    BarSeries s = pair(new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100},
        new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100});
    Scripted.Listening r = Scripted.listening(c -> {
      switch (c.bar()) {
        case 0 -> c.submit(Order.market(0, Side.BUY, Sizing.units(0.05)));
        case 1 -> c.submit(Order.market(0, Side.BUY, Sizing.units(0.2)));
        case 2 -> c.submit(Order.market(0, Side.SELL, Sizing.reduceBy(0.15)));
        case 3 -> c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
        default -> { }
      }
    });
    BacktestResult result = BacktestEngine.run(s, r, config(BINANCE_LIKE));
    assertThat(result.fills()).extracting(io.momentic.engine.account.Fill::quantity).containsExactly(0.2, 0.15);
    assertThat(r.events).filteredOn(e -> e instanceof OrderEvent.OrderRejected).extracting(
        e -> ((OrderEvent.OrderRejected) e).reason()).containsExactly(OrderEvent.RejectReason.BELOW_MINIMUM,
        OrderEvent.RejectReason.BELOW_MINIMUM);
    assertThat(result.finalState().positions()).singleElement().satisfies(h -> {
      assertThat(h.quantity()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
      assertThat(BINANCE_LIKE.isDust(h.quantity(), 100)).isTrue();
    });
  }

  @Test
  void limitPrices_areClampedIntoTheBand_andOntoTheTick() {
    // Last close 100, band 5 %: a buy limit at 80 becomes 95 (on the 0.5 tick already); a buy limit at
    // 97.3 stays in the band and rounds down to 97.0. Bar 1 trades down to 96: the 97 limit fills at
    // min(open 98, 97) = 97; the 95 limit does not fill (low 96).
    BarSeries s = pair(new double[] {100, 101, 99, 100}, new double[] {98, 99, 96, 97});
    Scripted.Listening r = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 80));
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 97.3));
      }
    });
    BacktestResult result = BacktestEngine.run(s, r, config(BINANCE_LIKE));
    assertThat(result.fills()).singleElement().satisfies(f -> assertThat(f.price()).isEqualTo(97.0));
    assertThat(result.finalState().workingOrders()).singleElement()
        .satisfies(o -> assertThat(o.limitPrice()).isEqualTo(95.0));
  }

  @Test
  void theWorkingOrderCap_andMakerOnly_refuseAtSubmission() {
    BarSeries s = pair(new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100});
    Scripted.Listening r = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 99)); // rests below the close: taken
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 98)); // a second working order: over the cap of 1
        c.submit(Order.market(0, Side.BUY, Sizing.units(1))); // takes liquidity: maker-only refuses it
      }
    });
    BacktestResult result = BacktestEngine.run(s, r, config(new VenueRules(0, 0, 0, 0, 0, 1, true)));
    assertThat(r.events).filteredOn(e -> e instanceof OrderEvent.OrderRejected).extracting(
        e -> ((OrderEvent.OrderRejected) e).reason()).containsExactly(OrderEvent.RejectReason.MAX_OPEN_ORDERS,
        OrderEvent.RejectReason.MAX_OPEN_ORDERS);
    assertThat(result.fills()).singleElement().satisfies(f -> assertThat(f.price()).isEqualTo(99));
  }

  @Test
  void dust_isBelowTheLotStepTheMinimumQuantityOrTheMinimumNotional() {
    assertThat(BINANCE_LIKE.isDust(0.005, 50_000)).isTrue(); // below the 0.01 lot step
    assertThat(BINANCE_LIKE.isDust(0.05, 100)).isTrue(); // notional 5 < 10
    assertThat(BINANCE_LIKE.isDust(0.2, 100)).isFalse(); // notional 20
    assertThat(BINANCE_LIKE.isDust(0, 100)).isFalse(); // flat is not dust
    assertThat(BINANCE_LIKE.roundQuantity(0.3)).isEqualTo(0.3); // 0.3 / 0.01 = 29.999999999999996
    assertThat(BINANCE_LIKE.roundPrice(100.74, Side.BUY)).isEqualTo(100.5);
    assertThat(BINANCE_LIKE.roundPrice(100.26, Side.SELL)).isEqualTo(100.5);
  }
}
