package example;

import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.Trail;
import io.momentic.indicators.TrueRange;

/**
 * A Donchian channel breakout on the first symbol: buy with all cash when the close rises above
 * the highest high of the previous {@code entry} bars, with a stop that trails 3 × ATR(14) below
 * the best close; sell when the close falls below the lowest low of the previous {@code exit} bars.
 */
public final class ChannelBreakout implements Strategy {

  private final int entry;
  private final int exit;
  private Feature upper;
  private Feature lower;
  private Feature atr;

  public ChannelBreakout(int entry, int exit) {
    this.entry = entry;
    this.exit = exit;
  }

  @Override
  public void prepare(PrepareContext context) {
    double[] high = context.data().highs(0);
    double[] low = context.data().lows(0);
    double[] close = context.data().closes(0);
    // The channel at t spans the bars before t: it never includes the bar being decided on.
    upper = context.feature("channel_high_" + entry, extreme(high, entry, true));
    lower = context.feature("channel_low_" + exit, extreme(low, exit, false));
    atr = context.feature("atr_14", TrueRange.atr(high, low, close, 14));
  }

  /** Highest (or lowest) of {@code x[t - n .. t - 1]}; NaN until n earlier bars exist. */
  static double[] extreme(double[] x, int n, boolean highest) {
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      double e = Double.NaN;
      if (t >= n) {
        e = x[t - n];
        for (int i = t - n + 1; i < t; i++) {
          e = highest ? Math.max(e, x[i]) : Math.min(e, x[i]);
        }
      }
      out[t] = e;
    }
    return out;
  }

  @Override
  public void onBar(BarContext c) {
    double close = c.close(0);
    double position = c.position(0);
    if (position == 0 && close > c.get(upper, 0) && c.get(atr, 0) > 0) {
      c.submit(Order.market(0, Side.BUY, Sizing.allCash())
          .withTrailingBracket(Trail.byFeature(atr, 3.0), Double.NaN));
    } else if (position > 0 && close < c.get(lower, 0)) {
      c.cancelAll(0);
      c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
    }
  }
}
