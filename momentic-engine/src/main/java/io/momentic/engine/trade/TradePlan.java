package io.momentic.engine.trade;

import io.momentic.core.Checks;
import io.momentic.engine.order.Side;

/**
 * One trade to simulate, decided at the close of a bar: how it enters, where its stop and target
 * are, how it is managed, how long it may live. Prices are absolute; "R" is the distance from the
 * entry fill to {@link #stopPrice}.
 *
 * @param side BUY for a long trade, SELL for a short one
 * @param entry a market order at the next open, or a limit order resting at {@code limitPrice}
 * @param plannedEntryPrice where the entry is expected (the limit price, or the decision bar's close for a
 *     market entry): R is taken from it when the entry fills on the wrong side of the stop (a gap)
 * @param limitPrice the limit entry's price (NaN for a market entry)
 * @param entryWindowBars how many bars a limit entry rests before it expires unfilled
 * @param stopPrice the initial stop-loss
 * @param takeProfitPrice the final target (all of a Simple or Trailing trade, the rest of a Partial one)
 * @param management what happens between entry and exit
 * @param oneRPrice entry + 1 R (approximately, from the planned entry): where a Partial trade
 *     takes {@link #PARTIAL_FRACTION} off and a Trailing trade moves its stop to break-even
 * @param trailAtrMultiple a Trailing trade's distance from the close, in ATRs (after break-even)
 * @param maxHoldBars the most bars a trade is held, counting its entry bar; then it is closed at the next open
 */
public record TradePlan(Side side, Entry entry, double plannedEntryPrice, double limitPrice, int entryWindowBars, double stopPrice,
    double takeProfitPrice, Management management, double oneRPrice, double trailAtrMultiple, int maxHoldBars) {

  /** How a trade enters. */
  public enum Entry {
    /** A market order filling at the next bar's open. */
    MARKET,
    /** A limit order resting at the plan's limit price for its entry window. */
    LIMIT
  }

  /** What happens between entry and exit (reference 001: the four management modes). */
  public enum Management {
    /** Full size to the target or the stop; nothing moves. */
    SIMPLE,
    /** Half off at 1 R, then the stop moves to break-even on the rest. */
    PARTIAL,
    /** Half off at 1 R, the original stop kept on the rest. */
    PARTIAL_NO_BE,
    /** Full size; once 1 R is reached the stop moves to break-even, then trails the close by a multiple of ATR. */
    TRAILING
  }

  /** The share a Partial trade takes off at 1 R. */
  public static final double PARTIAL_FRACTION = 0.5;

  public TradePlan {
    Checks.notNull(side, "side");
    Checks.notNull(entry, "entry");
    Checks.notNull(management, "management");
    Checks.positive(plannedEntryPrice, "plannedEntryPrice");
    if (dir(side) * (plannedEntryPrice - stopPrice) <= 0) {
      throw new IllegalArgumentException("Expected the planned entry " + plannedEntryPrice + " on the "
          + (side == Side.BUY ? "upper" : "lower") + " side of the stop " + stopPrice + " — an entry past its stop is "
          + "no trade (an invalid zone)");
    }
    if (entry == Entry.LIMIT) {
      Checks.positive(limitPrice, "limitPrice");
      Checks.positive(entryWindowBars, "entryWindowBars");
    }
    Checks.positive(stopPrice, "stopPrice");
    Checks.positive(takeProfitPrice, "takeProfitPrice");
    Checks.positive(maxHoldBars, "maxHoldBars");
    boolean longTrade = side == Side.BUY;
    if (longTrade ? !(takeProfitPrice > stopPrice) : !(takeProfitPrice < stopPrice)) {
      throw new IllegalArgumentException("Expected the target beyond the stop on the trade's side, but found stop "
          + stopPrice + " and target " + takeProfitPrice + " for a " + (longTrade ? "long" : "short"));
    }
    if (management != Management.SIMPLE) {
      Checks.positive(oneRPrice, "oneRPrice");
    }
    if (management == Management.TRAILING) {
      Checks.positive(trailAtrMultiple, "trailAtrMultiple");
    }
  }

  /** +1 for a long trade, −1 for a short one. */
  public int direction() {
    return dir(side);
  }

  private static int dir(Side side) {
    return side == Side.BUY ? 1 : -1;
  }

  /** The planned risk per unit, |planned entry − stop|. */
  public double plannedRisk() {
    return Math.abs(plannedEntryPrice - stopPrice);
  }
}
