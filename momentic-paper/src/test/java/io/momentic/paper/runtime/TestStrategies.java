package io.momentic.paper.runtime;

import io.momentic.core.Panel;
import io.momentic.engine.BarContext;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.Feature;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.Trail;
import io.momentic.indicators.MovingAverages;
import io.momentic.indicators.Returns;
import io.momentic.indicators.TrueRange;
import java.util.List;

/** Strategies that exercise what the paper runtime must reproduce: brackets, trails, state, targets. */
final class TestStrategies {

  private TestStrategies() {}

  /** 10 bps + 1 per fill, 5 bps slippage, trading from bar 40 (earlier bars warm up). */
  static BacktestConfig costly(Panel panel) {
    return BacktestConfig.of(10_000).withFees(FeeModel.parse("1+0.001")).withSlippage(SlippageModel.bps(5))
        .withStartTime(panel.time(40));
  }

  /**
   * Long above its 20-bar SMA with a trailing bracket (2 × ATR(14) stop, +6 % target); a limit
   * entry 1 % under the close on every fifth bar when flat; closes below the SMA.
   */
  static final class BracketTrader implements Strategy {
    private Feature sma;
    private Feature atr;

    @Override
    public void prepare(PrepareContext c) {
      Panel p = c.data();
      sma = c.feature("sma20", MovingAverages.sma(p.closes(0), 20));
      atr = c.feature("atr14", TrueRange.atr(p.highs(0), p.lows(0), p.closes(0), 14));
    }

    @Override
    public void onBar(BarContext c) {
      double close = c.close(0);
      double avg = c.get(sma, 0);
      if (Double.isNaN(avg) || Double.isNaN(c.get(atr, 0))) {
        return;
      }
      double q = c.position(0);
      if (q == 0 && close > avg) {
        c.cancelAll(0);
        c.submit(Order.market(0, Side.BUY, Sizing.equityFraction(0.5))
            .withTrailingBracket(Trail.byFeature(atr, 2.0), close * 1.06));
      } else if (q == 0 && c.bar() % 5 == 0) {
        c.submit(Order.limit(0, Side.BUY, Sizing.equityFraction(0.3), close * 0.99)
            .withBracket(close * 0.95, close * 1.04));
      } else if (q > 0 && close < avg * 0.98) {
        c.cancelAll(0);
        c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
      }
    }
  }

  /**
   * Every 5th bar, all of the equity into the symbol with the best 10-bar return — sent only when
   * the choice changes (state kept between decisions, as QQQ long/short keeps its regime).
   */
  static final class Rotation implements Strategy {
    private Feature momentum;
    private int held = -1;

    @Override
    public void prepare(PrepareContext c) {
      Panel p = c.data();
      double[][] m = new double[p.symbolCount()][];
      for (int s = 0; s < m.length; s++) {
        m[s] = Returns.overPeriod(p.closes(s), 10);
      }
      momentum = c.feature("mom10", m);
    }

    @Override
    public void onBar(BarContext c) {
      if (c.bar() % 5 != 0) {
        return;
      }
      int best = -1;
      for (int s = 0; s < c.symbolCount(); s++) {
        double v = c.get(momentum, s);
        if (!Double.isNaN(v) && (best < 0 || v > c.get(momentum, best))) {
          best = s;
        }
      }
      if (best < 0 || best == held) {
        return;
      }
      for (int s = 0; s < c.symbolCount(); s++) {
        c.targetWeight(s, s == best ? 0.95 : 0);
      }
      held = best;
    }
  }

  static List<String> symbols(Panel p) {
    return p.symbols();
  }
}
