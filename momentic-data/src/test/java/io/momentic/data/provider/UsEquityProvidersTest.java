package io.momentic.data.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Massive and Alpaca against loopback fakes that replay their documented response shapes. */
class UsEquityProvidersTest {

  private FakeExchange fake;
  private final List<Long> waits = new ArrayList<>();
  private static final ZoneId NY = ZoneId.of("America/New_York");
  /** 2024-01-02 (Tue) … 2024-01-05 (Fri); now is Monday 01-08 00:00 UTC, so all four are closed. */
  private static final long NOW = TestBars.day("2024-01-08");

  @BeforeEach
  void start() throws IOException {
    fake = new FakeExchange();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpJson http() {
    return new HttpJson(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(10),
        Duration.ofSeconds(5), 1), waits::add);
  }

  /** Midnight New York of a date, in ms: how both vendors stamp a daily bar. */
  private static long nyMidnight(String date) {
    return LocalDate.parse(date).atStartOfDay(NY).toInstant().toEpochMilli();
  }

  private static String agg(String ticker, String date, double c) {
    return "{" + (ticker == null ? "" : "\"T\":\"" + ticker + "\",") + "\"v\":1000,\"vw\":" + c + ",\"o\":" + (c - 1)
        + ",\"c\":" + c + ",\"h\":" + (c + 1) + ",\"l\":" + (c - 2) + ",\"t\":" + nyMidnight(date) + ",\"n\":10}";
  }

  @Test
  void massive_perTicker_pagedByNextUrl_stampedAtTheSessionDate_withTheKeyInAHeader() {
    fake.route(uri -> {
      String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      if (uri.getPath().startsWith("/v2/aggs/ticker/AAPL/range/1/day/")) {
        if (!q.contains("cursor=")) {
          // The real next_url names the vendor's host: only its path and query may be followed.
          return FakeExchange.Reply.ok("{\"ticker\":\"AAPL\",\"status\":\"OK\",\"adjusted\":true,\"resultsCount\":2,"
              + "\"results\":[" + agg(null, "2024-01-02", 185) + "," + agg(null, "2024-01-03", 184) + "],"
              + "\"next_url\":\"https://api.massive.com/v2/aggs/ticker/AAPL/range/1/day/2024-01-04/2024-01-08"
              + "?cursor=abc\"}");
        }
        return FakeExchange.Reply.ok("{\"ticker\":\"AAPL\",\"status\":\"OK\",\"adjusted\":true,\"results\":["
            + agg(null, "2024-01-04", 182) + "," + agg(null, "2024-01-05", 181) + "]}");
      }
      return FakeExchange.Reply.status(404, "{}");
    });
    MassiveProvider m = new MassiveProvider(fake.baseUrl(), http(), "k-123");
    BarSeries aapl = m.fetch("AAPL", Interval.D1, TestBars.day("2024-01-01"), NOW);
    assertThat(aapl.size()).isEqualTo(4);
    assertThat(aapl.time(0)).isEqualTo(TestBars.day("2024-01-02")); // 05:00 UTC vendor stamp → the date
    assertThat(aapl.close(3)).isEqualTo(181);
    assertThat(aapl.high(0)).isEqualTo(186);
    assertThat(fake.requests).hasSize(2);
    assertThat(fake.requests.get(0).getRawQuery()).contains("adjusted=true").contains("sort=asc");
    assertThat(fake.requests.get(1).getRawQuery()).isEqualTo("cursor=abc");
    assertThat(fake.requestHeaders).allSatisfy(h -> assertThat(h.get("authorization")).isEqualTo("Bearer k-123"));
    assertThat(fake.requests).noneSatisfy(u -> assertThat(String.valueOf(u)).contains("k-123"));
  }

  @Test
  void massive_groupedDaily_oneCallPerTradingDayForTheWholeMarket() {
    fake.route(uri -> {
      if (uri.getPath().startsWith("/v2/aggs/grouped/locale/us/market/stocks/")) {
        String date = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        double base = 100 + LocalDate.parse(date).getDayOfMonth();
        return FakeExchange.Reply.ok("{\"status\":\"OK\",\"adjusted\":true,\"results\":[" + agg("AAPL", date, base) + ","
            + agg("MSFT", date, base + 200) + "," + agg("IBM", date, base + 50) + "]}");
      }
      return FakeExchange.Reply.status(404, "{}");
    });
    MassiveProvider m = new MassiveProvider(fake.baseUrl(), http(), "k");
    // Six symbols asked, five weekdays to fetch (Mon 01-01 … Fri 01-05): fewer calls by grouped daily.
    List<String> six = List.of("AAPL", "MSFT", "GOOG", "AMZN", "META", "NVDA");
    Map<String, BarSeries> got = m.fetchAll(six, Interval.D1, TestBars.day("2024-01-01"), NOW);
    assertThat(fake.requests).hasSize(5); // every weekday is asked (a holiday's answer has no rows)
    assertThat(got.keySet()).containsExactly("AAPL", "MSFT"); // IBM was not asked for; the others have no bars
    assertThat(got.get("MSFT").size()).isEqualTo(5);
    assertThat(got.get("MSFT").close(4)).isEqualTo(305);
  }

  @Test
  void massive_errorsSayWhatToDo() {
    fake.route(uri -> FakeExchange.Reply.status(401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key\"}"));
    MassiveProvider m = new MassiveProvider(fake.baseUrl(), http(), "bad");
    assertThatThrownBy(() -> m.fetch("AAPL", Interval.D1, TestBars.day("2024-01-01"), NOW))
        .isInstanceOf(FetchException.class).hasMessageContaining("HTTP 401").hasMessageContaining("MASSIVE_API_KEY");
    fake.route(uri -> FakeExchange.Reply.status(403, "{\"status\":\"NOT_AUTHORIZED\"}"));
    assertThatThrownBy(() -> m.fetch("AAPL", Interval.D1, TestBars.day("2024-01-01"), NOW))
        .hasMessageContaining("HTTP 403").hasMessageContaining("plan");
    // 429 with Retry-After: waited as asked, then served.
    fake.thenOnce(FakeExchange.Reply.status(429, "{}", "Retry-After", "2")).route(uri ->
        FakeExchange.Reply.ok("{\"status\":\"OK\",\"results\":[" + agg(null, "2024-01-02", 10) + "]}"));
    assertThat(m.fetch("AAPL", Interval.D1, TestBars.day("2024-01-01"), NOW).size()).isEqualTo(1);
    assertThat(waits).contains(2_000L);
    assertThatThrownBy(() -> m.fetch("AAPL", Interval.H1, 0, NOW)).hasMessageContaining("daily");
  }

  private static String bar(String date, double c) {
    return "{\"t\":\"" + LocalDate.parse(date).atStartOfDay(NY).toInstant() + "\",\"o\":" + (c - 1) + ",\"h\":"
        + (c + 1) + ",\"l\":" + (c - 2) + ",\"c\":" + c + ",\"v\":500,\"n\":5,\"vw\":" + c + "}";
  }

  @Test
  void alpaca_multiSymbol_pagedByNextPageToken_withItsTwoHeaders() {
    fake.route(uri -> {
      Map<String, String> q = FakeExchange.query(uri);
      if (!uri.getPath().equals("/v2/stocks/bars")) {
        return FakeExchange.Reply.status(404, "{}");
      }
      if (!q.get("symbols").contains("AAPL")) {
        return FakeExchange.Reply.ok("{\"bars\":{},\"next_page_token\":null}");
      }
      // Sorted by symbol, then time: the first page ends inside AAPL.
      if (!q.containsKey("page_token")) {
        return FakeExchange.Reply.ok("{\"bars\":{\"AAPL\":[" + bar("2024-01-02", 185) + "," + bar("2024-01-03", 184)
            + "]},\"next_page_token\":\"QUFQTHwy\"}");
      }
      return FakeExchange.Reply.ok("{\"bars\":{\"AAPL\":[" + bar("2024-01-04", 182) + "],\"MSFT\":["
          + bar("2024-01-02", 370) + "," + bar("2024-07-03", 999) + "]},\"next_page_token\":null}");
    });
    AlpacaProvider a = new AlpacaProvider(fake.baseUrl(), http(), "id-1", "secret-2", "iex");
    Map<String, BarSeries> got = a.fetchAll(List.of("AAPL", "MSFT", "ZZZZ"), Interval.D1, TestBars.day("2024-01-01"),
        NOW);
    assertThat(fake.requests).hasSize(2);
    Map<String, String> q = FakeExchange.query(fake.requests.get(0));
    assertThat(java.net.URLDecoder.decode(q.get("symbols"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("AAPL,MSFT,ZZZZ");
    assertThat(q).containsEntry("timeframe", "1Day").containsEntry("adjustment", "split").containsEntry("feed", "iex");
    assertThat(FakeExchange.query(fake.requests.get(1))).containsEntry("page_token", "QUFQTHwy");
    assertThat(fake.requestHeaders).allSatisfy(h -> {
      assertThat(h.get("apca-api-key-id")).isEqualTo("id-1");
      assertThat(h.get("apca-api-secret-key")).isEqualTo("secret-2");
    });
    assertThat(got.keySet()).containsExactly("AAPL", "MSFT");
    assertThat(got.get("AAPL").size()).isEqualTo(3);
    assertThat(got.get("AAPL").time(2)).isEqualTo(TestBars.day("2024-01-04"));
    assertThat(got.get("MSFT").size()).isEqualTo(1); // the 2024-07-03 bar is after now: still forming, never returned
    assertThatThrownBy(() -> a.fetch("ZZZZ", Interval.D1, TestBars.day("2024-01-01"), NOW))
        .isInstanceOf(SymbolNotFoundException.class).hasMessageContaining("ZZZZ");
  }

  @Test
  void alpaca_errorsSayWhatToDo_andAMissingKeyIsAConfigurationError() {
    fake.route(uri -> FakeExchange.Reply.status(403, "{\"message\":\"forbidden.\"}"));
    AlpacaProvider a = new AlpacaProvider(fake.baseUrl(), http(), "id", "s", "sip");
    assertThatThrownBy(() -> a.fetch("AAPL", Interval.D1, 0, NOW)).hasMessageContaining("HTTP 403")
        .hasMessageContaining("ALPACA_FEED=iex");
    fake.route(uri -> FakeExchange.Reply.status(401, "{\"message\":\"unauthorized.\"}"));
    assertThatThrownBy(() -> a.fetch("AAPL", Interval.D1, 0, NOW)).hasMessageContaining("APCA_API_KEY_ID");
    if (System.getenv("APCA_API_KEY_ID") == null && System.getenv("ALPACA_API_KEY_ID") == null) {
      assertThatThrownBy(() -> AlpacaProvider.fromEnvironment(URI.create("http://127.0.0.1:1"), http()))
          .isInstanceOf(io.momentic.core.ConfigException.class).hasMessageContaining("export APCA_API_KEY_ID");
    }
  }
}
