package io.momentic.engine;

import io.momentic.core.Panel;
import java.util.function.Supplier;

/**
 * A {@link PrepareContext} that passes every call to the engine's: the base of wrappers that watch
 * or change what a strategy sees before its run (the feature watchers, a membership filter) and
 * override only the calls they care about.
 */
public class ForwardingPrepareContext implements PrepareContext {

  private final PrepareContext inner;

  public ForwardingPrepareContext(PrepareContext inner) {
    this.inner = inner;
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
  public Feature feature(String name, double[][] valuesBySymbol) {
    return inner.feature(name, valuesBySymbol);
  }

  @Override
  public <T> T shared(Object key, Supplier<T> compute) {
    return inner.shared(key, compute);
  }

  @Override
  public boolean sharing() {
    return inner.sharing();
  }
}
