package io.momentic.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values computed once and shared read-only by every run over the same data — a sweep's trials
 * that each need, say, the momentum score of one lookback, or the SMA of one period. A strategy
 * asks through {@link PrepareContext#shared}; the first run to ask computes the value, the others
 * (on any thread) wait for it and read the same array. Keys are the strategy's own (a value must
 * be a function of the run's data and the key alone), qualified by the data's extent.
 */
public final class SharedValues {

  private final ConcurrentHashMap<Object, Holder> values = new ConcurrentHashMap<>();

  /** The value for {@code key}, computed by {@code compute} the first time it is asked for. */
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Supplier<T> compute) {
    return (T) values.computeIfAbsent(key, k -> new Holder()).get(compute);
  }

  /** How many values are held. */
  public int size() {
    return values.size();
  }

  /** One value, computed under its own lock (never under the map's, so a computation may ask for others). */
  private static final class Holder {
    private Object value;

    synchronized Object get(Supplier<?> compute) {
      if (value == null) {
        value = compute.get();
      }
      return value;
    }
  }
}
