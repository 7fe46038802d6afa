package io.momentic.engine.exec;

import io.momentic.core.Checks;

/**
 * Price impact that grows with the order's share of the bar's volume, and a participation cap
 * (zipline's {@code VolumeShareSlippage}, the same defaults available as {@link #ZIPLINE}): at
 * most {@code volumeLimit × volume} units fill in one bar — the rest stays working for the next
 * bars — and the price moves against the trader by {@code priceImpact × share²}, where
 * {@code share} is the filled quantity over the bar's volume. A bar with zero volume fills
 * nothing; a source that does not report volume (NaN) is neither capped nor moved.
 */
public record VolumeShareSlippageModel(double volumeLimit, double priceImpact) implements SlippageModel {

  /** zipline's defaults: 2.5 % of the bar's volume, impact 0.1. */
  public static final VolumeShareSlippageModel ZIPLINE = new VolumeShareSlippageModel(0.025, 0.1);

  public VolumeShareSlippageModel {
    Checks.inRangeInclusive(volumeLimit, Double.MIN_VALUE, 1, "volumeLimit");
    Checks.notNegative(priceImpact, "priceImpact");
  }

  @Override
  public boolean dependsOnQuantity() {
    return true;
  }

  @Override
  public boolean caps() {
    return true;
  }

  @Override
  public double maxQuantity(FillContext c) {
    double v = c.volume();
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : volumeLimit * v;
  }

  @Override
  public double apply(FillContext c, double price) {
    double v = c.volume();
    if (Double.isNaN(v) || !(v > 0)) {
      return price;
    }
    double share = Math.min(c.quantity() / v, volumeLimit);
    return SlippageModel.against(c.side(), price, priceImpact * share * share);
  }
}
