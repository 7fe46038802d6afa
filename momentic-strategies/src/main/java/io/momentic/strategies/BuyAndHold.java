package io.momentic.strategies;

import io.momentic.engine.BarContext;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.Strategy;

/** Buys every symbol with an equal share of the cash at the first opportunity and holds. */
public final class BuyAndHold implements Strategy {

  private boolean done;

  @Override
  public void onBar(BarContext c) {
    if (done) {
      return;
    }
    int n = c.symbolCount();
    for (int s = 0; s < n; s++) {
      if (n == 1) {
        c.submit(Order.market(s, Side.BUY, Sizing.allCash()));
      } else {
        c.targetWeight(s, 1.0 / n);
      }
    }
    done = true;
  }
}
