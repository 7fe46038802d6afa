package io.momentic.engine;

import io.momentic.engine.order.OrderEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A strategy that passes everything to another and keeps every feature it registers (name, lower
 * case → values by symbol and bar): what the feature table and the trade chart show beside the
 * prices. The run is the wrapped strategy's, unchanged.
 */
public class FeatureWatch implements Strategy {

  private final Strategy inner;
  private final Map<String, double[][]> features = new LinkedHashMap<>();

  public FeatureWatch(Strategy inner) {
    this.inner = inner;
  }

  /** The features registered so far, in registration order. */
  public Map<String, double[][]> features() {
    return Collections.unmodifiableMap(features);
  }

  @Override
  public void prepare(PrepareContext c) {
    inner.prepare(new WatchedPrepareContext(c, (name, values) -> features.put(name.toLowerCase(Locale.ROOT), values)));
  }

  @Override
  public void onBar(BarContext c) {
    inner.onBar(c);
  }

  @Override
  public void onOrderEvent(BarContext c, OrderEvent event) {
    inner.onOrderEvent(c, event);
  }
}
