package io.momentic.engine;

import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.exec.FeatureValues;
import io.momentic.engine.order.FeatureRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What every strategy context shares, the backtest's bar loop and the paper runtime's decision
 * alike: the panel read at bar t (lags ≥ 0 only), the features registered in prepare, and the
 * feature lookup orders use. Subclasses add the account and order entry.
 */
abstract class PanelView implements BarContext, PrepareContext, FeatureValues {

  final Panel panel;
  final int symbols;
  final List<Feature> features = new ArrayList<>();
  /** The bar being decided. */
  int t;
  /** Values shared with other runs over the same data (a sweep's), or null. */
  SharedValues shared;

  PanelView(Panel panel) {
    this.panel = panel;
    this.symbols = panel.symbolCount();
  }

  // PrepareContext -----------------------------------------------------------

  @Override
  public final Panel data() {
    return panel;
  }

  @Override
  public final boolean sharing() {
    return shared != null && panel.size() > 0;
  }

  @Override
  public final <T> T shared(Object key, java.util.function.Supplier<T> compute) {
    if (shared == null || panel.size() == 0) {
      return compute.get();
    }
    // Qualified by the data's extent: a longer or shorter view of the panel is other data.
    return shared.get(java.util.List.of(panel.size(), symbols, panel.time(0), panel.time(panel.size() - 1), key),
        compute);
  }

  @Override
  public final Feature feature(String name, double[][] valuesBySymbol) {
    if (valuesBySymbol.length != symbols) {
      throw new IllegalArgumentException("Expected feature '" + name + "' for " + symbols + " symbols, but found "
          + valuesBySymbol.length);
    }
    int n = panel.size();
    for (double[] v : valuesBySymbol) {
      if (v.length != n) {
        throw new IllegalArgumentException("Expected feature '" + name + "' of " + n + " bars, but found " + v.length);
      }
    }
    Feature f = new Feature(name, valuesBySymbol);
    features.add(f);
    return f;
  }

  // FeatureValues: what orders (trailing stops) may read, never past the last closed bar ----------

  @Override
  public final double value(FeatureRef feature, int symbol, int bar) {
    if (!(feature instanceof Feature f) || !features.contains(f)) {
      throw new IllegalArgumentException("Expected a feature registered in prepare, but found '" + feature.name()
          + "'");
    }
    return f.values[symbol][bar];
  }

  @Override
  public final FeatureRef find(String name) {
    for (Feature f : features) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    return null;
  }

  // BarContext: the data at t ------------------------------------------------

  @Override
  public final int bar() {
    return t;
  }

  @Override
  public final long time() {
    return panel.time(t);
  }

  @Override
  public final int symbolCount() {
    return symbols;
  }

  @Override
  public final String symbol(int s) {
    return panel.symbol(s);
  }

  @Override
  public final boolean hasBar(int s) {
    return panel.hasBar(s, t);
  }

  @Override
  public final double open(int s) {
    return panel.open(s, t);
  }

  @Override
  public final double high(int s) {
    return panel.high(s, t);
  }

  @Override
  public final double low(int s) {
    return panel.low(s, t);
  }

  @Override
  public final double close(int s) {
    return panel.close(s, t);
  }

  @Override
  public final double volume(int s) {
    return panel.volume(s, t);
  }

  @Override
  public final double close(int s, int lag) {
    Checks.notNegative(lag, "lag");
    return t - lag < 0 ? Double.NaN : panel.close(s, t - lag);
  }

  @Override
  public final double get(Feature feature, int s) {
    return feature.values[s][t];
  }

  @Override
  public final double get(Feature feature, int s, int lag) {
    Checks.notNegative(lag, "lag");
    return t - lag < 0 ? Double.NaN : feature.values[s][t - lag];
  }
}
