package io.momentic.engine.exec;

import io.momentic.engine.order.FeatureRef;

/**
 * How the execution core reads the features orders refer to (a trail of 0.5 × ATR): the engine
 * hands in its registered features. The core only ever asks for bars up to the last closed one.
 */
public interface FeatureValues {

  /** The feature's value for symbol s at bar {@code bar}. */
  double value(FeatureRef feature, int symbol, int bar);

  /** The registered feature of that name, or null (to bind a saved order's trail on resume). */
  FeatureRef find(String name);

  /** No features registered. */
  FeatureValues NONE = new FeatureValues() {
    @Override
    public double value(FeatureRef feature, int symbol, int bar) {
      throw new IllegalStateException("Expected feature '" + feature.name() + "' to be registered, but none are");
    }

    @Override
    public FeatureRef find(String name) {
      return null;
    }
  };
}
