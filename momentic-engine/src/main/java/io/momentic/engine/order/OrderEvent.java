package io.momentic.engine.order;

/**
 * What happened to an order, delivered to the strategy before its next decision (in the order
 * they happened). Past-tense records; {@code bar} and {@code timeMillis} are the bar it happened on.
 */
public sealed interface OrderEvent {

  long orderId();

  int symbol();

  int bar();

  long timeMillis();

  /**
   * The order filled completely (its last part, if earlier parts filled). {@code stopLossOrderId}
   * and {@code takeProfitOrderId} are the exits its bracket armed (−1 for none), so a strategy can
   * move or cancel them later.
   */
  record OrderFilled(long orderId, int symbol, int bar, long timeMillis, Side side, double quantity, double price,
      double fee, String reason, long stopLossOrderId, long takeProfitOrderId) implements OrderEvent {}

  /** Part of the order filled; {@code remainingQuantity} units still work (e.g. above a participation cap). */
  record OrderPartiallyFilled(long orderId, int symbol, int bar, long timeMillis, Side side, double quantity,
      double price, double fee, double remainingQuantity) implements OrderEvent {}

  /**
   * The order could not be filled and is gone: why, what was expected, what was found, and a
   * fix, as a load failure reports bad input.
   */
  record OrderRejected(long orderId, int symbol, int bar, long timeMillis, RejectReason reason, String expected,
      String found, String fix) implements OrderEvent {

    /** One line: {@code order 12 rejected (LEVERAGE_CAP): expected …, found …; fix: …}. */
    public String message() {
      return "order " + orderId + " rejected (" + reason + "): expected " + expected + ", found " + found
          + (fix == null || fix.isEmpty() ? "" : "; fix: " + fix);
    }
  }

  /** The order was cancelled: by the strategy, by its one-cancels-other sibling, or because its position closed. */
  record OrderCancelled(long orderId, int symbol, int bar, long timeMillis, String reason) implements OrderEvent {}

  /** A DAY or GTD order reached the end of its life unfilled (or with its rest unfilled). */
  record OrderExpired(long orderId, int symbol, int bar, long timeMillis, TimeInForce timeInForce,
      double unfilledQuantity) implements OrderEvent {}

  /** Why an order was rejected. */
  enum RejectReason {
    /** The sizing resolved to no units (e.g. all cash with no cash left). */
    ZERO_QUANTITY,
    /** The leverage cap or the margin requirement leaves no room for more exposure. */
    LEVERAGE_CAP,
    /** A reduce-only order (partial exit, close, bracket exit) with no position to reduce. */
    NO_POSITION,
    /** The account cannot short (a cash account). */
    SHORTING_NOT_ALLOWED,
    /** Trading stopped: the account's equity reached zero. */
    TRADING_STOPPED,
    /** Below the venue's minimum quantity or notional once rounded to its lot step (a -1013 filter failure). */
    BELOW_MINIMUM,
    /** The venue's cap on working orders for the instrument is reached. */
    MAX_OPEN_ORDERS,
    /** A maker-only (POST_ONLY) venue refuses orders that would take liquidity. */
    MAKER_ONLY
  }
}
