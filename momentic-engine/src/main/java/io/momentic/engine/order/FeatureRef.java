package io.momentic.engine.order;

/**
 * A per-symbol, per-bar series an order may refer to (a trailing stop's distance as a multiple of
 * ATR, say). Only the engine reads its values, and only up to the last closed bar, so an order can
 * never see the future through it. Implemented by the engine's registered features.
 */
public interface FeatureRef {

  /** The name the strategy registered it under; saved portfolios refer to it by this name. */
  String name();
}
