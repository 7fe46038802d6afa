package io.momentic.engine;

import io.momentic.core.Checks;

/**
 * An order request. Prices are NaN where the type does not use them. A bracket (stop-loss and/or
 * take-profit price) attaches exit orders to an entry once it fills; they cancel each other.
 */
public record Order(int symbol, Side side, OrderType type, Sizing sizing, double limitPrice, double stopPrice,
    TimeInForce timeInForce, double stopLoss, double takeProfit, String tag) {

  public Order {
    Checks.notNegative(symbol, "symbol");
    Checks.notNull(side, "side");
    Checks.notNull(type, "type");
    Checks.notNull(sizing, "sizing");
    Checks.notNull(timeInForce, "timeInForce");
    if ((type == OrderType.LIMIT || type == OrderType.STOP_LIMIT) && !(limitPrice > 0)) {
      throw new IllegalArgumentException("Expected a limit price > 0 for a " + type + " order, but found " + limitPrice);
    }
    if ((type == OrderType.STOP || type == OrderType.STOP_LIMIT) && !(stopPrice > 0)) {
      throw new IllegalArgumentException("Expected a stop price > 0 for a " + type + " order, but found " + stopPrice);
    }
    if (sizing instanceof Sizing.AllCash && side == Side.SELL) {
      throw new IllegalArgumentException("Expected AllCash sizing on a BUY, but found a SELL; use EquityFraction to short");
    }
    tag = tag == null ? "" : tag;
  }

  public static Order market(int symbol, Side side, Sizing sizing) {
    return new Order(symbol, side, OrderType.MARKET, sizing, Double.NaN, Double.NaN, TimeInForce.GTC, Double.NaN,
        Double.NaN, "");
  }

  public static Order limit(int symbol, Side side, Sizing sizing, double limitPrice) {
    return new Order(symbol, side, OrderType.LIMIT, sizing, limitPrice, Double.NaN, TimeInForce.GTC, Double.NaN,
        Double.NaN, "");
  }

  public static Order stop(int symbol, Side side, Sizing sizing, double stopPrice) {
    return new Order(symbol, side, OrderType.STOP, sizing, Double.NaN, stopPrice, TimeInForce.GTC, Double.NaN,
        Double.NaN, "");
  }

  public static Order stopLimit(int symbol, Side side, Sizing sizing, double stopPrice, double limitPrice) {
    return new Order(symbol, side, OrderType.STOP_LIMIT, sizing, limitPrice, stopPrice, TimeInForce.GTC, Double.NaN,
        Double.NaN, "");
  }

  /** This order with a stop-loss and/or take-profit (NaN for none) attached. */
  public Order withBracket(double stopLossPrice, double takeProfitPrice) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, timeInForce, stopLossPrice, takeProfitPrice,
        tag);
  }

  public Order withTimeInForce(TimeInForce tif) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, tif, stopLoss, takeProfit, tag);
  }

  public Order withTag(String newTag) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, timeInForce, stopLoss, takeProfit, newTag);
  }

  public boolean hasBracket() {
    return !Double.isNaN(stopLoss) || !Double.isNaN(takeProfit);
  }
}
