package io.momentic.engine.exec;

import io.momentic.core.Instrument;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderType;
import io.momentic.engine.order.Side;

/**
 * What a fill, slippage or fee model sees of one fill: the order, its side, the instrument, the
 * bar's OHLCV, when in the bar the fill happens, and the quantity being priced. One instance is
 * reused for every fill of a run (models must not keep it), so new models need no new signature
 * and nothing is allocated per fill.
 */
public final class FillContext {

  /** When in the bar a fill happens. */
  public enum Stage {
    /** At the open: market orders and rebalances decided at the previous close (the default timing). */
    OPEN,
    /** Inside the bar's range: stops, limits, stop-limits, trailing stops, margin liquidations. */
    INTRABAR,
    /** At the close: same-close market orders and rebalances, and the end-of-run close. */
    CLOSE
  }

  /** Whether a fill added liquidity (a resting limit filled at its price) or took it. */
  public enum Liquidity {
    MAKER,
    TAKER
  }

  Order order;
  long orderId;
  int symbol;
  Instrument instrument;
  int bar;
  /** The bar's prices are read from the panel when a model asks (a market fill needs only the open). */
  io.momentic.core.Panel panel;
  /** NaN: the bar's open. */
  double startPrice = Double.NaN;
  double stopPrice;
  double limitPrice;
  boolean triggered;
  Stage stage;
  Liquidity liquidity = Liquidity.TAKER;
  double quantity;
  Side side;

  /** The order being filled; null for a rebalance or a liquidation. */
  public Order order() {
    return order;
  }

  /** The order's id; −1 for a rebalance or a liquidation. */
  public long orderId() {
    return orderId;
  }

  public OrderType type() {
    return order == null ? OrderType.MARKET : order.type();
  }

  public Side side() {
    return side;
  }

  public int symbol() {
    return symbol;
  }

  public Instrument instrument() {
    return instrument;
  }

  public int bar() {
    return bar;
  }

  public long timeMillis() {
    return panel.time(bar);
  }

  public double open() {
    return panel.open(symbol, bar);
  }

  public double high() {
    return panel.high(symbol, bar);
  }

  public double low() {
    return panel.low(symbol, bar);
  }

  public double close() {
    return panel.close(symbol, bar);
  }

  /** The bar's volume; NaN where the source does not report it. */
  public double volume() {
    return panel.volume(symbol, bar);
  }

  /**
   * The price the rest of the bar starts from for this order: the open, or — for an exit armed
   * inside this bar by its entry's fill — that fill's price.
   */
  public double startPrice() {
    return Double.isNaN(startPrice) ? open() : startPrice;
  }

  /** The order's stop level now (a trailing stop's current level; modified prices included). */
  public double stopPrice() {
    return stopPrice;
  }

  public double limitPrice() {
    return limitPrice;
  }

  /** Whether a stop-limit's stop has been hit (it now rests as a limit). */
  public boolean triggered() {
    return triggered;
  }

  /** Marks a stop-limit's stop as hit; the core keeps it on the order. */
  public void trigger() {
    triggered = true;
  }

  public Stage stage() {
    return stage;
  }

  public Liquidity liquidity() {
    return liquidity;
  }

  /** The quantity being priced or charged (> 0). */
  public double quantity() {
    return quantity;
  }

}
