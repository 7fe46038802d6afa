package io.momentic.engine.exec;

import io.momentic.core.Checks;
import io.momentic.engine.order.Side;

/**
 * A venue's order rules for one instrument (Binance's exchange-info filters, in general terms):
 * price tick, quantity step, minimum quantity and notional, a price band around the last price,
 * a cap on working orders and maker-only. One record read by every side that needs it — the paper
 * runtime's pre-trade checks, the paper venue and the exchange fakes — so a quantity the venue
 * would refuse is refused the same way everywhere, and a position below the minimums is dust.
 *
 * @param tickSize prices are multiples of it (0: any price)
 * @param lotStep quantities are multiples of it (0: any quantity)
 * @param minQuantity the smallest order quantity (0: none)
 * @param minNotional the smallest order value, quantity × price (0: none)
 * @param priceBand a limit or stop price must lie within this fraction of the last price (0: no band)
 * @param maxOpenOrders working orders per account and instrument (0: no cap)
 * @param makerOnly only orders that rest (POST_ONLY): market and marketable orders are refused
 */
public record VenueRules(double tickSize, double lotStep, double minQuantity, double minNotional, double priceBand,
    int maxOpenOrders, boolean makerOnly) implements java.io.Serializable {

  /** No rules: what a backtest assumes unless told otherwise. */
  public static final VenueRules NONE = new VenueRules(0, 0, 0, 0, 0, 0, false);

  public VenueRules {
    Checks.notNegative(tickSize, "tickSize");
    Checks.notNegative(lotStep, "lotStep");
    Checks.notNegative(minQuantity, "minQuantity");
    Checks.notNegative(minNotional, "minNotional");
    Checks.notNegative(priceBand, "priceBand");
    Checks.notNegative(maxOpenOrders, "maxOpenOrders");
  }

  /** {@code quantity} rounded down to the lot step (never up: the venue would refuse more than is held). */
  public double roundQuantity(double quantity) {
    if (lotStep <= 0) {
      return quantity;
    }
    // The epsilon keeps 0.3 / 0.1 = 2.9999999999999996 from losing a whole step.
    return onGrid(Math.floor(quantity / lotStep + 1e-9), lotStep);
  }

  /** {@code quantity} rounded up to the lot step (for a top-up that must reach a minimum). */
  public double roundQuantityUp(double quantity) {
    return lotStep <= 0 ? quantity : onGrid(Math.ceil(quantity / lotStep - 1e-9), lotStep);
  }

  /**
   * {@code steps × step}, computed as {@code steps / (1 / step)} when the step is a power-of-ten
   * fraction such as 0.001: 470 / 1000 is exactly the double 0.47, while 470 × 0.001 is not.
   */
  private static double onGrid(double steps, double step) {
    double per = 1 / step;
    double whole = Math.rint(per);
    return whole >= 1 && Math.abs(per - whole) < 1e-9 * whole ? steps / whole : steps * step;
  }

  /** {@code price} on the tick grid, rounded away from the market for a resting order (buy down, sell up). */
  public double roundPrice(double price, Side side) {
    if (tickSize <= 0) {
      return price;
    }
    double ticks = price / tickSize;
    return onGrid(side == Side.BUY ? Math.floor(ticks + 1e-9) : Math.ceil(ticks - 1e-9), tickSize);
  }

  /** A limit or stop price moved inside the band around {@code lastPrice} (unchanged without a band). */
  public double clampToBand(double price, double lastPrice) {
    if (priceBand <= 0 || !(lastPrice > 0) || Double.isNaN(price)) {
      return price;
    }
    return Math.max(lastPrice * (1 - priceBand), Math.min(lastPrice * (1 + priceBand), price));
  }

  /** Why the venue would refuse {@code quantity} at {@code price}, or null when it would take it. */
  public String violation(double quantity, double price) {
    if (lotStep > 0 && Math.abs(roundQuantity(quantity) - quantity) > 1e-9 * Math.max(1, quantity)) {
      return "quantity " + quantity + " is not a multiple of the lot step " + lotStep;
    }
    if (quantity < minQuantity) {
      return "quantity " + quantity + " is below the minimum " + minQuantity;
    }
    if (quantity * price < minNotional) {
      return "notional " + quantity * price + " is below the minimum " + minNotional;
    }
    return null;
  }

  /**
   * Whether a position of {@code quantity} at {@code price} is dust: a fragment the venue will not
   * let you sell as it is (below the lot step, the minimum quantity or the minimum notional).
   */
  public boolean isDust(double quantity, double price) {
    double q = Math.abs(quantity);
    return q > 0 && (lotStep > 0 && q < lotStep || q < minQuantity || (price > 0 && q * price < minNotional));
  }
}
