package io.momentic.data.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Binance and Gate.io adapters against a fake exchange on loopback. */
class BinanceProviderTest {

  private static final long DAY = Interval.D1.millis();

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

  private HttpJson http(int maxRetries, Duration timeout) {
    RetryPolicy policy = new RetryPolicy(maxRetries, Duration.ofMillis(200), Duration.ofSeconds(5),
        Duration.ofMinutes(10), timeout, 1);
    return new HttpJson(policy, waits::add);
  }

  private BinanceProvider binance() {
    return new BinanceProvider(fake.baseUrl(), http(3, Duration.ofSeconds(5)));
  }

  /** The shared BTCUSDT daily history as /api/v3/klines pages: startTime and limit honoured. */
  private static BarSeries btcHistory() {
    return BarFiles.read(TestBars.sharedData().resolve("binance_spot_1d/BTCUSDT.csv")).single();
  }

  private static FakeExchange.Reply klinesFrom(BarSeries bars, URI uri) {
    Map<String, String> q = FakeExchange.query(uri);
    long start = Long.parseLong(q.getOrDefault("startTime", "0"));
    int limit = Integer.parseInt(q.getOrDefault("limit", "500"));
    StringBuilder sb = new StringBuilder("[");
    int written = 0;
    for (int i = 0; i < bars.size() && written < limit; i++) {
      if (bars.time(i) < start) {
        continue;
      }
      if (written++ > 0) {
        sb.append(',');
      }
      long open = bars.time(i);
      sb.append('[').append(open).append(",\"").append(bars.open(i)).append("\",\"").append(bars.high(i))
          .append("\",\"").append(bars.low(i)).append("\",\"").append(bars.close(i)).append("\",\"")
          .append(bars.volume(i)).append("\",").append(open + DAY - 1).append(",\"0\",1,\"0\",\"0\",\"0\"]");
    }
    return FakeExchange.Reply.ok(sb.append(']').toString());
  }

  @Test
  void pagesThroughEightYearsOfDailyKlinesAThousandAtATime() {
    BarSeries history = btcHistory();
    fake.route(uri -> klinesFrom(history, uri));
    long now = history.lastTime() + DAY; // the last candle has just closed
    BarSeries got = binance().fetch("BTCUSDT", Interval.D1, 0, now);
    assertThat(got.size()).isEqualTo(history.size()).isEqualTo(2924);
    assertThat(got.times()).containsExactly(history.times());
    assertThat(got.closes()).containsExactly(history.closes());
    assertThat(got.volumes()).containsExactly(history.volumes());
    assertThat(got.instrument().venue()).isEqualTo("binance");
    // 2924 bars: pages of 1000, 1000, 924.
    assertThat(fake.requests).hasSize(3);
    assertThat(FakeExchange.query(fake.requests.get(1))).containsEntry("startTime",
        String.valueOf(history.time(1000))).containsEntry("limit", "1000");
  }

  @Test
  void theInProgressCandleIsNeverReturned() {
    BarSeries history = btcHistory();
    fake.route(uri -> klinesFrom(history, uri));
    long now = history.lastTime() + DAY / 2; // half way through the last day
    BarSeries got = binance().fetch("BTCUSDT", Interval.D1, history.time(2900), now);
    assertThat(got.size()).isEqualTo(23); // bars 2900..2922; 2923 is still forming
    assertThat(got.lastTime()).isEqualTo(history.time(2922));
  }

  @Test
  void replaysTheRecordedRawKlinesResponse() throws IOException {
    String recorded = Files.readString(TestBars.sharedData().resolve(
        "binance_raw_json/klines_1m_500_unknown_symbol_20241116.json"));
    fake.route(uri -> FakeExchange.Reply.ok(recorded));
    long lastOpen = 1731777960000L;
    BarSeries all = binance().fetch("XUSDT", Interval.M1, 1731748020000L, lastOpen + 60_000);
    assertThat(all.size()).isEqualTo(500);
    // The first kline as recorded: [1731748020000,"0.72270000","0.72560000","0.72270000","0.72440000","574761.5…"].
    assertThat(all.time(0)).isEqualTo(1731748020000L);
    assertThat(all.open(0)).isEqualTo(0.7227);
    assertThat(all.high(0)).isEqualTo(0.7256);
    assertThat(all.low(0)).isEqualTo(0.7227);
    assertThat(all.close(0)).isEqualTo(0.7244);
    assertThat(all.volume(0)).isEqualTo(574761.5);
    assertThat(all.lastTime()).isEqualTo(lastOpen);
    // Thirty seconds into the last minute, that minute is still forming.
    BarSeries early = binance().fetch("XUSDT", Interval.M1, 1731748020000L, lastOpen + 30_000);
    assertThat(early.size()).isEqualTo(499);
  }

  @Test
  void rateLimitsHonourRetryAfter() {
    BarSeries history = btcHistory().subSeries(0, 10);
    fake.route(uri -> klinesFrom(history, uri))
        .thenOnce(FakeExchange.Reply.status(429, "{\"code\":-1003}", "Retry-After", "3"))
        .thenOnce(FakeExchange.Reply.status(418, "{\"code\":-1003}", "Retry-After", "2"));
    BarSeries got = binance().fetch("BTCUSDT", Interval.D1, 0, history.lastTime() + DAY);
    assertThat(got.size()).isEqualTo(10);
    assertThat(waits).containsExactly(3000L, 2000L);
    assertThat(fake.requests).hasSize(3);
  }

  @Test
  void aBanLongerThanTheLongestAllowedWaitFailsAtOnce() {
    fake.route(uri -> FakeExchange.Reply.status(418, "{\"code\":-1003}", "Retry-After", "7200"));
    assertThatThrownBy(() -> binance().fetch("BTCUSDT", Interval.D1, 0, 10 * DAY))
        .isInstanceOf(FetchException.class).hasMessageContaining("HTTP 418").hasMessageContaining("Retry-After 7200 s")
        .hasMessageContaining("fix:");
    assertThat(fake.requests).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void timeoutsServerErrorsAndTruncatedJsonAreRetriedWithBoundedJitteredBackoff() {
    BarSeries history = btcHistory().subSeries(0, 5);
    fake.route(uri -> klinesFrom(history, uri))
        .thenOnce(FakeExchange.Reply.ok("[[1514764800000,\"13715.65\",\"138").delayed(800))
        .thenOnce(FakeExchange.Reply.ok("[[1514764800000,\"13715.65\",\"138"))
        .thenOnce(FakeExchange.Reply.status(503, ""));
    BinanceProvider provider = new BinanceProvider(fake.baseUrl(), http(3, Duration.ofMillis(300)));
    BarSeries got = provider.fetch("BTCUSDT", Interval.D1, 0, history.lastTime() + DAY);
    assertThat(got.closes()).containsExactly(history.closes());
    assertThat(fake.requests).hasSize(4);
    // Full jitter: the k-th wait lies in [0, 200 ms · 2^k].
    assertThat(waits).hasSize(3);
    for (int k = 0; k < 3; k++) {
      assertThat(waits.get(k)).isBetween(0L, 200L << k);
    }
  }

  @Test
  void retriesAreBounded() {
    fake.route(uri -> FakeExchange.Reply.ok("[[1514764800000,\"137"));
    assertThatThrownBy(() -> new BinanceProvider(fake.baseUrl(), http(2, Duration.ofSeconds(5)))
        .fetch("BTCUSDT", Interval.D1, 0, 10 * DAY))
        .isInstanceOf(FetchException.class).hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("truncated or malformed JSON");
    assertThat(fake.requests).hasSize(3);
  }

  @Test
  void anEmptyPageIsAnEmptySeries() {
    fake.route(uri -> FakeExchange.Reply.ok("[]"));
    assertThat(binance().fetch("BTCUSDT", Interval.D1, 0, 10 * DAY).isEmpty()).isTrue();
    assertThat(fake.requests).hasSize(1);
  }

  @Test
  void pairsMissingOnBinanceComeFromGateio() {
    long d0 = TestBars.day("2024-03-01");
    long now = d0 + 3 * DAY + DAY / 2;
    fake.route(uri -> {
      if (uri.getPath().equals("/api/v3/klines")) {
        return FakeExchange.Reply.status(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
      }
      assertThat(FakeExchange.query(uri)).containsEntry("currency_pair", "FTT_USDT").containsEntry("interval", "1d");
      // Gate.io rows: [t (s), quote volume, close, high, low, open, base volume, closed]; the 4th day is still open.
      return FakeExchange.Reply.ok("[[\"" + d0 / 1000 + "\",\"1500\",\"1.5\",\"1.6\",\"1.2\",\"1.3\",\"1000\",\"true\"],"
          + "[\"" + (d0 + DAY) / 1000 + "\",\"3200\",\"1.6\",\"1.7\",\"1.4\",\"1.5\",\"2000\",\"true\"],"
          + "[\"" + (d0 + 2 * DAY) / 1000 + "\",\"4800\",\"1.7\",\"1.8\",\"1.5\",\"1.6\",\"3000\",\"true\"],"
          + "[\"" + (d0 + 3 * DAY) / 1000 + "\",\"100\",\"1.9\",\"1.9\",\"1.6\",\"1.7\",\"50\",\"false\"]]");
    });
    DataProvider provider = DataProviders.create("binance", DataProviders.Options.defaults()
        .withBaseUrls(fake.baseUrl(), fake.baseUrl()).withRetry(http(1, Duration.ofSeconds(5)).policy(), waits::add));
    BarSeries got = provider.fetch("FTTUSDT", Interval.D1, d0, now);
    assertThat(got.instrument().venue()).isEqualTo("gateio");
    assertThat(got.times()).containsExactly(d0, d0 + DAY, d0 + 2 * DAY);
    assertThat(got.opens()).containsExactly(1.3, 1.5, 1.6);
    assertThat(got.highs()).containsExactly(1.6, 1.7, 1.8);
    assertThat(got.lows()).containsExactly(1.2, 1.4, 1.5);
    assertThat(got.closes()).containsExactly(1.5, 1.6, 1.7);
    assertThat(got.volumes()).containsExactly(1000, 2000, 3000);
    assertThat(waits).isEmpty(); // a 400 is not retried
  }

  @Test
  void theUsdtUniverseByQuoteVolume() {
    fake.route(uri -> FakeExchange.Reply.ok("""
        [{"symbol":"BTCUSDT","quoteVolume":"2500000000.5"},{"symbol":"ETHBTC","quoteVolume":"9e12"},
         {"symbol":"SOLUSDT","quoteVolume":"800000000"},{"symbol":"USDCUSDT","quoteVolume":"3000000000"},
         {"symbol":"BTCUPUSDT","quoteVolume":"90000000"},{"symbol":"DOGEUSDT","quoteVolume":"40000000"},
         {"symbol":"TINYUSDT","quoteVolume":"9999999.99"},{"symbol":"JUPUSDT","quoteVolume":"50000000"},
         {"symbol":"ETHDOWNUSDT","quoteVolume":"70000000"}]"""));
    BinanceUniverse universe = new BinanceUniverse(fake.baseUrl(), http(0, Duration.ofSeconds(5)));
    // BTCUP is BTC's leveraged token (BTC is listed), ETHDOWN one by its suffix; JUP is a coin (no "J").
    assertThat(universe.build(10_000_000, 0)).extracting(BinanceUniverse.Member::symbol)
        .containsExactly("BTCUSDT", "SOLUSDT", "JUPUSDT", "DOGEUSDT");
    assertThat(universe.build(10_000_000, 2)).extracting(BinanceUniverse.Member::symbol)
        .containsExactly("BTCUSDT", "SOLUSDT");
  }

  @Test
  void backoffNeverExceedsItsCap() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(1),
        Duration.ofSeconds(1), 9);
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 40; k++) {
      assertThat(p.backoffMillis(k, r)).isBetween(0L, Math.min(4000L, 500L << Math.min(k, 30)));
    }
  }
}
