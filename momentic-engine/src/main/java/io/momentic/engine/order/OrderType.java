package io.momentic.engine.order;

/**
 * Order types and how they fill inside a bar with open O, high H, low L (DESIGN.md §4):
 * <ul>
 *   <li>MARKET: at the open of the next bar by default (option: the close of the decision bar);</li>
 *   <li>LIMIT: buy when L ≤ limit at min(O, limit); sell when H ≥ limit at max(O, limit);</li>
 *   <li>STOP: buy when H ≥ stop at max(O, stop); sell when L ≤ stop at min(O, stop) — a gap fills at the open;</li>
 *   <li>STOP_LIMIT: triggers like a stop, then rests as a limit at its limit price;</li>
 *   <li>TRAILING_STOP: a stop whose level follows the close by a {@link Trail} distance, only ever
 *       toward the market (up for a sell stop, down for a buy stop); it fills like a STOP.</li>
 * </ul>
 */
public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  STOP_LIMIT,
  TRAILING_STOP;

  /** Whether the order triggers at a stop level (stop, trailing stop). */
  public boolean isStop() {
    return this == STOP || this == TRAILING_STOP;
  }
}
