package io.momentic.engine;

/**
 * Order types and how they fill inside a bar with open O, high H, low L (DESIGN.md §4):
 * <ul>
 *   <li>MARKET: at the fill model's price (next open by default);</li>
 *   <li>LIMIT: buy when L ≤ limit at min(O, limit); sell when H ≥ limit at max(O, limit);</li>
 *   <li>STOP: buy when H ≥ stop at max(O, stop); sell when L ≤ stop at min(O, stop) — a gap fills at the open;</li>
 *   <li>STOP_LIMIT: triggers like a stop, then rests as a limit at its limit price.</li>
 * </ul>
 */
public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  STOP_LIMIT
}
