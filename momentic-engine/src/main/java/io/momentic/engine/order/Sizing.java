package io.momentic.engine.order;

import io.momentic.core.Checks;

/**
 * How many units an order is for, resolved at fill time against the fill price. Whole-unit
 * instruments round toward zero. {@link ReduceBy} and {@link ReduceByFraction} are partial exits:
 * they only ever reduce the position (never open or flip one).
 */
public sealed interface Sizing {

  /** A fixed number of units (> 0). */
  record Units(double quantity) implements Sizing {
    public Units {
      Checks.positive(quantity, "quantity");
    }
  }

  /**
   * Units worth this fraction of equity at the fill price. When it increases exposure (long or
   * short) the notional plus the entry fee fits in the fraction: sized net of its fee.
   */
  record EquityFraction(double fraction) implements Sizing {
    public EquityFraction {
      Checks.positive(fraction, "fraction");
    }
  }

  /** As many units as the available cash buys at the fill price, net of fees (buys only). */
  record AllCash() implements Sizing {}

  /** The whole current position (to close it). */
  record ClosePosition() implements Sizing {}

  /** A partial exit of {@code quantity} units, at most the position. */
  record ReduceBy(double quantity) implements Sizing {
    public ReduceBy {
      Checks.positive(quantity, "quantity");
    }
  }

  /** A partial exit of this fraction (0 < f ≤ 1) of the position at the fill. */
  record ReduceByFraction(double fraction) implements Sizing {
    public ReduceByFraction {
      Checks.inRangeInclusive(fraction, Double.MIN_VALUE, 1, "fraction");
    }
  }

  /** Whether this sizing can only reduce a position. */
  default boolean reduceOnly() {
    return this instanceof ClosePosition || this instanceof ReduceBy || this instanceof ReduceByFraction;
  }

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

  static Sizing reduceBy(double quantity) {
    return new ReduceBy(quantity);
  }

  static Sizing reduceByFraction(double fraction) {
    return new ReduceByFraction(fraction);
  }
}
