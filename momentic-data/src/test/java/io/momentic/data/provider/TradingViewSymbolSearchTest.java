package io.momentic.data.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.data.CachedExchangeResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TradingView's symbol search on a loopback fake replaying the v3 response shape. */
class TradingViewSymbolSearchTest {

  @TempDir Path dir;
  private FakeExchange fake;
  private final List<Long> waits = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    fake = new FakeExchange();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private TradingViewSymbolSearch search(long spacingMillis) {
    HttpJson http = new HttpJson(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofSeconds(5), 7), waits::add);
    return new TradingViewSymbolSearch(fake.baseUrl(), http, waits::add, spacingMillis);
  }

  private static String entry(String symbol, String exchange, String prefix, String country, boolean primary) {
    return "{\"symbol\":\"<em>" + symbol + "</em>\",\"description\":\"" + symbol + " Inc\",\"type\":\"stock\","
        + "\"exchange\":\"" + exchange + "\"," + (prefix == null ? "" : "\"prefix\":\"" + prefix + "\",")
        + "\"currency_code\":\"" + (country.equals("US") ? "USD" : "EUR") + "\",\"country\":\"" + country + "\","
        + "\"provider_id\":\"ice\",\"source_id\":\"" + exchange.replace(' ', '_') + "\",\"is_primary_listing\":"
        + primary + ",\"typespecs\":[\"common\"]}";
  }

  private static String body(String... entries) {
    return "{\"symbols_remaining\":0,\"symbols\":[" + String.join(",", entries) + "]}";
  }

  @Test
  void thePrimaryUsListingOfExactlyTheTicker_asItsChartPrefix() {
    fake.route(uri -> {
      String text = FakeExchange.query(uri).get("text");
      return FakeExchange.Reply.ok(switch (text) {
        // A German listing first, a longer ticker that merely starts with it, then the real one.
        case "BW" -> body(entry("BW", "XETR", null, "DE", true), entry("BWA", "NYSE", null, "US", true),
            entry("BW", "NYSE", null, "US", true));
        // A secondary NASDAQ quote ranks below the primary NYSE listing.
        case "IBM" -> body(entry("IBM", "NASDAQ", null, "US", false), entry("IBM", "NYSE", null, "US", true));
        // NYSE Arca funds chart as AMEX:SPY; the prefix field wins over the venue's name.
        case "SPY" -> body(entry("SPY", "NYSE Arca", "AMEX", "US", true));
        case "ARKK" -> body(entry("ARKK", "NYSE Arca", null, "US", true));
        // Over the counter only when nothing else lists the name.
        case "CELC" -> body(entry("CELC", "OTC", null, "US", false), entry("CELC", "NASDAQ", null, "US", false));
        case "BRK.B" -> body(entry("BRK.B", "NYSE", null, "US", true));
        default -> body();
      });
    });
    TradingViewSymbolSearch tv = search(0);
    assertThat(tv.resolve("BW")).contains("NYSE");
    assertThat(tv.resolve("IBM")).contains("NYSE");
    assertThat(tv.resolve("SPY")).contains("AMEX");
    assertThat(tv.resolve("ARKK")).contains("AMEX");
    assertThat(tv.resolve("celc")).contains("NASDAQ");
    assertThat(tv.resolve("BRK-B")).contains("NYSE"); // the store's BRK-B is TradingView's BRK.B
    assertThat(tv.resolve("NOPE")).isEmpty();
    assertThat(fake.requests.get(0).getPath()).isEqualTo("/symbol_search/v3/");
    assertThat(FakeExchange.query(fake.requests.get(0))).containsEntry("sort_by_country", "US")
        .containsEntry("domain", "production");
    assertThat(fake.requestHeaders.get(0)).containsEntry("origin", "https://www.tradingview.com");
  }

  @Test
  void refusalsAndRateLimits_areFailures_thatTheMapNeverStores() {
    fake.thenOnce(FakeExchange.Reply.status(429, "{}", "Retry-After", "1"));
    fake.route(uri -> switch (FakeExchange.query(uri).get("text")) {
      case "AAPL" -> FakeExchange.Reply.ok(body(entry("AAPL", "NASDAQ", null, "US", true)));
      case "BAN" -> FakeExchange.Reply.status(403, "<html>Forbidden</html>");
      case "ODD" -> FakeExchange.Reply.ok("{\"errmsg\":\"Invalid search\"}");
      default -> FakeExchange.Reply.ok(body());
    });
    TradingViewSymbolSearch tv = search(250);
    assertThat(tv.resolve("AAPL")).contains("NASDAQ"); // after the 429's one-second wait
    assertThat(waits).contains(1000L);
    assertThatThrownBy(() -> tv.resolve("BAN")).isInstanceOf(HttpJson.HttpStatusException.class)
        .hasMessageContaining("403");
    assertThatThrownBy(() -> tv.resolve("ODD")).isInstanceOf(FetchException.class)
        .hasMessageContaining("expected TradingView's");
    // Lookups are spaced: every request after the first waited for the rest of the 250 ms.
    assertThat(waits.stream().filter(w -> w > 0 && w <= 250)).isNotEmpty();

    CachedExchangeResolver map = CachedExchangeResolver.open(dir.resolve("tv_exchange_map.json"), search(0));
    assertThat(map.lookup("AAPL").source()).isEqualTo(CachedExchangeResolver.Source.LEARNED);
    CachedExchangeResolver.Lookup ban = map.lookup("BAN");
    assertThat(ban.source()).isEqualTo(CachedExchangeResolver.Source.FAILED);
    assertThat(ban.failure()).contains("HTTP 403");
    assertThat(map.lookup("NOPE").source()).isEqualTo(CachedExchangeResolver.Source.UNKNOWN);
    assertThat(map.entries()).isEqualTo(Map.of("AAPL", "NASDAQ"));
  }
}
