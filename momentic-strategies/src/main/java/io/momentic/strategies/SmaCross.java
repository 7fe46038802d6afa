package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.Order;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Side;
import io.momentic.engine.Sizing;
import io.momentic.engine.Strategy;
import io.momentic.indicators.MovingAverages;

/**
 * Moving-average crossover on the close of the first symbol. A cross up is {@code fast < slow}
 * on the previous bar and {@code fast > slow} on this bar (strict); a cross down mirrors it. On a
 * cross up: close any short and buy with all available cash. On a cross down: close any long and,
 * unless long-only, sell short for the whole equity.
 */
public final class SmaCross implements Strategy {

  private final int fast;
  private final int slow;
  private final boolean longOnly;
  private Feature fastSma;
  private Feature slowSma;

  public SmaCross(int fast, int slow, boolean longOnly) {
    if (fast < 1 || slow < 1) {
      throw new ConfigException("fast/slow", "expected periods >= 1, found fast=" + fast + " slow=" + slow);
    }
    if (fast >= slow) {
      throw new ConfigException("fast", "expected fast < slow, found fast=" + fast + " slow=" + slow);
    }
    this.fast = fast;
    this.slow = slow;
    this.longOnly = longOnly;
  }

  @Override
  public void prepare(PrepareContext context) {
    double[] closes = context.data().closes(0);
    fastSma = context.feature("sma_fast", MovingAverages.sma(closes, fast));
    slowSma = context.feature("sma_slow", MovingAverages.sma(closes, slow));
  }

  @Override
  public void onBar(BarContext c) {
    double f0 = c.get(fastSma, 0, 1);
    double s0 = c.get(slowSma, 0, 1);
    double f1 = c.get(fastSma, 0);
    double s1 = c.get(slowSma, 0);
    if (Double.isNaN(f0) || Double.isNaN(s0) || Double.isNaN(f1) || Double.isNaN(s1)) {
      return;
    }
    double position = c.position(0);
    if (f0 < s0 && f1 > s1) {
      if (position < 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.closePosition()));
      }
      if (position <= 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      }
    } else if (f0 > s0 && f1 < s1) {
      if (position > 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
      }
      if (!longOnly && position >= 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.equityFraction(1.0)));
      }
    }
  }
}
