package io.momentic.data.provider;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;

/**
 * Asks the primary provider and, only when it does not list the symbol, the fallback (Binance then
 * Gate.io, reference 001). The bars keep the venue of whoever served them.
 */
public record FallbackProvider(DataProvider primary, DataProvider fallback) implements DataProvider {

  @Override
  public String name() {
    return primary.name();
  }

  @Override
  public BarSeries fetch(String symbol, Interval interval, long sinceMillis, long nowMillis) {
    try {
      return primary.fetch(symbol, interval, sinceMillis, nowMillis);
    } catch (SymbolNotFoundException e) {
      return fallback.fetch(symbol, interval, sinceMillis, nowMillis);
    }
  }
}
