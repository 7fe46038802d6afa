package io.momentic.engine;

import static io.momentic.engine.Scripted.bar;
import static io.momentic.engine.Scripted.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import org.junit.jupiter.api.Test;

/** Small scenarios whose every number is worked out by hand in the comments. */
class FillScenarioTest {

  private static final BacktestConfig TEN_K = BacktestConfig.of(10_000);

  @Test
  void gapThroughAStop_fillsAtTheOpen() {
    // Bar 1 buys 10 at its open 100. A sell stop at 95 is placed at bar 1's close.
    // Bar 2 opens at 90, below the stop: the stop fills at min(90, 95) = 90. P&L = (90 − 100)·10 = −100.
    BarSeries s = bars(bar(100, 101, 99, 100), bar(100, 102, 98, 101), bar(90, 92, 88, 91), bar(91, 92, 90, 91));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
      } else if (c.bar() == 1) {
        c.submit(Order.stop(0, Side.SELL, Sizing.closePosition(), 95));
      }
    }), TEN_K);

    assertThat(r.fills()).hasSize(2);
    assertThat(r.fills().get(1).price()).isEqualTo(90);
    assertThat(r.fills().get(1).bar()).isEqualTo(2);
    assertThat(r.trades()).singleElement().satisfies(t -> {
      assertThat(t.pnl()).isEqualTo(-100);
      assertThat(t.returnPct()).isEqualTo(-10);
      assertThat(t.barsHeld()).isEqualTo(1);
    });
    assertThat(r.finalEquity()).isEqualTo(9_900);
  }

  @Test
  void stopLossAndTakeProfitInOneBar_stopLossWins() {
    // Entry at bar 1's open 100 with SL 95 and TP 110; bar 1 reaches both (H 112, L 94).
    // The stop-loss wins: exit at min(100, 95) = 95, P&L −5·10 = −50; the take-profit is cancelled.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 112, 94, 105), bar(105, 120, 104, 118));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)).withBracket(95, 110));
      }
    }), TEN_K);

    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 95.0);
    assertThat(r.fills().get(1).reason()).isEqualTo("stop-loss");
    assertThat(r.trades()).singleElement().satisfies(t -> assertThat(t.pnl()).isEqualTo(-50));
    assertThat(r.finalEquity()).isEqualTo(9_950); // bar 2 would have hit 110: the TP was cancelled
  }

  @Test
  void takeProfitAlone_fillsAtTheLimit() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 104, 99, 103), bar(103, 112, 102, 111));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)).withBracket(95, 110));
      }
    }), TEN_K);
    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 110.0);
    assertThat(r.trades().get(0).pnl()).isEqualTo(100);
  }

  @Test
  void feesOnEntryAndExit_fixedPlusRate() {
    // Fee = 1 + 0.1% of notional per side. Buy 10 @ 100: fee 1 + 1 = 2. Sell 10 @ 110: fee 1 + 1.1 = 2.1.
    // Trade P&L = 100 − 2 − 2.1 = 95.9; cash = 10,000 − 1,000 − 2 + 1,100 − 2.1 = 10,095.9.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 105), bar(110, 111, 109, 110));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
      } else if (c.bar() == 1) {
        c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
      }
    }), TEN_K.withFees(FeeModel.fixedPlusRate(1, 0.001)));

    assertThat(r.fills()).extracting(Fill::fee).containsExactly(2.0, 2.1);
    assertThat(r.trades().get(0).pnl()).isCloseTo(95.9, within(1e-9));
    assertThat(r.trades().get(0).fees()).isCloseTo(4.1, within(1e-12));
    assertThat(r.finalEquity()).isCloseTo(10_095.9, within(1e-9));
    assertThat(r.totalFees()).isCloseTo(4.1, within(1e-12));
  }

  @Test
  void shortRoundTrip() {
    // Short 10 at 100 (cash 11,000, position −10), cover at 90 (cash 10,100): P&L +100.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 95, 96), bar(90, 91, 89, 90));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.units(10)));
      } else if (c.bar() == 1) {
        c.submit(Order.market(0, Side.BUY, Sizing.closePosition()));
      }
    }), TEN_K);

    assertThat(r.fills()).extracting(Fill::action).containsExactly("short_open", "short_cover");
    assertThat(r.cash()[1]).isEqualTo(11_000);
    assertThat(r.equity()[1]).isEqualTo(11_000 - 960); // marked at the close 96
    assertThat(r.trades()).singleElement().satisfies(t -> {
      assertThat(t.direction()).isEqualTo(-1);
      assertThat(t.pnl()).isEqualTo(100);
      // Held from bar 1's open to bar 2's open. Worst: bar 1's high 101 → −1 %. Best: the exit at
      // 90 → +10 % (bar 2's low of 89 comes after the cover at its open, so it does not count).
      assertThat(t.maePct()).isCloseTo(-1, within(1e-12));
      assertThat(t.mfePct()).isCloseTo(10, within(1e-12));
    });
    assertThat(r.finalEquity()).isEqualTo(10_100);
  }

  @Test
  void targetWeightRebalance_withFees() {
    // 10 bps fees. Bar 1 open 100: target 50 % of 10,000 → 50 units, cost 5,000 + fee 5 → cash 4,995.
    // Bar 2 open 120: equity 4,995 + 50·120 = 10,995; 25 % → 22.9 → 22 units: sell 28 @ 120,
    // proceeds 3,360 − fee 3.36 → cash 8,351.64.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 110), bar(120, 121, 119, 120));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.targetWeight(0, 0.5);
      } else if (c.bar() == 1) {
        c.targetWeight(0, 0.25);
      }
    }), TEN_K.withFees(FeeModel.bps(10)));

    assertThat(r.fills()).extracting(Fill::quantity).containsExactly(50.0, 28.0);
    assertThat(r.cash()[1]).isCloseTo(4_995, within(1e-9));
    assertThat(r.cash()[2]).isCloseTo(8_351.64, within(1e-9));
    assertThat(r.equity()[2]).isCloseTo(8_351.64 + 22 * 120, within(1e-9));
  }

  @Test
  void targetWeight_belowMinimumTradeSize_isSkipped() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(100, 101, 99, 100));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> c.targetWeight(0, c.bar() == 0 ? 0.5 : 0.505)),
        TEN_K.withMinTradeValue(100));
    // 0.505 · 10,000 / 100 = 50.5 → 50 units: nothing to trade; the first rebalance buys 50.
    assertThat(r.fills()).hasSize(1);
  }

  @Test
  void closeAtEnd_closesAtTheLastClose_otherwiseTheTradeIsReportedOpen() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 106, 99, 103), bar(103, 106, 102, 105));
    Strategy buyOnce = Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
      }
    });
    BacktestResult open = BacktestEngine.run(s, buyOnce, TEN_K);
    assertThat(open.trades()).isEmpty();
    assertThat(open.openTrades()).singleElement().satisfies(t -> {
      assertThat(t.open()).isTrue();
      assertThat(t.pnl()).isEqualTo(50); // marked at the last close 105
    });
    assertThat(open.finalEquity()).isEqualTo(10_050);

    BacktestResult closed = BacktestEngine.run(s, buyOnce, TEN_K.withCloseAtEnd(true));
    assertThat(closed.openTrades()).isEmpty();
    assertThat(closed.trades()).singleElement().satisfies(t -> {
      assertThat(t.exitPrice()).isEqualTo(105);
      assertThat(t.pnl()).isEqualTo(50);
    });
    assertThat(closed.fills().get(1).reason()).isEqualTo("close-at-end");
  }

  @Test
  void allCashInWholeUnits_leavesTheRemainderAsCash() {
    // Cash 1,000, price 30, fee 1 fixed: (1,000 − 1)/30 = 33.3 → 33 units for 990 + 1 → 9 left.
    BarSeries s = bars(bar(30, 30, 30, 30), bar(30, 31, 29, 30));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      }
    }), BacktestConfig.of(1_000).withFees(FeeModel.fixedPlusRate(1, 0)));
    assertThat(r.fills().get(0).quantity()).isEqualTo(33);
    assertThat(r.cash()[1]).isEqualTo(9);
  }

  @Test
  void stopAndLimitPrices_gapsFillAtTheOpen() {
    // Bar 1 opens at 108: a buy stop at 105 fills at max(108, 105) = 108 and a buy limit at 95 does not fill.
    // Bar 2 opens at 93: the buy limit at 95 fills at min(93, 95) = 93.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(108, 110, 107, 109), bar(93, 96, 92, 95));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.stop(0, Side.BUY, Sizing.units(1), 105));
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 95));
      }
    }), TEN_K);
    assertThat(r.fills()).extracting(Fill::price).containsExactly(108.0, 93.0);
  }

  @Test
  void sellLimit_gapUpFillsAtTheOpen_sellStopInsideTheBarFillsAtTheStop() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(112, 113, 111, 112),
        bar(112, 112, 100, 101));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(2)));
      } else if (c.bar() == 1) {
        c.submit(Order.limit(0, Side.SELL, Sizing.units(1), 110));
        c.submit(Order.stop(0, Side.SELL, Sizing.units(1), 105));
      }
    }), TEN_K);
    // Bar 2 opens 112 ≥ 110: the sell limit fills at max(112, 110) = 112. Bar 3 trades down
    // through 105 from 112: the sell stop fills at min(112, 105) = 105.
    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 112.0, 105.0);
  }

  @Test
  void stopLimit_triggersThenRestsAsALimit() {
    // Buy stop 105 limit 106. Bar 1 opens 107 (above the limit) and dips to 104: triggered at 107 > 106,
    // then fills at the limit 106 when the bar trades back down to it.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(107, 108, 104, 105));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.stopLimit(0, Side.BUY, Sizing.units(1), 105, 106));
      }
    }), TEN_K);
    assertThat(r.fills()).extracting(Fill::price).containsExactly(106.0);
  }

  @Test
  void dayOrder_isCancelledAfterItsFirstBar_gtcWaits() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(100, 101, 94, 95));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 95).withTimeInForce(TimeInForce.DAY));
        c.submit(Order.limit(0, Side.BUY, Sizing.units(2), 95));
      }
    }), TEN_K);
    assertThat(r.fills()).extracting(Fill::quantity).containsExactly(2.0);
  }

  @Test
  void cancelAndReplace() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 97, 100));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        long id = c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 95));
        c.replace(id, Order.limit(0, Side.BUY, Sizing.units(3), 98));
      }
    }), TEN_K);
    assertThat(r.fills()).singleElement().satisfies(f -> {
      assertThat(f.quantity()).isEqualTo(3);
      assertThat(f.price()).isEqualTo(98);
    });
  }

  @Test
  void sameCloseFillModel_fillsOnTheDecisionBar() {
    BarSeries s = bars(bar(100, 100, 100, 101), bar(104, 105, 103, 104));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(1)));
      }
    }), TEN_K.withFillTiming(FillTiming.SAME_CLOSE));
    assertThat(r.fills().get(0).bar()).isZero();
    assertThat(r.fills().get(0).price()).isEqualTo(101);
  }

  @Test
  void slippage_movesPricesAgainstTheTrader() {
    // 50 bps: buy at 100 pays 100.5, sell at 110 receives 109.45; slippage cost 0.5 + 0.55 per unit.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(110, 111, 109, 110));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(1)));
      } else if (c.bar() == 1) {
        c.submit(Order.market(0, Side.SELL, Sizing.units(1)));
      }
    }), TEN_K.withSlippage(SlippageModel.bps(50)));
    assertThat(r.fills().get(0).price()).isCloseTo(100.5, within(1e-12));
    assertThat(r.fills().get(1).price()).isCloseTo(109.45, within(1e-12));
    assertThat(r.totalSlippage()).isCloseTo(1.05, within(1e-12));
  }

  @Test
  void leverageCap_clipsAnOversizedOrder() {
    // Cap 1×: ordering 150 units at 100 with 10,000 equity is clipped to 100 units.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(150)));
      }
    }), TEN_K);
    assertThat(r.fills().get(0).quantity()).isEqualTo(100);
  }

  @Test
  void barsBeforeTheStartTimeAreWarmUp_noDecisionNoLedger() {
    // Start at bar 2 (2024-01-03). The strategy sees bar 0's close through a lag but is first asked
    // at bar 2; its buy of 10 fills at bar 3's open 13. Equity: bar 2 → 10,000; bar 3 → 10,000 + 10·(13.5 − 13)
    // = 10,005; bar 4 → 10,000 + 10·(14.5 − 13) = 10,015.
    BarSeries s = bars(bar(10, 10, 10, 10), bar(11, 11, 11, 11), bar(12, 12, 12, 12), bar(13, 14, 13, 13.5),
        bar(14, 15, 14, 14.5));
    java.util.List<Integer> asked = new java.util.ArrayList<>();
    double[] seenLag2 = new double[1];
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      asked.add(c.bar());
      if (c.bar() == 2) {
        seenLag2[0] = c.close(0, 2);
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
      }
    }), TEN_K.withStartTime(io.momentic.core.testing.TestBars.day("2024-01-03")));

    assertThat(asked).containsExactly(2, 3, 4);
    assertThat(seenLag2[0]).isEqualTo(10);
    assertThat(r.times()).hasSize(3);
    assertThat(r.times()[0]).isEqualTo(io.momentic.core.testing.TestBars.day("2024-01-03"));
    assertThat(r.equity()).containsExactly(10_000, 10_005, 10_015);
    assertThat(r.trades()).isEmpty();
    assertThat(r.openTrades()).singleElement().satisfies(t -> assertThat(t.barsHeld()).isEqualTo(1));
  }

  @Test
  void theBarContextCannotReachTheFuture() {
    // Negative lags (bars after t) are refused for prices and for precomputed features alike.
    BarSeries s = bars(bar(10, 10, 10, 10), bar(11, 11, 11, 11), bar(12, 12, 12, 12));
    java.util.List<String> refused = new java.util.ArrayList<>();
    BacktestEngine.run(s, new Strategy() {
      Feature f;

      @Override
      public void prepare(PrepareContext c) {
        f = c.feature("closes", c.data().closes(0));
      }

      @Override
      public void onBar(BarContext c) {
        try {
          c.close(0, -1);
        } catch (IllegalArgumentException e) {
          refused.add("close@" + c.bar());
        }
        try {
          c.get(f, 0, -1);
        } catch (IllegalArgumentException e) {
          refused.add("feature@" + c.bar());
        }
      }
    }, TEN_K);
    assertThat(refused).containsExactly("close@0", "feature@0", "close@1", "feature@1", "close@2", "feature@2");
  }
}
