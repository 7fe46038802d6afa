package io.momentic.engine;

import io.momentic.engine.order.FeatureRef;

/**
 * A precomputed per-symbol array registered in {@link PrepareContext#feature}; a strategy reads
 * it per bar only through {@link BarContext#get(Feature, int)}, which cannot reach past t. Orders
 * may refer to it (a trailing stop of 0.5 × ATR); the execution core reads it only up to the last
 * closed bar.
 */
public final class Feature implements FeatureRef {

  final String name;
  final double[][] values;

  Feature(String name, double[][] values) {
    this.name = name;
    this.values = values;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The feature by its name: an order that trails by it prints the same in every run (the look-ahead
   * audit compares decisions as text; an identity hash would differ between two runs of one strategy).
   */
  @Override
  public String toString() {
    return "Feature[" + name + "]";
  }
}
