package io.momentic.engine;

/** How long an unfilled order lives. */
public enum TimeInForce {
  /** Until filled or cancelled. */
  GTC,
  /** Only on the first bar it can fill on; cancelled after it. */
  DAY
}
