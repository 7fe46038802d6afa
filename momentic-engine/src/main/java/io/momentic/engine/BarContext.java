package io.momentic.engine;

import io.momentic.engine.order.Order;

/**
 * The view a strategy has at the close of bar t: prices and features up to t (lags ≥ 0 only),
 * the portfolio, and order entry. One instance is reused for every bar, so reading it allocates
 * nothing.
 */
public interface BarContext {

  /** Index of the current bar t. */
  int bar();

  /** Open time of bar t, epoch ms UTC. */
  long time();

  int symbolCount();

  String symbol(int s);

  /** Whether symbol s has a bar at t (it may not be listed yet, or be delisted). */
  boolean hasBar(int s);

  double open(int s);

  double high(int s);

  double low(int s);

  double close(int s);

  double volume(int s);

  /** Close of symbol s {@code lag} bars ago (lag ≥ 0; NaN before the data starts). */
  double close(int s, int lag);

  /** A feature's value at t. */
  double get(Feature feature, int s);

  /** A feature's value {@code lag} bars ago (lag ≥ 0). */
  double get(Feature feature, int s, int lag);

  double cash();

  /** Signed quantity held of symbol s (negative = short). */
  double position(int s);

  /**
   * The symbols with a position now, ascending, written to {@code into} (sized for every symbol);
   * returns how many. A snapshot: orders placed after it do not change it. Cheaper than asking
   * {@link #position} of every symbol of a large universe.
   */
  default int heldSymbols(int[] into) {
    int count = 0;
    for (int s = 0; s < symbolCount(); s++) {
      if (position(s) != 0) {
        into[count++] = s;
      }
    }
    return count;
  }

  /** Cash + positions marked at the close of t. */
  double equity();

  /** Average entry price of the position in symbol s (0 when flat), e.g. to move a stop to break-even. */
  double averagePrice(int s);

  /** Queues an order; returns its id. */
  long submit(Order order);

  /** Cancels a working order; returns whether it was still working. */
  boolean cancel(long orderId);

  /**
   * Moves a working order's stop and/or limit price (NaN keeps one as it is) without a new order:
   * its id and bracket links stay (e.g. a stop-loss moved to break-even). Returns whether it was
   * still working.
   */
  boolean modify(long orderId, double newStopPrice, double newLimitPrice);

  /** Cancel-and-replace: cancels {@code orderId} and submits {@code replacement}. */
  long replace(long orderId, Order replacement);

  /** Cancels every working order of symbol s. */
  void cancelAll(int s);

  /** Asks for symbol s to be rebalanced to {@code weight} of equity at the fill (negative = short). */
  void targetWeight(int s, double weight);

  /**
   * Closes the position in symbol s, which has no bar at t, at its last known close — now, at
   * this decision. For a name that has stopped trading (delisted, merged): it has no next open to
   * sell at, and carrying it would freeze its value in the portfolio forever. Slippage and fees
   * apply as to any fill; the symbol's working orders and pending target are cancelled. Rejected
   * while the symbol still has a bar at t (trade it with an order or a target weight instead).
   */
  void closeDelisted(int s);
}
