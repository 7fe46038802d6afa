package io.momentic.engine;

import io.momentic.core.Checks;

/** Moves a fill price against the trader; never improves it. */
public interface SlippageModel extends java.io.Serializable {

  /** The price actually paid (buy) or received (sell) for a reference price. */
  double apply(Side side, double price);

  SlippageModel ZERO = new ZeroSlippageModel();

  record ZeroSlippageModel() implements SlippageModel {
    @Override
    public double apply(Side side, double price) {
      return price;
    }
  }

  /** Buys pay {@code price × (1 + bps/10⁴)}, sells receive {@code price × (1 − bps/10⁴)}. */
  record BpsSlippageModel(double slippageBps) implements SlippageModel {
    public BpsSlippageModel {
      Checks.notNegative(slippageBps, "slippageBps");
    }

    @Override
    public double apply(Side side, double price) {
      return price * (1 + side.sign() * slippageBps / 10_000);
    }
  }

  static SlippageModel bps(double slippageBps) {
    return slippageBps == 0 ? ZERO : new BpsSlippageModel(slippageBps);
  }
}
