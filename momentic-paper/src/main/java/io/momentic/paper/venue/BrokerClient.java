package io.momentic.paper.venue;

import io.momentic.engine.order.Order;
import java.util.List;

/**
 * The port the paper runtime trades through (reference 002 §3.1): one account at one venue. The
 * paper venue ({@link PaperVenue}: the backtest's matching core and ledger on live bars) is its
 * first implementation; an exchange adapter is another. Every command names the order by the
 * runtime's client order id, so a command whose reply was lost is resolved by asking for that id
 * ({@link #query}), never by sending it again.
 *
 * <p>Commands return {@link CommandResult}: ACCEPTED, REJECTED (the venue refused, with its reason)
 * or UNKNOWN (timeout, lost reply, a 5xx). Fills arrive as {@link VenueTrade}s with the venue's trade
 * id, and everything else that happens to an order as {@link OrderUpdate}s, each with a sequence
 * number to ask from.
 */
public interface BrokerClient {

  /** Sends a new order. */
  CommandResult place(String clientOrderId, Order order);

  /** Cancels a working order. */
  CommandResult cancel(String clientOrderId);

  /** Moves a working order's stop and/or limit (NaN keeps one). */
  CommandResult modify(String clientOrderId, double stopPrice, double limitPrice);

  /**
   * Rebalances a symbol to {@code weight} of the account's equity at the next fill. A venue without
   * it sizes an order at the last price; the paper venue does it as the backtest does.
   */
  CommandResult rebalance(String clientOrderId, int symbol, double weight);

  /** Closes a position in a symbol that no longer trades at its last known price. */
  CommandResult closeDelisted(String clientOrderId, int symbol);

  /** What the venue knows of an order: its state, or {@link OrderStatus.State#NOT_FOUND}. */
  OrderStatus query(String clientOrderId);

  /** Fills with a trade id above {@code afterTradeId}, in trade-id order. */
  List<VenueTrade> tradesSince(long afterTradeId);

  /** Order updates (filled, rejected, cancelled, expired) with a sequence above {@code afterSeq}. */
  List<OrderUpdate> updatesSince(long afterSeq);

  /** Cash and positions as the venue holds them. */
  AccountSnapshot account();

  /** Orders still working. */
  List<OrderStatus> openOrders();
}
