package io.momentic.data.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * US equities from Alpaca Market Data v2: {@code GET /v2/stocks/bars?symbols=A,B&timeframe=1Day
 * &start=…&end=…&limit=10000&adjustment=split&feed=iex}, several symbols per call, paged by
 * {@code next_page_token} (results are sorted by symbol, then time, so one symbol may span pages).
 * The body is {@code {"bars": {"AAPL": [{"t": RFC-3339, "o", "h", "l", "c", "v"}, …]}, "next_page_token"}};
 * a daily bar is stamped at midnight New York time. Prices are split-adjusted ({@code adjustment=split}).
 * Keys from {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY} (or {@code ALPACA_API_KEY_ID} /
 * {@code ALPACA_API_SECRET_KEY}) go in Alpaca's two headers.
 */
public final class AlpacaProvider implements BatchDataProvider {

  public static final String NAME = "alpaca";
  public static final String DEFAULT_BASE_URL = "https://data.alpaca.markets";
  public static final String KEY_PROPERTY = "momentic.alpaca.key-id";
  public static final String SECRET_PROPERTY = "momentic.alpaca.secret-key";
  public static final String ADJUSTMENT = "split-adjusted by Alpaca (adjustment=split); dividends not adjusted";
  /** Symbols asked for in one call (the URL stays short; Alpaca pages the bars anyway). */
  static final int SYMBOLS_PER_CALL = 100;

  private final URI baseUrl;
  private final HttpJson http;
  private final Map<String, String> headers;
  private final String feed;

  public AlpacaProvider(URI baseUrl, HttpJson http, String keyId, String secretKey, String feed) {
    this.baseUrl = baseUrl;
    this.http = http;
    this.headers = Map.of("APCA-API-KEY-ID", keyId, "APCA-API-SECRET-KEY", secretKey);
    this.feed = feed;
  }

  /** With the keys from the environment; the free IEX feed unless {@code ALPACA_FEED} says sip. */
  public static AlpacaProvider fromEnvironment(URI baseUrl, HttpJson http) {
    String id = ApiKeys.require("Alpaca", KEY_PROPERTY, "APCA_API_KEY_ID", "ALPACA_API_KEY_ID");
    String secret = ApiKeys.require("Alpaca", SECRET_PROPERTY, "APCA_API_SECRET_KEY", "ALPACA_API_SECRET_KEY");
    String feed = ApiKeys.find("momentic.alpaca.feed", "ALPACA_FEED");
    return new AlpacaProvider(baseUrl, http, id, secret, feed == null ? "iex" : feed);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String adjustment() {
    return ADJUSTMENT;
  }

  @Override
  public BarSeries fetch(String symbol, Interval interval, long sinceMillis, long nowMillis) {
    String t = symbol.toUpperCase(Locale.ROOT);
    BarSeries b = fetchAll(List.of(t), interval, sinceMillis, nowMillis).get(t);
    if (b == null) {
      throw new SymbolNotFoundException("Alpaca has no daily bars for " + t + " since " + UsSessions.date(
          Math.max(0, sinceMillis)) + " (an unknown symbol, or one not on the " + feed + " feed)");
    }
    return b;
  }

  /** Many symbols, {@link #SYMBOLS_PER_CALL} per call, every page; symbols without bars are absent. */
  @Override
  public Map<String, BarSeries> fetchAll(List<String> symbols, Interval interval, long sinceMillis, long nowMillis) {
    if (interval != Interval.D1) {
      throw new io.momentic.core.ConfigException("interval", "Alpaca is wired for daily bars; expected 1d, found "
          + interval.code());
    }
    Map<String, CandleCollector> bySymbol = new LinkedHashMap<>();
    for (String s : symbols) {
      String t = s.toUpperCase(Locale.ROOT);
      bySymbol.put(t, new CandleCollector(NAME, t, interval, sinceMillis, nowMillis));
    }
    List<String> all = List.copyOf(bySymbol.keySet());
    for (int from = 0; from < all.size(); from += SYMBOLS_PER_CALL) {
      String joined = String.join(",", all.subList(from, Math.min(all.size(), from + SYMBOLS_PER_CALL)));
      String token = null;
      do {
        URI uri = baseUrl.resolve("/v2/stocks/bars?symbols=" + enc(joined) + "&timeframe=1Day&start="
            + UsSessions.date(Math.max(0, sinceMillis)) + "&end=" + UsSessions.date(nowMillis)
            + "&limit=10000&adjustment=split&feed=" + enc(feed) + (token == null ? "" : "&page_token=" + enc(token)));
        JsonNode page = get(uri);
        JsonNode bars = page.path("bars");
        for (Iterator<Map.Entry<String, JsonNode>> it = bars.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          CandleCollector c = bySymbol.get(e.getKey());
          if (c == null) {
            throw new FetchException(uri.getPath() + ": bars for " + e.getKey() + ", which was not asked for", null);
          }
          for (int i = 0; i < e.getValue().size(); i++) {
            add(c, uri, i, e.getValue().get(i));
          }
        }
        JsonNode next = page.path("next_page_token");
        token = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
      } while (token != null);
    }
    Map<String, BarSeries> out = new LinkedHashMap<>();
    bySymbol.forEach((t, c) -> {
      BarSeries b = c.build(Instrument.of(t, NAME, AssetClass.EQUITY));
      if (!b.isEmpty()) {
        out.put(t, b);
      }
    });
    return out;
  }

  private static void add(CandleCollector c, URI page, int i, JsonNode r) {
    for (String f : new String[] {"o", "h", "l", "c", "v"}) {
      if (!r.path(f).isNumber()) {
        throw new FetchException(page.getPath() + ": bar " + i + ": expected a number in '" + f + "', found "
            + r.path(f), null);
      }
    }
    long t;
    try {
      t = Instant.parse(r.path("t").asText()).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      throw new FetchException(page.getPath() + ": bar " + i + ": expected an RFC-3339 time in 't', found "
          + r.path("t"), e);
    }
    c.add(page, i, UsSessions.dailyOpenMillis(t), r.get("o").asDouble(), r.get("h").asDouble(), r.get("l").asDouble(),
        r.get("c").asDouble(), r.get("v").asDouble(), true);
  }

  private JsonNode get(URI uri) {
    try {
      return http.get(uri, headers);
    } catch (HttpJson.HttpStatusException e) {
      if (e.status() == 401 || e.status() == 403) {
        throw new FetchException("Alpaca answered HTTP " + e.status() + " ("
            + (e.status() == 401 ? "the key pair is not accepted" : "the subscription does not include the "
                + feed + " feed") + "); fix: " + (e.status() == 401 ? "check APCA_API_KEY_ID and APCA_API_SECRET_KEY"
                : "use ALPACA_FEED=iex, or a plan with SIP data"), null);
      }
      throw e;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
