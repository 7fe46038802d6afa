package io.momentic.data.provider;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import java.util.List;
import java.util.Map;

/**
 * A provider that serves many symbols in fewer calls than one per symbol (Alpaca's multi-symbol
 * bars, Massive's grouped daily aggregates); ingestion asks it once for every symbol with the same
 * starting point.
 */
public interface BatchDataProvider extends DataProvider {

  /** The closed bars of each symbol, as {@link #fetch}; a symbol without any is absent from the map. */
  Map<String, BarSeries> fetchAll(List<String> symbols, Interval interval, long sinceMillis, long nowMillis);
}
