package io.momentic.engine.exec;

import io.momentic.engine.order.Side;

/**
 * The standard fill rules (DESIGN.md §4), with O the price the bar starts from for the order
 * (its open), H and L the bar's range:
 * <ul>
 *   <li>market: the open (next-open timing) or the close (same-close timing);</li>
 *   <li>stop and trailing stop: a buy when H ≥ stop at max(O, stop); a sell when L ≤ stop at
 *       min(O, stop) — a gap through the stop fills at the open, never at the stop;</li>
 *   <li>limit: a buy when L ≤ limit at min(O, limit); a sell when H ≥ limit at max(O, limit);</li>
 *   <li>stop-limit: triggers like a stop; if the trigger price is within the limit it fills
 *       there, else it rests as a limit at its limit price.</li>
 * </ul>
 * The core evaluates stops before stop-limits before limits, so when a stop-loss and a
 * take-profit are both inside one bar the stop-loss wins. Exits armed by an entry are live on the
 * entry's bar only when the entry filled at the bar's open: the whole range comes after it.
 */
public class BarRangeFillModel implements FillModel {

  @Override
  public double fillPrice(FillContext c) {
    boolean buy = c.side() == Side.BUY;
    double o = c.startPrice();
    double h = c.high();
    double l = c.low();
    return switch (c.type()) {
      case MARKET -> c.stage() == FillContext.Stage.CLOSE ? c.close() : c.open();
      case STOP, TRAILING_STOP -> {
        double stop = c.stopPrice();
        if (buy && h >= stop) {
          yield Math.max(o, stop);
        } else if (!buy && l <= stop) {
          yield Math.min(o, stop);
        }
        yield Double.NaN;
      }
      case LIMIT -> {
        double limit = c.limitPrice();
        if (buy && l <= limit) {
          yield Math.min(o, limit);
        } else if (!buy && h >= limit) {
          yield Math.max(o, limit);
        }
        yield Double.NaN;
      }
      case STOP_LIMIT -> {
        double stop = c.stopPrice();
        double limit = c.limitPrice();
        boolean wasTriggered = c.triggered();
        if (!wasTriggered && !(buy ? h >= stop : l <= stop)) {
          yield Double.NaN;
        }
        double triggerPrice = wasTriggered ? o : (buy ? Math.max(o, stop) : Math.min(o, stop));
        c.trigger();
        if (buy ? triggerPrice <= limit : triggerPrice >= limit) {
          yield triggerPrice;
        } else if (buy ? l <= limit : h >= limit) {
          yield limit;
        }
        yield Double.NaN;
      }
    };
  }

  @Override
  public boolean exitLiveOnEntryBar(FillContext entry, double entryPrice, boolean stopLoss) {
    return entry.stage() != FillContext.Stage.CLOSE && entryPrice == entry.open();
  }
}
