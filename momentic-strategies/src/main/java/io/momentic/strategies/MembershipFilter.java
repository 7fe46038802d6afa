package io.momentic.strategies;

import io.momentic.core.Membership;
import io.momentic.engine.BarContext;
import io.momentic.engine.ForwardingBarContext;
import io.momentic.engine.ForwardingPrepareContext;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.order.OrderEvent;

/**
 * Point-in-time eligibility for any strategy: a symbol that is not a member at the bar's time is
 * shown to the strategy as having no bar — so a cross-sectional ranking skips it and takes the next
 * name, and a position in a name that left the universe is closed (at the next open while it still
 * trades, at its last close once it has stopped). Its
 * features still see the whole history (a name joining the index has its past for its lookback).
 */
public final class MembershipFilter implements Strategy {

  private final Strategy strategy;
  private final Membership membership;
  private final Eligible view = new Eligible();
  private String[] symbols;
  private long barMillis;

  public MembershipFilter(Strategy inner, Membership membership) {
    this.strategy = inner;
    this.membership = membership;
  }

  @Override
  public void prepare(PrepareContext context) {
    symbols = context.data().symbols().toArray(String[]::new);
    barMillis = context.data().interval().millis();
    // The strategy sees fewer bars than the data has, so nothing it derives from which symbols have
    // a bar may be shared with runs that see them all (a sweep's shared ranking): it computes those
    // at each bar through this filter's view. Values of the prices alone are still shared.
    strategy.prepare(new ForwardingPrepareContext(context) {
      @Override
      public boolean sharing() {
        return false;
      }
    });
  }

  @Override
  public void onBar(BarContext c) {
    view.wrap(c);
    strategy.onBar(view);
  }

  @Override
  public void onOrderEvent(BarContext c, OrderEvent event) {
    view.wrap(c);
    strategy.onOrderEvent(view, event);
  }

  private final class Eligible extends ForwardingBarContext {
    @Override
    public boolean hasBar(int s) {
      // Decided at the bar's close: a member then (a name delisted during a week is out that week).
      return inner.hasBar(s) && membership.memberAt(symbols[s], inner.time() + barMillis - 1);
    }

    /** A name that left the universe but still trades is sold like any position, at the next fill. */
    @Override
    public void closeDelisted(int s) {
      if (!inner.hasBar(s)) {
        inner.closeDelisted(s);
        return;
      }
      double held = inner.position(s);
      if (held != 0) {
        inner.cancelAll(s);
        inner.submit(io.momentic.engine.order.Order.market(s, held > 0 ? io.momentic.engine.order.Side.SELL
            : io.momentic.engine.order.Side.BUY, io.momentic.engine.order.Sizing.closePosition()));
      }
    }
  }
}
