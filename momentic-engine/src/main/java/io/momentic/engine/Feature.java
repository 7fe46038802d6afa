package io.momentic.engine;

/**
 * A precomputed per-symbol array registered in {@link PrepareContext#feature}; a strategy reads
 * it per bar only through {@link BarContext#get(Feature, int)}, which cannot reach past t.
 */
public final class Feature {

  final String name;
  final double[][] values;

  Feature(String name, double[][] values) {
    this.name = name;
    this.values = values;
  }

  public String name() {
    return name;
  }
}
