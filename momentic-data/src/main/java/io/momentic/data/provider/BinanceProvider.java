package io.momentic.data.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Binance spot klines ({@code GET /api/v3/klines}), paged by start time 1000 bars at a time (the
 * endpoint's cap, reference 001). Each kline is {@code [openTime, "open", "high", "low", "close",
 * "volume", closeTime, "quoteVolume", trades, …]}; volume is the base-asset volume. A kline whose
 * close time is not yet past "now" is the in-progress candle and is dropped.
 */
public final class BinanceProvider implements DataProvider {

  public static final String NAME = "binance";
  public static final String DEFAULT_BASE_URL = "https://api.binance.com";
  static final int PAGE_LIMIT = 1000;

  private static final Set<Interval> SUPPORTED = Set.of(Interval.M1, Interval.M3, Interval.M5, Interval.M15,
      Interval.M30, Interval.H1, Interval.H2, Interval.H4, Interval.H6, Interval.H8, Interval.H12, Interval.D1,
      Interval.W1);

  private final URI baseUrl;
  private final HttpJson http;

  public BinanceProvider(URI baseUrl, HttpJson http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BarSeries fetch(String symbol, Interval interval, long sinceMillis, long nowMillis) {
    if (!SUPPORTED.contains(interval)) {
      throw new io.momentic.core.ConfigException("interval", "Binance has no " + interval.code() + " klines; expected one of 1m … 1w");
    }
    String sym = symbol.toUpperCase(Locale.ROOT);
    CandleCollector candles = new CandleCollector(NAME, sym, interval, sinceMillis, nowMillis);
    long start = Math.max(0, sinceMillis);
    while (start < nowMillis) {
      URI uri = baseUrl.resolve("/api/v3/klines?symbol=" + sym + "&interval=" + interval.code() + "&startTime=" + start
          + "&limit=" + PAGE_LIMIT);
      JsonNode page;
      try {
        page = http.get(uri);
      } catch (HttpJson.HttpStatusException e) {
        if (e.status() == 400 && e.body().contains("-1121")) {
          throw new SymbolNotFoundException("Binance does not list " + sym + " (" + e.body().strip() + ")");
        }
        throw e;
      }
      if (!page.isArray()) {
        throw new FetchException(uri + ": expected a JSON array of klines, found " + page.getNodeType(), null);
      }
      List<double[]> rows = parse(page, uri);
      long newestInPage = Long.MIN_VALUE;
      for (int i = 0; i < rows.size(); i++) {
        double[] k = rows.get(i);
        long open = (long) k[0];
        newestInPage = Math.max(newestInPage, open);
        // A kline whose close time is not past now is the in-progress candle.
        candles.add(uri, i, open, k[1], k[2], k[3], k[4], k[5], (long) k[6] < nowMillis);
      }
      if (rows.size() < PAGE_LIMIT) {
        break; // the last page
      }
      if (newestInPage < start) {
        // A full page, all of it before startTime: the server ignores startTime and would send this
        // page forever. Stopping here would store a partial history that looks complete.
        throw new FetchException(uri + ": a full page of " + rows.size() + " klines, all opened before startTime="
            + start + " (newest " + io.momentic.core.Timestamps.format(newestInPage) + "): the server ignores "
            + "startTime; nothing of " + sym + " was stored; fix: check --base-url points to a Binance-compatible API",
            null);
      }
      start = newestInPage + interval.millis();
    }
    return candles.build(Instrument.crypto(sym, NAME));
  }

  /** Parses a klines array into rows of [openTime, open, high, low, close, volume, closeTime]. */
  static List<double[]> parse(JsonNode page, URI source) {
    List<double[]> rows = new ArrayList<>(page.size());
    for (int i = 0; i < page.size(); i++) {
      JsonNode k = page.get(i);
      if (!k.isArray() || k.size() < 7) {
        throw new FetchException(source + ": kline " + i + ": expected an array of at least 7 fields, found " + k, null);
      }
      double[] row = new double[7];
      for (int f = 0; f < 7; f++) {
        JsonNode v = k.get(f);
        row[f] = v.isNumber() ? v.asDouble() : parseNumber(v.asText(), source, i, f);
      }
      rows.add(row);
    }
    return rows;
  }

  private static double parseNumber(String text, URI source, int row, int field) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new FetchException(source + ": kline " + row + " field " + field + ": expected a number, found '" + text
          + "'", e);
    }
  }
}
