package io.momentic.data.provider;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import java.util.List;

/**
 * Where bars come from (reference 002 §3.1): an exchange API, a folder of CSV files, or the
 * synthetic market. A provider returns only <em>closed</em> bars: a bar whose close time is after
 * "now" is still forming and is never returned, so it can never be stored.
 */
public interface DataProvider {

  /** The registry name, also the venue the bars are stored under ({@code binance}, {@code csv}, …). */
  String name();

  /**
   * The closed bars of {@code symbol} with open time at or after {@code sinceMillis}, oldest first;
   * a bar is closed when its open time plus one interval is at or before {@code nowMillis}.
   *
   * @throws SymbolNotFoundException when this provider does not list the symbol
   * @throws FetchException when the source fails after the provider's bounded retries
   */
  BarSeries fetch(String symbol, Interval interval, long sinceMillis, long nowMillis);

  /** What its prices are adjusted for (corporate actions), as manifests and fetch reports state it. */
  default String adjustment() {
    return "as the source sends them (Momentic adjusts nothing)";
  }

  /** The symbols this provider can serve without a universe query (empty for exchanges). */
  default List<String> symbols() {
    return List.of();
  }

  /** The bars of {@code all} opened at or after {@code sinceMillis} and closed by {@code nowMillis}. */
  static BarSeries closedSince(BarSeries all, long sinceMillis, long nowMillis) {
    int from = 0;
    while (from < all.size() && all.time(from) < sinceMillis) {
      from++;
    }
    int to = from;
    while (to < all.size() && closed(all.time(to), all.interval(), nowMillis)) {
      to++;
    }
    return all.subSeries(from, to);
  }

  /** True when a bar opened at {@code openMillis} has closed by {@code nowMillis}. */
  static boolean closed(long openMillis, Interval interval, long nowMillis) {
    return openMillis + interval.millis() <= nowMillis;
  }
}
