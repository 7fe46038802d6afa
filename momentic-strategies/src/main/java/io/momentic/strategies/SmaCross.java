package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.order.Order;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.Strategy;
import io.momentic.indicators.Crosses;
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
  private Feature cross;

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
    // The cross at t reads the averages at t − 1 and t only; precomputing it leaves one feature
    // read per bar instead of four. Alone, it is computed in one pass that stores neither average;
    // in a sweep each period's average is computed once and shared by every trial that has it
    // (the same values: Crosses.ofSmas equals Crosses.of over the two averages).
    double[] values;
    if (context.sharing()) {
      double[] closes = context.shared("close:0", () -> context.data().closes(0));
      values = Crosses.of(average(context, closes, fast), average(context, closes, slow));
    } else {
      values = Crosses.ofSmas(context.data().closes(0), fast, slow);
    }
    cross = context.feature("sma_cross", values);
  }

  private static double[] average(PrepareContext context, double[] closes, int period) {
    return context.shared(java.util.List.of("sma:close:0", period), () -> MovingAverages.sma(closes, period));
  }

  @Override
  public void onBar(BarContext c) {
    double signal = c.get(cross, 0);
    if (signal == Crosses.UP || signal == Crosses.DOWN) { // not on no cross, nor while unknown (NaN)
      trade(c, signal);
    }
  }

  /**
   * Kept out of {@link #onBar}: the per-bar check stays small enough for the JIT to inline into the
   * engine's loop, and this rare path is an ordinary call.
   */
  private void trade(BarContext c, double signal) {
    double position = c.position(0);
    if (signal == Crosses.UP) {
      if (position < 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.closePosition()));
      }
      if (position <= 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      }
    } else {
      if (position > 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
      }
      if (!longOnly && position >= 0) {
        c.submit(Order.market(0, Side.SELL, Sizing.equityFraction(1.0)));
      }
    }
  }
}
