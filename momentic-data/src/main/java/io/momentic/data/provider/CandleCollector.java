package io.momentic.data.provider;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Timestamps;
import io.momentic.data.BarRules;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The candles of one symbol as they arrive page by page from an exchange: each checked by
 * {@link BarRules} (a bad one fails the symbol with the page, the candle and the rule, never
 * reaches the store), kept by open time — so candles out of order within or across pages are
 * sorted, never dropped (a dropped candle would be a permanent gap: the next incremental fetch
 * starts after the newest stored bar), an exact repeat (overlapping pages) is kept once, and two
 * different candles for one open time are refused.
 */
final class CandleCollector {

  private final String venue;
  private final String symbol;
  private final Interval interval;
  private final long sinceMillis;
  private final long nowMillis;
  private final TreeMap<Long, double[]> candles = new TreeMap<>();

  CandleCollector(String venue, String symbol, Interval interval, long sinceMillis, long nowMillis) {
    this.venue = venue;
    this.symbol = symbol;
    this.interval = interval;
    this.sinceMillis = sinceMillis;
    this.nowMillis = nowMillis;
  }

  /**
   * Adds candle {@code index} of {@code page}; one before {@code since} or still forming (not
   * {@code closed}, or not over by now) is skipped — those are not errors.
   */
  void add(URI page, int index, long openMillis, double open, double high, double low, double close, double volume,
      boolean closed) {
    if (openMillis < sinceMillis || !closed || !DataProvider.closed(openMillis, interval, nowMillis)) {
      return;
    }
    Optional<BarRules.Violation> broken = BarRules.check(open, high, low, close, volume);
    if (broken.isPresent()) {
      throw new FetchException(venue + " " + symbol + ": candle " + index + " of " + page + " (opened "
          + Timestamps.format(openMillis) + "): " + broken.get().describe() + "; nothing of " + symbol
          + " was stored — the exchange sent a bad candle; fix: fetch again later, or report it to the exchange", null);
    }
    double[] values = {open, high, low, close, volume};
    double[] before = candles.putIfAbsent(openMillis, values);
    if (before != null && !Arrays.equals(before, values)) {
      throw new FetchException(venue + " " + symbol + ": two different candles opened at "
          + Timestamps.format(openMillis) + " (" + Arrays.toString(before) + " and " + Arrays.toString(values)
          + ", the second in candle " + index + " of " + page + "); nothing of " + symbol + " was stored; fix: fetch "
          + "again later", null);
    }
  }

  /** The newest open time collected so far, or {@code Long.MIN_VALUE}. */
  long newestOpen() {
    return candles.isEmpty() ? Long.MIN_VALUE : candles.lastKey();
  }

  BarSeries build(Instrument instrument) {
    BarSeries.Builder b = BarSeries.builder(instrument, interval);
    for (Map.Entry<Long, double[]> e : candles.entrySet()) {
      double[] v = e.getValue();
      b.add(e.getKey(), v[0], v[1], v[2], v[3], v[4]);
    }
    return b.build();
  }
}
