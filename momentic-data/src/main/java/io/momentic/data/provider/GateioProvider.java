package io.momentic.data.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Gate.io spot candlesticks ({@code GET /api/v4/spot/candlesticks}), the fallback for pairs Binance
 * does not list (reference 001). Pairs are written {@code BTC_USDT}; each row is
 * {@code ["t" (seconds), "quote volume", "close", "high", "low", "open", "base volume", "closed"]}.
 * Pages cover at most 1000 candles by {@code from}/{@code to} (seconds, inclusive).
 */
public final class GateioProvider implements DataProvider {

  public static final String NAME = "gateio";
  public static final String DEFAULT_BASE_URL = "https://api.gateio.ws";
  static final int PAGE_LIMIT = 1000;

  private static final Map<Interval, String> CODES = Map.of(Interval.M1, "1m", Interval.M5, "5m", Interval.M15, "15m",
      Interval.M30, "30m", Interval.H1, "1h", Interval.H4, "4h", Interval.H8, "8h", Interval.D1, "1d",
      Interval.W1, "7d");

  private final URI baseUrl;
  private final HttpJson http;

  public GateioProvider(URI baseUrl, HttpJson http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@code BTCUSDT} → {@code BTC_USDT}; a pair already written with an underscore is kept. */
  static String pair(String symbol) {
    String s = symbol.toUpperCase(Locale.ROOT);
    if (s.contains("_")) {
      return s;
    }
    for (String quote : new String[] {"USDT", "USDC", "BTC", "ETH"}) {
      if (s.endsWith(quote) && s.length() > quote.length()) {
        return s.substring(0, s.length() - quote.length()) + "_" + quote;
      }
    }
    throw new IllegalArgumentException("Cannot split " + symbol + " into base and quote; expected e.g. BTCUSDT");
  }

  @Override
  public BarSeries fetch(String symbol, Interval interval, long sinceMillis, long nowMillis) {
    String code = CODES.get(interval);
    if (code == null) {
      throw new io.momentic.core.ConfigException("interval", "Gate.io has no " + interval.code() + " candles; expected one of " + CODES.values());
    }
    String pair = pair(symbol);
    String sym = symbol.toUpperCase(Locale.ROOT);
    CandleCollector candles = new CandleCollector(NAME, sym, interval, sinceMillis, nowMillis);
    long stepSeconds = interval.millis() / 1000;
    long from = Math.max(0, sinceMillis) / 1000;
    while (from * 1000 < nowMillis) {
      long to = Math.min(from + (PAGE_LIMIT - 1) * stepSeconds, nowMillis / 1000);
      URI uri = baseUrl.resolve("/api/v4/spot/candlesticks?currency_pair=" + pair + "&interval=" + code + "&from=" + from
          + "&to=" + to);
      JsonNode page;
      try {
        page = http.get(uri);
      } catch (HttpJson.HttpStatusException e) {
        if (e.status() == 400 && e.body().contains("INVALID_CURRENCY")) {
          throw new SymbolNotFoundException("Gate.io does not list " + pair + " (" + e.body().strip() + ")");
        }
        throw e;
      }
      if (!page.isArray()) {
        throw new FetchException(uri + ": expected a JSON array of candles, found " + page.getNodeType(), null);
      }
      for (int i = 0; i < page.size(); i++) {
        JsonNode c = page.get(i);
        if (!c.isArray() || c.size() < 7) {
          throw new FetchException(uri + ": candle " + i + ": expected at least 7 fields, found " + c, null);
        }
        long open = (long) num(c, 0, uri, i) * 1000;
        boolean closedFlag = c.size() < 8 || Boolean.parseBoolean(c.get(7).asText());
        // Gate.io rows: [t, quote volume, close, high, low, open, base volume, closed].
        candles.add(uri, i, open, num(c, 5, uri, i), num(c, 3, uri, i), num(c, 4, uri, i), num(c, 2, uri, i),
            num(c, 6, uri, i), closedFlag);
      }
      from = to + stepSeconds;
    }
    return candles.build(Instrument.crypto(sym, NAME));
  }

  private static double num(JsonNode row, int field, URI page, int index) {
    String text = row.get(field).asText();
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new FetchException(page + ": candle " + index + " field " + field + ": expected a number, found '"
          + text + "'", e);
    }
  }
}
