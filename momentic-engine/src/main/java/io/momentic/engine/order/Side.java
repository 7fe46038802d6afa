package io.momentic.engine.order;

/** Direction of an order or fill. */
public enum Side {
  BUY(1),
  SELL(-1);

  private final int sign;

  Side(int sign) {
    this.sign = sign;
  }

  /** +1 for buys, −1 for sells. */
  public int sign() {
    return sign;
  }

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }
}
