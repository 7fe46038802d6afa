package io.momentic.engine;

import io.momentic.core.Checks;

/**
 * How many units an order is for, resolved at fill time against the fill price. Whole-unit
 * instruments round toward zero.
 */
public sealed interface Sizing {

  /** A fixed number of units (> 0). */
  record Units(double quantity) implements Sizing {
    public Units {
      Checks.positive(quantity, "quantity");
    }
  }

  /** Units worth this fraction of equity at the fill price. */
  record EquityFraction(double fraction) implements Sizing {
    public EquityFraction {
      Checks.positive(fraction, "fraction");
    }
  }

  /** As many units as the available cash buys at the fill price, net of fees (buys only). */
  record AllCash() implements Sizing {}

  /** The whole current position (to close it). */
  record ClosePosition() implements Sizing {}

  static Sizing units(double quantity) {
    return new Units(quantity);
  }

  static Sizing equityFraction(double fraction) {
    return new EquityFraction(fraction);
  }

  static Sizing allCash() {
    return new AllCash();
  }

  static Sizing closePosition() {
    return new ClosePosition();
  }
}
