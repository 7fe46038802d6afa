package io.momentic.strategies.breakout;

import io.momentic.engine.order.Side;

/** A signal's direction: the colour of its candle. */
public enum Direction {
  LONG(1, Side.BUY),
  SHORT(-1, Side.SELL);

  private final int sign;
  private final Side entrySide;

  Direction(int sign, Side entrySide) {
    this.sign = sign;
    this.entrySide = entrySide;
  }

  /** +1 long, −1 short. */
  public int sign() {
    return sign;
  }

  public Side entrySide() {
    return entrySide;
  }

  /** A bar that closes above its open is a long candle, below a short one; a doji has none (null). */
  public static Direction ofCandle(double open, double close) {
    return close > open ? LONG : close < open ? SHORT : null;
  }
}
