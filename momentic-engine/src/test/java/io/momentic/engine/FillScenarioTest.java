package io.momentic.engine;

import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Trade;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.TimeInForce;
import io.momentic.engine.order.Trail;
import io.momentic.engine.order.OrderEvent;
import io.momentic.engine.exec.FillModel;
import io.momentic.engine.exec.VolumeShareSlippageModel;
import io.momentic.engine.account.MarginModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
  void slippage_isAllocatedToTrades_likeTheEntryFees() {
    // 50 bps. Buy 2 at 100 (pays 100.5: slippage 2 × 0.5 = 1.00); sell 1 at 110 (receives 109.45:
    // 0.55). The closed trade carries half the entry's slippage and all the exit's: 0.50 + 0.55 = 1.05;
    // the unit still open carries the other 0.50.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(110, 111, 109, 110),
        bar(110, 111, 109, 110));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(2)));
      } else if (c.bar() == 1) {
        c.submit(Order.market(0, Side.SELL, Sizing.units(1)));
      }
    }), TEN_K.withSlippage(SlippageModel.bps(50)));
    assertThat(r.trades()).singleElement().satisfies(t -> assertThat(t.slippageCost()).isCloseTo(1.05, within(1e-12)));
    assertThat(r.openTrades()).singleElement()
        .satisfies(t -> assertThat(t.slippageCost()).isCloseTo(0.50, within(1e-12)));
    assertThat(r.totalSlippage()).isCloseTo(1.55, within(1e-12));
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

  //---------------------------------------------------------------------------
  // The execution core's newer rules, each worked by hand.



  @Test
  void trailingStopByPrice_followsTheCloseUpOnly_andFillsLikeAStop() {
    // Buy 10 at bar 1's open 100. At bar 1's close (104) a sell trailing stop 5 below: level 99.
    // Bar 2 (L 103) misses it; its close 109 lifts the level to 104. Bar 3's close would lower it
    // (102 − 5 = 97 < 104), so it stays. Bar 3 trades down from 108 to 102: fills at min(108, 104) = 104.
    // P&L = (104 − 100)·10 = 40.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 105, 99, 104), bar(105, 110, 103, 109),
        bar(108, 108, 102, 103), bar(103, 104, 102, 103));
    long[] id = new long[1];
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
      } else if (c.bar() == 1) {
        id[0] = c.submit(Order.trailingStop(0, Side.SELL, Sizing.closePosition(), Trail.byPrice(5)));
      }
    }), TEN_K);

    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 104.0);
    assertThat(r.fills().get(1).bar()).isEqualTo(3);
    assertThat(r.fills().get(1).orderId()).isEqualTo(id[0]);
    assertThat(r.trades()).singleElement().satisfies(t -> assertThat(t.pnl()).isEqualTo(40));
  }

  @Test
  void trailingStopByAFeatureMultiple_readsTheFeatureAtTheLastClose_andGapsFillAtTheOpen() {
    // Trail 0.5 × "atr". At bar 1's close 104 the feature is 2: level 104 − 1 = 103. Bar 2 (L 103.5)
    // misses; its close 106 with the feature at 4 gives 106 − 2 = 104 > 103: level 104. Bar 3
    // opens at 101, below the level: the gap fills at the open 101. P&L = (101 − 100)·10 = 10.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 105, 99, 104), bar(104, 107, 103.5, 106),
        bar(101, 102, 100, 101));
    BacktestResult r = BacktestEngine.run(s, new Strategy() {
      Feature atr;

      @Override
      public void prepare(PrepareContext c) {
        atr = c.feature("atr", new double[] {2, 2, 4, 4});
      }

      @Override
      public void onBar(BarContext c) {
        if (c.bar() == 0) {
          c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
        } else if (c.bar() == 1) {
          c.submit(Order.trailingStop(0, Side.SELL, Sizing.closePosition(), Trail.byFeature(atr, 0.5)));
        }
      }
    }, TEN_K);

    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 101.0);
    assertThat(r.trades().get(0).pnl()).isEqualTo(10);
  }

  @Test
  void trailingStopLoss_inABracket_startsFromTheEntryFill() {
    // Market entry at bar 1's open 100 with a trailing stop-loss 3 % below: armed at the open, so live
    // on bar 1 at 100 − 3 = 97; bar 1's low 98 misses it. Its close 103 lifts it to 103 − 3.09 =
    // 99.91. Bar 2 trades from 102 down to 99: fills at min(102, 99.91) = 99.91.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 104, 98, 103), bar(102, 102, 99, 100),
        bar(100, 101, 99, 100));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)).withTrailingBracket(Trail.byPercent(0.03), Double.NaN));
      }
    }), TEN_K);
    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 99.91);
    assertThat(r.fills().get(1).reason()).isEqualTo("stop-loss");
    assertThat(r.fills().get(1).bar()).isEqualTo(2);
  }

  @Test
  void partialExits_reduceByAFractionThenByMoreThanIsLeft_neverFlip() {
    // Buy 10 at 100 (bar 1). At bar 1: sell half → 5 at bar 2's open 110 (P&L 50). At bar 2: reduce by
    // 20 → clipped to the 5 left, at bar 3's open 120 (P&L 100). At bar 3: reduce by 1 with nothing
    // left → rejected (no position); it never opens a short.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(110, 111, 109, 110),
        bar(120, 121, 119, 120), bar(120, 121, 119, 120));
    Scripted.Listening st = Scripted.listening(c -> {
      switch (c.bar()) {
        case 0 -> c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
        case 1 -> c.submit(Order.market(0, Side.SELL, Sizing.reduceByFraction(0.5)));
        case 2 -> c.submit(Order.market(0, Side.SELL, Sizing.reduceBy(20)));
        case 3 -> c.submit(Order.market(0, Side.SELL, Sizing.reduceBy(1)));
        default -> { }
      }
    });
    BacktestResult r = BacktestEngine.run(s, st, TEN_K);

    assertThat(r.fills()).extracting(Fill::quantity).containsExactly(10.0, 5.0, 5.0);
    assertThat(r.trades()).extracting(Trade::pnl).containsExactly(50.0, 100.0);
    assertThat(r.finalState().positions()).isEmpty();
    assertThat(st.events.get(st.events.size() - 1)).isInstanceOfSatisfying(OrderEvent.OrderRejected.class,
        e -> {
          assertThat(e.reason()).isEqualTo(OrderEvent.RejectReason.NO_POSITION);
          assertThat(e.bar()).isEqualTo(4);
          assertThat(e.fix()).isNotBlank();
        });
  }

  @Test
  void modify_movesTheBracketStopToBreakEven_sameOrder() {
    // Entry 10 at bar 1's open 100 with a stop-loss at 95. Its fill event (before bar 1's decision)
    // names the stop-loss; the strategy moves it to the entry price 100. Bar 2 trades 103 → 99: the
    // moved stop fills at min(103, 100) = 100 (at 95 it would not have filled). P&L 0.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 104, 97, 103), bar(103, 105, 99, 100),
        bar(100, 101, 99, 100));
    long[] stopId = {-1};
    Scripted.Listening st = new Scripted.Listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)).withBracket(95, Double.NaN));
      }
    }, (c, e) -> {
      if (e instanceof OrderEvent.OrderFilled f && f.stopLossOrderId() >= 0) {
        stopId[0] = f.stopLossOrderId();
        assertThat(c.modify(f.stopLossOrderId(), c.averagePrice(0), Double.NaN)).isTrue();
      }
    });
    BacktestResult r = BacktestEngine.run(s, st, TEN_K);

    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 100.0);
    assertThat(r.fills().get(1).orderId()).isEqualTo(stopId[0]);
    assertThat(r.fills().get(1).bar()).isEqualTo(2);
    assertThat(r.trades().get(0).pnl()).isZero();
  }

  @Test
  void marginCall_insideTheBar_liquidatesWhereTheRequirementIsCrossed() {
    // Short 100 at bar 1's open 100: cash 20,000, equity 10,000. Equities keep 30 % of a short's
    // notional: equity 20,000 − 100p falls below 0.3 · 100p at p* = 20,000 / 130 = 153.846…
    // Bar 2 opens at 120 (equity 8,000 ≥ 3,600) and trades up to 160: liquidated at p*, equity
    // 20,000 − 15,384.62 = 4,615.38 (= 30 % of the notional), the exit booked as a margin call.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(120, 160, 118, 150),
        bar(150, 151, 149, 150));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.units(100)));
      }
    }), TEN_K);

    double pStar = 20_000.0 / 130;
    assertThat(r.fills()).hasSize(2);
    assertThat(r.fills().get(1).reason()).isEqualTo("margin-call");
    assertThat(r.fills().get(1).price()).isCloseTo(pStar, within(1e-9));
    assertThat(r.equity()[2]).isCloseTo(20_000 - 100 * pStar, within(1e-9));
    assertThat(r.equity()[3]).isCloseTo(20_000 - 100 * pStar, within(1e-9));
    assertThat(r.tradingStopped()).isNull();
  }

  @Test
  void aGapThroughBankruptcy_liquidatesAtTheOpen_andStopsTrading() {
    // The same short; bar 2 opens at 250: equity 20,000 − 25,000 = −5,000 below the requirement:
    // liquidated at the open 250 and, with equity at or below zero, trading stops: the order of
    // bar 2 is rejected and nothing trades again.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(250, 260, 240, 250),
        bar(250, 251, 249, 250));
    Scripted.Listening st = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.units(100)));
      } else if (c.bar() == 2) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(1)));
      }
    });
    BacktestResult r = BacktestEngine.run(s, st, TEN_K);

    assertThat(r.fills()).extracting(Fill::price).containsExactly(100.0, 250.0);
    assertThat(r.fills().get(1).reason()).isEqualTo("margin-call");
    assertThat(r.equity()[2]).isEqualTo(-5_000);
    assertThat(r.tradingStopped()).contains("at or below zero");
    assertThat(st.events).last().isInstanceOfSatisfying(OrderEvent.OrderRejected.class,
        e -> assertThat(e.reason()).isEqualTo(OrderEvent.RejectReason.TRADING_STOPPED));
  }

  @Test
  void aCashAccount_cannotSellShort() {
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(100, 101, 99, 100));
    Scripted.Listening st = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.equityFraction(1)));
      }
    });
    BacktestResult r = BacktestEngine.run(s, st, TEN_K.withMargin(MarginModel.cash()));
    assertThat(r.fills()).isEmpty();
    assertThat(st.events).singleElement().isInstanceOfSatisfying(OrderEvent.OrderRejected.class,
        e -> assertThat(e.reason()).isEqualTo(OrderEvent.RejectReason.SHORTING_NOT_ALLOWED));
  }

  @Test
  void equityFractionSizing_isNetOfTheEntryFee_onBothSides() {
    // Fee 0.2 % per side, equity 10,000, whole units at 100. Short for the whole equity:
    // q·100·1.002 ≤ 10,000 → q = floor(99.80) = 99 (not 100: 100 units plus the 20 fee would be more
    // than the equity). Long for half: q·100.2 ≤ 5,000 → 49 (not 50).
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 100, 100, 100), bar(100, 100, 100, 100));
    BacktestConfig fee = TEN_K.withFees(FeeModel.bps(20));
    BacktestResult shortRun = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.equityFraction(1.0)));
      }
    }), fee);
    BacktestResult longRun = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.equityFraction(0.5)));
      }
    }), fee);

    assertThat(shortRun.fills().get(0).quantity()).isEqualTo(99);
    // Gross 9,900 against equity after the fee 10,000 − 19.8 = 9,980.2: within 1×.
    assertThat(shortRun.exposure()[1]).isCloseTo(9_900 / 9_980.2, within(1e-12)).isLessThanOrEqualTo(1);
    assertThat(longRun.fills().get(0).quantity()).isEqualTo(49);
  }

  @Test
  void leverageCap_isCheckedAgainstTheEquityAfterTheFee() {
    // Cap 1×, fee 10 fixed: 100 units at 100 would be 10,000 of exposure on 9,990 of equity after the
    // fee; the largest that fits is x·100 + 10 ≤ 10,000 → x = 99.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(100)));
      }
    }), TEN_K.withFees(FeeModel.fixedPlusRate(10, 0)));
    assertThat(r.fills().get(0).quantity()).isEqualTo(99);
  }

  @Test
  void aFreshPositionsAveragePrice_isTheFillPriceExactly() {
    // (0 + 187.45 · 3) / 3 is 187.44999999999996 in doubles; the entry price must be 187.45.
    BarSeries s = bars(bar(187.45, 187.45, 187.45, 187.45), bar(187.45, 188, 187, 187.45), bar(187, 188, 187, 187));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(3)));
      }
    }), TEN_K);
    assertThat(r.openTrades().get(0).entryPrice()).isEqualTo(187.45);
    assertThat(r.finalState().positions().get(0).averagePrice()).isEqualTo(187.45);
  }

  @Test
  void volumeShareCap_fillsAShareOfEachBar_theRestWorksOn() {
    // Bars trade 1,000 units; the cap is 2.5 % = 25 a bar; impact 0.1 × share². A market buy of 60:
    // bar 1: 25 at 100 × (1 + 0.1 × 0.025²) = 100.00625; bar 2: 25 at 102 × 1.0000625 = 102.006375;
    // bar 3: the last 10 (share 0.01) at 104 × (1 + 0.1 × 0.0001) = 104.00104.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(102, 103, 101, 102),
        bar(104, 105, 103, 104), bar(104, 105, 103, 104));
    Scripted.Listening st = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(60)));
      }
    });
    BacktestResult r = BacktestEngine.run(s, st, TEN_K.withSlippage(VolumeShareSlippageModel.ZIPLINE));

    assertThat(r.fills()).extracting(Fill::quantity).containsExactly(25.0, 25.0, 10.0);
    assertThat(r.fills().get(0).price()).isCloseTo(100.00625, within(1e-9));
    assertThat(r.fills().get(1).price()).isCloseTo(102.006375, within(1e-9));
    assertThat(r.fills().get(2).price()).isCloseTo(104.00104, within(1e-9));
    assertThat(st.events).hasSize(3);
    assertThat(st.events.get(0)).isInstanceOfSatisfying(OrderEvent.OrderPartiallyFilled.class,
        e -> assertThat(e.remainingQuantity()).isEqualTo(35));
    assertThat(st.events.get(2)).isInstanceOf(OrderEvent.OrderFilled.class);
  }

  @Test
  void pessimisticIntrabar_theEntrysStopLossIsLiveOnItsBar_theTakeProfitIsNot() {
    // A buy limit at 98 with SL 96 and TP 104. Bar 1 (O 100, H 105, L 95) fills the entry at 98.
    // Standard model: the exits wait for bar 2 (the path after the entry is unknown), which touches
    // neither: the position is open at the end. Pessimistic: the low (95) comes after the entry, so
    // the stop-loss fills at min(98, 96) = 96 on bar 1 (loss 2 · 10 = 20); the high is not credited.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 105, 95, 101), bar(101, 102, 100, 101));
    Strategy st = Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(10), 98).withBracket(96, 104));
      }
    });
    BacktestResult standard = BacktestEngine.run(s, st, TEN_K);
    BacktestResult pessimistic = BacktestEngine.run(s, st, TEN_K.withFillModel(FillModel.PESSIMISTIC));

    assertThat(standard.fills()).extracting(Fill::price).containsExactly(98.0);
    assertThat(standard.openTrades()).hasSize(1);
    assertThat(pessimistic.fills()).extracting(Fill::price).containsExactly(98.0, 96.0);
    assertThat(pessimistic.fills().get(1).bar()).isEqualTo(1);
    assertThat(pessimistic.trades().get(0).pnl()).isEqualTo(-20);
  }

  @Test
  void goodTillDate_expiresAtItsTime_beforeThatBarCanFillIt() {
    // A buy limit at 95 good till bar 3's open time: bars 1 and 2 stay above it; bar 3 reaches 94 but
    // opens at the expiry, so the order has expired: no fill, one expiry event.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 99, 100), bar(100, 101, 98, 100),
        bar(96, 97, 94, 95));
    Scripted.Listening st = Scripted.listening(c -> {
      if (c.bar() == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(1), 95).withExpiry(s.time(3)));
      }
    });
    BacktestResult r = BacktestEngine.run(s, st, TEN_K);
    assertThat(r.fills()).isEmpty();
    assertThat(st.events).singleElement().isInstanceOfSatisfying(OrderEvent.OrderExpired.class,
        e -> assertThat(e.bar()).isEqualTo(3));
  }

  @Test
  void makerTakerFees_aRestingLimitPaysTheMakerRate_aMarketOrderTheTaker() {
    // Maker 0.02 %, taker 0.05 %. Buy limit 98 fills inside bar 1 at 98: maker fee 0.0002 · 980 = 0.196.
    // Market sell at bar 2's open 101: taker fee 0.0005 · 1,010 = 0.505.
    BarSeries s = bars(bar(100, 100, 100, 100), bar(100, 101, 97, 100), bar(101, 102, 100, 101));
    BacktestResult r = BacktestEngine.run(s, Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.units(10), 98));
      } else if (c.bar() == 1) {
        c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
      }
    }), TEN_K.withFees(FeeModel.makerTaker(0.0002, 0.0005)));
    assertThat(r.fills()).extracting(Fill::fee).containsExactly(0.196, 0.505);
  }
}
