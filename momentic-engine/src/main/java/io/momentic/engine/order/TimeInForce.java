package io.momentic.engine.order;

/** How long an unfilled order lives. */
public enum TimeInForce {
  /** Until filled or cancelled. */
  GTC,
  /** Only on the first bar it can fill on; expired after it. */
  DAY,
  /** Good till date: live on every bar that opens before {@link Order#expireTimeMillis()}; expired at the first that does not. */
  GTD
}
