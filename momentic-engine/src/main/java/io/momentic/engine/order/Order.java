package io.momentic.engine.order;

import io.momentic.core.Checks;

/**
 * An order request. Prices are NaN where the type does not use them. A bracket (a stop-loss —
 * fixed or trailing — and/or a take-profit) attaches exit orders to an entry once it fills; the
 * exits are one-cancels-other and reduce-only (they never open a position).
 *
 * @param trail the distance of a {@link OrderType#TRAILING_STOP} (null otherwise); its
 *     {@code stopPrice}, when given, is the initial level, else the level is set from the close
 * @param expireTimeMillis for {@link TimeInForce#GTD}: the order lives on bars opening before it
 * @param stopLossTrail a trailing stop-loss for the bracket instead of the fixed {@code stopLoss}
 */
public record Order(int symbol, Side side, OrderType type, Sizing sizing, double limitPrice, double stopPrice,
    Trail trail, TimeInForce timeInForce, long expireTimeMillis, double stopLoss, Trail stopLossTrail,
    double takeProfit, String tag) {

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
    if ((type == OrderType.TRAILING_STOP) != (trail != null)) {
      throw new IllegalArgumentException("Expected a trail exactly on TRAILING_STOP orders, but found "
          + (trail == null ? "none" : "one") + " on a " + type + " order");
    }
    if (sizing instanceof Sizing.AllCash && side == Side.SELL) {
      throw new IllegalArgumentException("Expected AllCash sizing on a BUY, but found a SELL; use EquityFraction to short");
    }
    if (timeInForce == TimeInForce.GTD && expireTimeMillis == Long.MAX_VALUE) {
      throw new IllegalArgumentException("Expected an expiry time for a GTD order, but found none; use withExpiry");
    }
    if (stopLossTrail != null && !Double.isNaN(stopLoss)) {
      throw new IllegalArgumentException("Expected either a fixed or a trailing stop-loss, but found both");
    }
    if (hasBracketLegs(stopLoss, stopLossTrail, takeProfit) && sizing.reduceOnly()) {
      throw new IllegalArgumentException("Expected a bracket on an entry, but found it on a reduce-only " + sizing);
    }
    tag = tag == null ? "" : tag;
  }

  private static boolean hasBracketLegs(double stopLoss, Trail stopLossTrail, double takeProfit) {
    return !Double.isNaN(stopLoss) || stopLossTrail != null || !Double.isNaN(takeProfit);
  }

  private static Order of(int symbol, Side side, OrderType type, Sizing sizing, double limit, double stop, Trail trail) {
    return new Order(symbol, side, type, sizing, limit, stop, trail, TimeInForce.GTC, Long.MAX_VALUE, Double.NaN, null,
        Double.NaN, "");
  }

  public static Order market(int symbol, Side side, Sizing sizing) {
    return of(symbol, side, OrderType.MARKET, sizing, Double.NaN, Double.NaN, null);
  }

  public static Order limit(int symbol, Side side, Sizing sizing, double limitPrice) {
    return of(symbol, side, OrderType.LIMIT, sizing, limitPrice, Double.NaN, null);
  }

  public static Order stop(int symbol, Side side, Sizing sizing, double stopPrice) {
    return of(symbol, side, OrderType.STOP, sizing, Double.NaN, stopPrice, null);
  }

  public static Order stopLimit(int symbol, Side side, Sizing sizing, double stopPrice, double limitPrice) {
    return of(symbol, side, OrderType.STOP_LIMIT, sizing, limitPrice, stopPrice, null);
  }

  /** A trailing stop whose level starts from the close at submission. */
  public static Order trailingStop(int symbol, Side side, Sizing sizing, Trail trail) {
    return of(symbol, side, OrderType.TRAILING_STOP, sizing, Double.NaN, Double.NaN, Checks.notNull(trail, "trail"));
  }

  /** This order with a stop-loss and/or take-profit (NaN for none) attached. */
  public Order withBracket(double stopLossPrice, double takeProfitPrice) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, trail, timeInForce, expireTimeMillis,
        stopLossPrice, null, takeProfitPrice, tag);
  }

  /** This order with a trailing stop-loss (and a take-profit price, NaN for none) attached. */
  public Order withTrailingBracket(Trail stopLoss, double takeProfitPrice) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, trail, timeInForce, expireTimeMillis,
        Double.NaN, Checks.notNull(stopLoss, "stopLoss"), takeProfitPrice, tag);
  }

  public Order withTimeInForce(TimeInForce tif) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, trail, tif,
        tif == TimeInForce.GTD ? expireTimeMillis : Long.MAX_VALUE, stopLoss, stopLossTrail, takeProfit, tag);
  }

  /** Good till {@code timeMillis}: live on bars opening before it, then expired. */
  public Order withExpiry(long timeMillis) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, trail, TimeInForce.GTD, timeMillis, stopLoss,
        stopLossTrail, takeProfit, tag);
  }

  public Order withTag(String newTag) {
    return new Order(symbol, side, type, sizing, limitPrice, stopPrice, trail, timeInForce, expireTimeMillis, stopLoss,
        stopLossTrail, takeProfit, newTag);
  }

  /** This order with its stop and limit prices moved (NaN keeps a price as it is). */
  public Order withPrices(double newStopPrice, double newLimitPrice) {
    return new Order(symbol, side, type, sizing, Double.isNaN(newLimitPrice) ? limitPrice : newLimitPrice,
        Double.isNaN(newStopPrice) ? stopPrice : newStopPrice, trail, timeInForce, expireTimeMillis, stopLoss,
        stopLossTrail, takeProfit, tag);
  }

  public boolean hasBracket() {
    return hasBracketLegs(stopLoss, stopLossTrail, takeProfit);
  }
}
