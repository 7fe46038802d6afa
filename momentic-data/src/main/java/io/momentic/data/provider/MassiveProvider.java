package io.momentic.data.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * US equities from Massive (the API formerly called Polygon.io), daily bars, split-adjusted as the
 * vendor provides them ({@code adjusted=true}; dividends are not adjusted):
 * <ul>
 *   <li>per ticker: {@code GET /v2/aggs/ticker/{T}/range/1/day/{from}/{to}?adjusted=true&sort=asc&limit=50000},
 *       paged by the response's {@code next_url};</li>
 *   <li>grouped daily: {@code GET /v2/aggs/grouped/locale/us/market/stocks/{date}?adjusted=true} — one
 *       call per trading day for the whole market, which {@link #fetchAll} uses when there are more
 *       symbols than days to fetch;</li>
 *   <li>reference tickers: {@code GET /v3/reference/tickers?market=stocks&active=true&limit=1000},
 *       paged by {@code next_url} (the universe).</li>
 * </ul>
 * Results are {@code {"T", "o", "h", "l", "c", "v", "t"}}, {@code t} the session's midnight in New
 * York (ms). The key ({@code MASSIVE_API_KEY}, or {@code POLYGON_API_KEY}) goes in an
 * {@code Authorization: Bearer} header. 401/403 are refused with the fix; 429 waits as asked.
 */
public final class MassiveProvider implements BatchDataProvider {

  public static final String NAME = "massive";
  public static final String DEFAULT_BASE_URL = "https://api.massive.com";
  public static final String KEY_PROPERTY = "momentic.massive.api-key";
  /** What every manifest of these bars says about corporate actions. */
  public static final String ADJUSTMENT = "split-adjusted by Massive (adjusted=true); dividends not adjusted";

  private final URI baseUrl;
  private final HttpJson http;
  private final Map<String, String> headers;

  public MassiveProvider(URI baseUrl, HttpJson http, String apiKey) {
    this.baseUrl = baseUrl;
    this.http = http;
    this.headers = Map.of("Authorization", "Bearer " + apiKey);
  }

  /** With the key from the environment (a missing one is a configuration error with the fix). */
  public static MassiveProvider fromEnvironment(URI baseUrl, HttpJson http) {
    return new MassiveProvider(baseUrl, http, ApiKeys.require("Massive", KEY_PROPERTY, "MASSIVE_API_KEY",
        "POLYGON_API_KEY"));
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
    daily(interval);
    String ticker = symbol.toUpperCase(Locale.ROOT);
    CandleCollector candles = new CandleCollector(NAME, ticker, interval, sinceMillis, nowMillis);
    URI next = baseUrl.resolve("/v2/aggs/ticker/" + enc(ticker) + "/range/1/day/"
        + UsSessions.date(Math.max(0, sinceMillis)) + "/" + UsSessions.date(nowMillis)
        + "?adjusted=true&sort=asc&limit=50000");
    boolean any = false;
    while (next != null) {
      JsonNode page = get(next, ticker);
      JsonNode results = page.path("results");
      for (int i = 0; i < results.size(); i++) {
        add(candles, next, i, results.get(i));
        any = true;
      }
      next = nextUrl(page);
    }
    if (!any && page404(ticker)) {
      throw new SymbolNotFoundException("Massive does not list " + ticker);
    }
    return candles.build(Instrument.of(ticker, NAME, AssetClass.EQUITY));
  }

  /**
   * The daily bars of many tickers: by grouped daily (one call per weekday from {@code since} to
   * now) when that is fewer calls than one per ticker, else ticker by ticker. Tickers the vendor has
   * no bar for are absent from the map.
   */
  @Override
  public Map<String, BarSeries> fetchAll(List<String> symbols, Interval interval, long sinceMillis, long nowMillis) {
    daily(interval);
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(Math.max(0, sinceMillis), 86_400_000L));
        d.toEpochDay() * 86_400_000L + 86_400_000L <= nowMillis; d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        days.add(d);
      }
    }
    Map<String, BarSeries> out = new LinkedHashMap<>();
    if (days.size() >= symbols.size()) {
      for (String s : symbols) {
        out.put(s.toUpperCase(Locale.ROOT), fetch(s, interval, sinceMillis, nowMillis));
      }
      return out;
    }
    Map<String, CandleCollector> bySymbol = new LinkedHashMap<>();
    for (String s : symbols) {
      String t = s.toUpperCase(Locale.ROOT);
      bySymbol.put(t, new CandleCollector(NAME, t, interval, sinceMillis, nowMillis));
    }
    for (LocalDate d : days) {
      URI uri = baseUrl.resolve("/v2/aggs/grouped/locale/us/market/stocks/" + d + "?adjusted=true");
      JsonNode results = get(uri, "the grouped daily bars of " + d).path("results");
      for (int i = 0; i < results.size(); i++) {
        CandleCollector c = bySymbol.get(results.get(i).path("T").asText());
        if (c != null) {
          add(c, uri, i, results.get(i));
        }
      }
    }
    bySymbol.forEach((t, c) -> {
      BarSeries b = c.build(Instrument.of(t, NAME, AssetClass.EQUITY));
      if (!b.isEmpty()) {
        out.put(t, b);
      }
    });
    return out;
  }

  /** Active US stock tickers from the reference endpoint, every page. */
  @Override
  public List<String> symbols() {
    List<String> out = new ArrayList<>();
    URI next = baseUrl.resolve("/v3/reference/tickers?market=stocks&active=true&limit=1000");
    while (next != null) {
      JsonNode page = get(next, "the reference tickers");
      for (JsonNode r : page.path("results")) {
        out.add(r.path("ticker").asText());
      }
      next = nextUrl(page);
    }
    return out;
  }

  private void add(CandleCollector candles, URI page, int i, JsonNode r) {
    for (String f : new String[] {"o", "h", "l", "c", "v", "t"}) {
      if (!r.path(f).isNumber()) {
        throw new FetchException(page.getPath() + ": result " + i + ": expected a number in '" + f + "', found "
            + r.path(f), null);
      }
    }
    candles.add(page, i, UsSessions.dailyOpenMillis(r.get("t").asLong()), r.get("o").asDouble(),
        r.get("h").asDouble(), r.get("l").asDouble(), r.get("c").asDouble(), r.get("v").asDouble(), true);
  }

  private JsonNode get(URI uri, String what) {
    try {
      JsonNode page = http.get(uri, headers);
      if (page.path("status").asText().equals("ERROR")) {
        throw new FetchException("Massive refused " + what + ": " + page.path("error").asText(), null);
      }
      return page;
    } catch (HttpJson.HttpStatusException e) {
      if (e.status() == 401 || e.status() == 403) {
        throw new FetchException("Massive answered HTTP " + e.status() + " for " + what + " ("
            + (e.status() == 401 ? "the API key is unknown" : "the plan does not include this data") + "); fix: "
            + (e.status() == 401 ? "check MASSIVE_API_KEY" : "use a plan with US stocks daily aggregates"), null);
      }
      throw e;
    }
  }

  /** A ticker with no bars at all: asked once of the reference endpoint whether it exists. */
  private boolean page404(String ticker) {
    JsonNode page = get(baseUrl.resolve("/v3/reference/tickers?ticker=" + enc(ticker) + "&market=stocks"),
        "the reference ticker " + ticker);
    return page.path("results").isEmpty();
  }

  /**
   * The response's {@code next_url}: its path and query on our base URL — the key is never sent to
   * a host other than the one configured, whatever a response says.
   */
  private URI nextUrl(JsonNode page) {
    String next = page.path("next_url").asText("");
    if (next.isEmpty() || next.equals("null")) {
      return null;
    }
    URI u = URI.create(next);
    return baseUrl.resolve(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
  }

  private static void daily(Interval interval) {
    if (interval != Interval.D1) {
      throw new io.momentic.core.ConfigException("interval", "Massive is wired for daily bars; expected 1d, found "
          + interval.code());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
