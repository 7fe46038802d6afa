package io.momentic.engine.exec;

import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;

/**
 * The port a strategy trades through, the same in a backtest and in paper trading: order entry
 * (submit, modify, cancel), rebalancing to target weights, the account (positions, cash) and the
 * order events. Implementations decide when and where orders fill; {@link SimulatedBroker} does it
 * on historical bars with the {@link MatchingCore}.
 *
 * <p>Contract: {@code submit} never fills synchronously — a fill happens at the next fill
 * opportunity (by default the next bar's open) and is reported as an {@link OrderEvent}. An
 * order that cannot be filled is rejected with an {@link OrderEvent.OrderRejected} naming the
 * reason, never dropped silently.
 */
public interface Broker {

  /** Queues an order; returns its id (unique within the portfolio, across sessions). */
  long submit(Order order);

  /**
   * Moves a working order's stop and/or limit price (NaN keeps one as it is) without a new order:
   * the id, the queue position and the bracket links stay. Returns whether the order was working.
   */
  boolean modify(long orderId, double newStopPrice, double newLimitPrice);

  /** Cancels a working order; returns whether it was still working. */
  boolean cancel(long orderId);

  /** Cancels every working order of symbol s. */
  void cancelAll(int symbol);

  /** Asks for symbol s to be rebalanced to {@code weight} of equity at the next fill (negative = short). */
  void targetWeight(int symbol, double weight);

  /** Signed quantity held of symbol s (negative = short). */
  double position(int symbol);

  /** Average entry price of the position in symbol s (0 when flat). */
  double averagePrice(int symbol);

  double cash();

  /** The next order event not yet taken, in the order they happened, or null when there is none. */
  OrderEvent pollEvent();
}
