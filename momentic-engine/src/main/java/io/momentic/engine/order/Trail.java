package io.momentic.engine.order;

import io.momentic.core.Checks;

/**
 * A trailing stop's distance from the close: a price amount, a fraction of the close, or a
 * multiple of a feature's value at the last closed bar (e.g. 0.5 × ATR). The stop level is
 * {@code close − distance} for a sell stop (protecting a long) and {@code close + distance} for a
 * buy stop, recomputed at each close and kept only when it moves toward the market.
 *
 * @param amount the price distance, the fraction (0.05 = 5 %), or the feature multiple
 * @param feature the feature of a {@link Kind#FEATURE_MULTIPLE} trail, else null
 */
public record Trail(Kind kind, double amount, FeatureRef feature) {

  /** How {@link #amount} is read. */
  public enum Kind {
    PRICE,
    PERCENT,
    FEATURE_MULTIPLE
  }

  public Trail {
    Checks.notNull(kind, "kind");
    Checks.positive(amount, "amount");
    if (kind == Kind.FEATURE_MULTIPLE) {
      Checks.notNull(feature, "feature");
    } else if (feature != null) {
      throw new IllegalArgumentException("Expected no feature for a " + kind + " trail, but found " + feature.name());
    }
    if (kind == Kind.PERCENT && !(amount < 1)) {
      throw new IllegalArgumentException("Expected a trail fraction < 1 (0.05 = 5 %), but found " + amount);
    }
  }

  /** A fixed price distance. */
  public static Trail byPrice(double distance) {
    return new Trail(Kind.PRICE, distance, null);
  }

  /** A fraction of the close, e.g. 0.05 for 5 %. */
  public static Trail byPercent(double fraction) {
    return new Trail(Kind.PERCENT, fraction, null);
  }

  /** {@code multiple} × the feature's value at the last closed bar (e.g. 0.5 × ATR). */
  public static Trail byFeature(FeatureRef feature, double multiple) {
    return new Trail(Kind.FEATURE_MULTIPLE, multiple, feature);
  }

  /** The distance at a close, given the feature's value there (ignored unless FEATURE_MULTIPLE); NaN while unknown. */
  public double distance(double close, double featureValue) {
    return switch (kind) {
      case PRICE -> amount;
      case PERCENT -> amount * close;
      case FEATURE_MULTIPLE -> amount * featureValue;
    };
  }
}
