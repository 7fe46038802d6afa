package io.momentic.engine;

import java.util.function.BiConsumer;

/**
 * A {@link PrepareContext} that passes everything to the engine's and tells a watcher of every
 * feature registered: how wrappers (the meta-label filter, the feature table, the look-ahead
 * recorder) see what a strategy decides on.
 */
public final class WatchedPrepareContext extends ForwardingPrepareContext {

  private final BiConsumer<String, double[][]> watcher;

  public WatchedPrepareContext(PrepareContext inner, BiConsumer<String, double[][]> watcher) {
    super(inner);
    this.watcher = watcher;
  }

  @Override
  public Feature feature(String name, double[][] valuesBySymbol) {
    watcher.accept(name, valuesBySymbol);
    return super.feature(name, valuesBySymbol);
  }
}
