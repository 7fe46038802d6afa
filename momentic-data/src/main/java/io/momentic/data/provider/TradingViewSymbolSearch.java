package io.momentic.data.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.momentic.data.ExchangeResolver;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reference {@code 000} §9's exchange resolution: TradingView's own symbol search
 * ({@code GET /symbol_search/v3/?text=AAPL&exchange=&lang=en&search_type=undefined&domain=production
 * &sort_by_country=US}), whose body is {@code {"symbols_remaining": n, "symbols": [{"symbol":
 * "<em>AAPL</em>", "exchange": "NASDAQ", "prefix"?: "AMEX", "source_id": "NASDAQ", "type": "stock",
 * "country": "US", "currency_code": "USD", "is_primary_listing": true, …}]}}.
 *
 * <p>The answer is the chart prefix of the US listing whose ticker is exactly the symbol asked for
 * (the {@code <em>} highlighting removed; {@code BRK-B} and {@code BRK.B} are the same ticker): the
 * primary listing first, then NASDAQ, NYSE, AMEX (NYSE Arca's funds chart as {@code AMEX:SPY}),
 * CBOE; over-the-counter quotes only when nothing else lists it. The prefix is the entry's
 * {@code prefix}, else its {@code source_id}, else its exchange. No exact US match is empty, and
 * any failure (refused, rate-limited past the retries, a body of another shape) is an exception —
 * {@link io.momentic.data.CachedExchangeResolver} stores neither. Requests are spaced by
 * {@code minSpacingMillis} so a backfill of thousands of names stays polite.
 */
public final class TradingViewSymbolSearch implements ExchangeResolver {

  public static final String DEFAULT_BASE_URL = "https://symbol-search.tradingview.com";
  /** Between two requests: reference 000's backfill resolved 2,164 names without being refused. */
  public static final long DEFAULT_SPACING_MILLIS = 250;
  /** US venues in the order a chart link prefers them; anything else ranks after, OTC last. */
  private static final List<String> PREFERRED = List.of("NASDAQ", "NYSE", "AMEX", "CBOE", "BATS");
  // The site answers scripted requests only when they look like its own page's.
  private static final Map<String, String> HEADERS = Map.of("Origin", "https://www.tradingview.com",
      "Referer", "https://www.tradingview.com/");

  private final URI baseUrl;
  private final HttpJson http;
  private final Sleeper sleeper;
  private final long minSpacingMillis;
  private long lastRequestNanos = Long.MIN_VALUE;

  public TradingViewSymbolSearch(URI baseUrl, HttpJson http, Sleeper sleeper, long minSpacingMillis) {
    this.baseUrl = baseUrl;
    this.http = http;
    this.sleeper = sleeper;
    this.minSpacingMillis = minSpacingMillis;
  }

  /**
   * Against {@code baseUrl} with lookups {@code spacingMillis} apart. A lookup that keeps failing gives
   * up within seconds (two retries): a link falls back to the bare symbol, and a backfill lists the
   * name and goes on rather than hanging on one.
   */
  public static TradingViewSymbolSearch standard(URI baseUrl, long spacingMillis) {
    RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(60),
        Duration.ofSeconds(10), RetryPolicy.RANDOM_PER_PROCESS);
    return new TradingViewSymbolSearch(baseUrl, new HttpJson(quick, Sleeper.SYSTEM), Sleeper.SYSTEM, spacingMillis);
  }

  @Override
  public Optional<String> resolve(String symbol) {
    String ticker = sameTicker(symbol); // asked as TradingView spells it: BRK.B, not BRK-B
    pace();
    URI uri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/symbol_search/v3/?text="
        + URLEncoder.encode(ticker, StandardCharsets.UTF_8)
        + "&hl=0&exchange=&lang=en&search_type=undefined&domain=production&sort_by_country=US");
    JsonNode body = http.get(uri, HEADERS);
    JsonNode symbols = body.isArray() ? body : body.path("symbols"); // v1 answered a bare array
    if (!symbols.isArray()) {
      throw new FetchException(uri + ": expected TradingView's {\"symbols\": [...]}, found " + abbreviate(body), null);
    }
    return best(symbols, ticker);
  }

  private void pace() {
    long now = System.nanoTime();
    if (lastRequestNanos != Long.MIN_VALUE) {
      long waitMillis = minSpacingMillis - (now - lastRequestNanos) / 1_000_000;
      if (waitMillis > 0) {
        try {
          sleeper.sleep(waitMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FetchException("interrupted while pacing TradingView requests", e);
        }
      }
    }
    lastRequestNanos = System.nanoTime();
  }

  /** The best US listing of exactly {@code ticker} among the search's entries, as a chart prefix. */
  static Optional<String> best(JsonNode entries, String ticker) {
    String wanted = sameTicker(ticker);
    JsonNode chosen = null;
    int chosenRank = Integer.MAX_VALUE;
    for (JsonNode e : entries) {
      if (!sameTicker(e.path("symbol").asText("").replaceAll("</?em>", "")).equals(wanted) || !isUs(e)) {
        continue;
      }
      int rank = rank(e);
      if (rank < chosenRank) {
        chosen = e;
        chosenRank = rank;
      }
    }
    return chosen == null ? Optional.empty() : Optional.of(prefix(chosen));
  }

  private static String sameTicker(String s) {
    return s.strip().toUpperCase(Locale.ROOT).replace('-', '.').replace('/', '.');
  }

  private static boolean isUs(JsonNode e) {
    String country = e.path("country").asText("");
    return country.equals("US") || country.isEmpty() && e.path("currency_code").asText("").equals("USD");
  }

  /** Lower is better: primary listing, then the preferred venues in order, OTC last. */
  private static int rank(JsonNode e) {
    String prefix = prefix(e);
    int venue = PREFERRED.indexOf(prefix);
    int venueRank = venue >= 0 ? venue : prefix.startsWith("OTC") ? 100 : 50;
    return (e.path("is_primary_listing").asBoolean(false) ? 0 : 1000) + venueRank;
  }

  private static String prefix(JsonNode e) {
    for (String field : List.of("prefix", "source_id", "exchange")) {
      String v = e.path(field).asText("").strip();
      if (!v.isEmpty()) {
        String code = v.toUpperCase(Locale.ROOT).replace(' ', '_');
        return code.replace("_", "").equals("NYSEARCA") || code.equals("ARCA") ? "AMEX" : code;
      }
    }
    return "";
  }

  private static String abbreviate(JsonNode body) {
    String s = body.toString();
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
