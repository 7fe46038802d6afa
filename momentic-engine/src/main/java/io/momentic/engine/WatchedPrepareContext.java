package io.momentic.engine;

import io.momentic.core.Panel;
import java.util.function.BiConsumer;

/**
 * A {@link PrepareContext} that passes everything to the engine's and tells a watcher of every
 * feature registered: how wrappers (the meta-label filter, the feature table, the look-ahead
 * recorder) see what a strategy decides on.
 */
public final class WatchedPrepareContext implements PrepareContext {

  private final PrepareContext inner;
  private final BiConsumer<String, double[][]> watcher;

  public WatchedPrepareContext(PrepareContext inner, BiConsumer<String, double[][]> watcher) {
    this.inner = inner;
    this.watcher = watcher;
  }

  @Override
  public Panel data() {
    return inner.data();
  }

  @Override
  public BacktestConfig config() {
    return inner.config();
  }

  @Override
  public <T> T shared(Object key, java.util.function.Supplier<T> compute) {
    return inner.shared(key, compute);
  }

  @Override
  public boolean sharing() {
    return inner.sharing();
  }

  @Override
  public Feature feature(String name, double[][] valuesBySymbol) {
    watcher.accept(name, valuesBySymbol);
    return inner.feature(name, valuesBySymbol);
  }
}
