package io.momentic.engine.exec;

import io.momentic.core.Checks;
import io.momentic.engine.order.Side;

/**
 * Moves a fill price against the trader; never improves it. A model may also cap how much of a
 * bar can fill ({@link #maxQuantity}): the rest of the order stays working.
 */
public interface SlippageModel extends java.io.Serializable {

  /** The price actually paid (buy) or received (sell) for a reference price, for {@code c.quantity()} units. */
  double apply(FillContext c, double price);

  /** At most this many units fill in c's bar (the rest keeps working); unlimited by default. */
  default double maxQuantity(FillContext c) {
    return Double.POSITIVE_INFINITY;
  }

  /** Whether {@link #apply} reads the quantity (then a fraction-sized order is re-sized at its impact). */
  default boolean dependsOnQuantity() {
    return false;
  }

  /** Whether {@link #maxQuantity} can be finite. */
  default boolean caps() {
    return false;
  }

  /** Whether prices are never moved (a run without costs says so). */
  default boolean isZero() {
    return false;
  }

  SlippageModel ZERO = new ZeroSlippageModel();

  record ZeroSlippageModel() implements SlippageModel {
    @Override
    public double apply(FillContext c, double price) {
      return price;
    }

    @Override
    public boolean isZero() {
      return true;
    }
  }

  /** Buys pay {@code price × (1 + bps/10⁴)}, sells receive {@code price × (1 − bps/10⁴)}. */
  record BpsSlippageModel(double slippageBps) implements SlippageModel {
    public BpsSlippageModel {
      Checks.notNegative(slippageBps, "slippageBps");
    }

    @Override
    public double apply(FillContext c, double price) {
      return price * (1 + c.side().sign() * slippageBps / 10_000);
    }
  }

  static SlippageModel bps(double slippageBps) {
    return slippageBps == 0 ? ZERO : new BpsSlippageModel(slippageBps);
  }

  /** Zipline's volume-share model: see {@link VolumeShareSlippageModel}. */
  static SlippageModel volumeShare(double volumeLimit, double priceImpact) {
    return new VolumeShareSlippageModel(volumeLimit, priceImpact);
  }

  /** Moves a price against {@code side} by {@code fraction} (a helper for models). */
  static double against(Side side, double price, double fraction) {
    return price * (1 + side.sign() * fraction);
  }
}
