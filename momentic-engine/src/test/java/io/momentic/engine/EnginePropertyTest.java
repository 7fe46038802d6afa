package io.momentic.engine;

import io.momentic.engine.account.Fill;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.testing.TestBars;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class EnginePropertyTest {

  /** A causal random trader: its choice at t depends only on the seed, t and the close at t. */
  static Strategy randomTrader(long seed) {
    return Scripted.of(c -> {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + c.bar());
      double u = r.nextDouble();
      double close = c.close(0);
      if (u < 0.15) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(1 + r.nextInt(20))));
      } else if (u < 0.30) {
        c.submit(Order.market(0, Side.SELL, Sizing.units(1 + r.nextInt(20))));
      } else if (u < 0.38) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(5), close * 0.98).withBracket(close * 0.93, close * 1.05));
      } else if (u < 0.44) {
        c.submit(Order.stop(0, Side.SELL, Sizing.units(5), close * 0.97));
      } else if (u < 0.50) {
        c.targetWeight(0, r.nextDouble() * 1.6 - 0.6);
      }
    });
  }

  static BacktestConfig costly() {
    return BacktestConfig.of(100_000).withFees(FeeModel.fixedPlusRate(1, 0.0005)).withSlippage(SlippageModel.bps(5))
        .withLeverageCap(2);
  }

  @Property(tries = 40)
  void equityEqualsCashPlusPositionsAtTheClose_replayedFromFills(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
    BarSeries bars = TestBars.randomWalk(seed, 250);
    BacktestResult r = BacktestEngine.run(bars, randomTrader(seed), costly());
    // Independent replay: apply each fill's cash flow and quantity, bar by bar.
    double cash = 100_000;
    double quantity = 0;
    int k = 0;
    for (int t = 0; t < bars.size(); t++) {
      while (k < r.fills().size() && r.fills().get(k).bar() == t) {
        Fill f = r.fills().get(k++);
        cash -= f.side().sign() * f.quantity() * f.price() + f.fee();
        quantity += f.side().sign() * f.quantity();
      }
      assertThat(r.cash()[t]).isCloseTo(cash, within(1e-6));
      assertThat(r.equity()[t]).isCloseTo(cash + quantity * bars.close(t), within(1e-6));
    }
  }

  @Property(tries = 40)
  void feesAreNonNegative_andSlippageNeverImprovesAPrice(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
    BarSeries bars = TestBars.randomWalk(seed, 200);
    BacktestResult r = BacktestEngine.run(bars, randomTrader(seed), costly());
    for (Fill f : r.fills()) {
      assertThat(f.fee()).isGreaterThanOrEqualTo(0);
      assertThat(f.slippageCost()).isGreaterThanOrEqualTo(0);
      // Every fill lies inside its bar's range widened by the slippage against the trader.
      double lo = bars.low(f.bar()) * (1 - 5e-4) - 1e-9;
      double hi = bars.high(f.bar()) * (1 + 5e-4) + 1e-9;
      assertThat(f.price()).isBetween(lo, hi);
      if (f.side() == Side.BUY) {
        assertThat(f.price()).isGreaterThanOrEqualTo(bars.low(f.bar()) - 1e-9);
      } else {
        assertThat(f.price()).isLessThanOrEqualTo(bars.high(f.bar()) + 1e-9);
      }
    }
  }

  /**
   * The exposure count a sweep reads without the series equals counting the series, on two symbols
   * where the second has gaps (marked at its last close) and positions of both signs.
   */
  @Property(tries = 40)
  void exposedBarsCountsTheExposureSeries(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
    BarSeries first = TestBars.randomWalk(seed, 250);
    BarSeries full = TestBars.randomWalk(seed + 1, 250);
    SplittableRandom gaps = new SplittableRandom(seed);
    BarSeries.Builder b = BarSeries.builder(io.momentic.core.Instrument.equity("GAPPY"), full.interval());
    for (int t = 0; t < full.size(); t++) {
      if (t < 3 || gaps.nextInt(6) != 0) {
        b.add(full.time(t), full.open(t), full.high(t), full.low(t), full.close(t), full.volume(t));
      }
    }
    io.momentic.core.Panel panel = io.momentic.core.Panel.align(java.util.List.of(first, b.build()));
    Strategy trader = Scripted.of(c -> {
      SplittableRandom r = new SplittableRandom(seed * 7_919L + c.bar());
      double u = r.nextDouble();
      int symbol = r.nextInt(2);
      if (u < 0.2) {
        c.submit(Order.market(symbol, Side.BUY, Sizing.units(1 + r.nextInt(20))));
      } else if (u < 0.4) {
        c.submit(Order.market(symbol, Side.SELL, Sizing.units(1 + r.nextInt(20))));
      } else if (u < 0.5 && c.position(symbol) != 0) {
        c.submit(Order.market(symbol, c.position(symbol) > 0 ? Side.SELL : Side.BUY, Sizing.closePosition()));
      }
    });
    BacktestResult counted = BacktestEngine.run(panel, trader, costly());
    int expected = 0;
    for (double e : BacktestEngine.run(panel, trader, costly()).exposure()) {
      if (e > 0) {
        expected++;
      }
    }
    assertThat(expected).isPositive();
    assertThat(counted.exposedBars()).isEqualTo(expected);
  }

  @Property(tries = 20)
  void alwaysCash_endsAtTheInitialCash(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
    BacktestResult r = BacktestEngine.run(TestBars.randomWalk(seed, 100), Scripted.of(c -> { }), costly());
    for (double e : r.equity()) {
      assertThat(e).isEqualTo(100_000);
    }
    assertThat(r.fills()).isEmpty();
  }

  @Property(tries = 20)
  void sameInputs_identicalResults(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
    BarSeries bars = TestBars.randomWalk(seed, 200);
    BacktestResult a = BacktestEngine.run(bars, randomTrader(seed), costly());
    BacktestResult b = BacktestEngine.run(bars, randomTrader(seed), costly());
    assertThat(a.fills()).isEqualTo(b.fills());
    assertThat(a.trades()).isEqualTo(b.trades());
    assertThat(a.equity()).containsExactly(b.equity());
  }

  @Property(tries = 40)
  void noDecisionAtTChanges_whenLaterBarsAreRemoved(@ForAll @LongRange(min = 0, max = 100_000) long seed,
      @ForAll @IntRange(min = 2, max = 199) int cut) {
    BarSeries bars = TestBars.randomWalk(seed, 200);
    BacktestResult full = BacktestEngine.run(bars, randomTrader(seed), costly());
    BacktestResult truncated = BacktestEngine.run(bars.upTo(cut), randomTrader(seed), costly());
    assertThat(truncated.fills()).isEqualTo(full.fills().stream().filter(f -> f.bar() < cut).toList());
    for (int t = 0; t < cut; t++) {
      assertThat(truncated.equity()[t]).isEqualTo(full.equity()[t]);
    }
  }

  @Property(tries = 30)
  void savedAtAnyBarAndResumed_givesTheUninterruptedFills(@ForAll @LongRange(min = 0, max = 100_000) long seed,
      @ForAll @IntRange(min = 1, max = 149) int cut) {
    // The random trader works limits, stops, brackets and targets: whatever is working at the cut
    // (orders, bracket exits, pending target weights) is saved and carries on.
    io.momentic.core.Panel panel = io.momentic.core.Panel.align(java.util.List.of(TestBars.randomWalk(seed, 150)));
    BacktestResult full = BacktestEngine.run(panel, randomTrader(seed), costly());
    BacktestResult first = BacktestEngine.run(panel.upTo(cut), randomTrader(seed), costly());
    BacktestResult rest = BacktestEngine.resume(panel, randomTrader(seed), costly(), first.finalState());
    assertThat(rest.fills()).isEqualTo(full.fills());
    assertThat(rest.trades()).isEqualTo(full.trades());
    assertThat(rest.finalState()).isEqualTo(full.finalState());
  }
}
