package io.momentic.data.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.data.store.BarStore;
import io.momentic.data.store.Ingest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake-exchange scenarios of the hardening audit: what an exchange sends wrong never reaches the store. */
class FetchFaultsTest {

  static final long DAY = 86_400_000L;
  static final long D0 = TestBars.day("2018-01-01");

  @TempDir Path dir;
  FakeExchange fake;
  final List<Long> waits = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    fake = new FakeExchange();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** Kline {@code i} of a rising history: open 100+i, high +2, low −1, close +1, volume 10. */
  static String[] kline(int i) {
    long open = D0 + i * DAY;
    return new String[] {Long.toString(open), "\"" + (100.0 + i) + "\"", "\"" + (102.0 + i) + "\"",
        "\"" + (99.0 + i) + "\"", "\"" + (101.0 + i) + "\"", "\"10\"", Long.toString(open + DAY - 1)};
  }

  static String json(List<String[]> klines) {
    StringBuilder sb = new StringBuilder("[");
    for (String[] k : klines) {
      sb.append(sb.length() > 1 ? "," : "").append('[').append(String.join(",", k)).append(",\"0\",1,\"0\",\"0\",\"0\"]");
    }
    return sb.append(']').toString();
  }

  /** /api/v3/klines over {@code total} days, startTime and limit honoured; {@code edit} may corrupt a page. */
  static FakeExchange.Reply klines(URI uri, int total, UnaryOperator<List<String[]>> edit) {
    Map<String, String> q = FakeExchange.query(uri);
    long start = Long.parseLong(q.getOrDefault("startTime", "0"));
    int limit = Integer.parseInt(q.getOrDefault("limit", "500"));
    List<String[]> page = new ArrayList<>();
    for (int i = 0; i < total && page.size() < limit; i++) {
      if (D0 + i * DAY >= start) {
        page.add(kline(i));
      }
    }
    return FakeExchange.Reply.ok(json(edit.apply(page)));
  }

  private HttpJson http(Duration total) {
    return new HttpJson(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(1),
        Duration.ofSeconds(5), 1), waits::add, total);
  }

  private BinanceProvider binance() {
    return new BinanceProvider(fake.baseUrl(), http(null));
  }

  private static long now(int total) {
    return D0 + total * DAY + 1;
  }

  @Test
  void swappedCandlesAreSortedNotLost_soTheNextFetchLeavesNoGap() {
    // Candles 1 and 2 of every page swapped, and the page's last two swapped too (the audit lost 3 bars for good).
    fake.route(uri -> klines(uri, 2500, page -> {
      if (page.size() > 3) {
        java.util.Collections.swap(page, 1, 2);
        java.util.Collections.swap(page, page.size() - 1, page.size() - 2);
      }
      return page;
    }));
    BarSeries got = binance().fetch("BTCUSDT", Interval.D1, D0, now(2500));
    assertThat(got.size()).isEqualTo(2500);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.time(i)).isEqualTo(D0 + i * DAY);
      assertThat(got.close(i)).isEqualTo(101.0 + i);
    }
  }

  @Test
  void anExactRepeatIsKeptOnce_butTwoDifferentCandlesForOneTimeAreRefused() {
    fake.route(uri -> klines(uri, 5, page -> {
      List<String[]> p = new ArrayList<>(page);
      p.add(2, page.get(1));
      return p;
    }));
    assertThat(binance().fetch("BTCUSDT", Interval.D1, D0, now(5)).size()).isEqualTo(5);
    fake.route(uri -> klines(uri, 5, page -> {
      List<String[]> p = new ArrayList<>(page);
      String[] other = page.get(1).clone();
      other[4] = "\"102.5\""; // still a valid candle, just not the same one
      p.add(2, other);
      return p;
    }));
    assertThatThrownBy(() -> binance().fetch("BTCUSDT", Interval.D1, D0, now(5))).isInstanceOf(FetchException.class)
        .hasMessageContaining("two different candles opened at 2018-01-02");
  }

  @Test
  void invalidCandlesFailTheSymbolAndNothingOfItIsStored() {
    String[][] cases = {{"2", "\"95\""}, {"1", "\"-5\""}, {"5", "\"-10\""}, {"4", "\"NaN\""}};
    String[] rule = {"high: expected >= low", "open: expected a price > 0", "volume: expected a volume >= 0",
        "close: expected a number"};
    for (int c = 0; c < cases.length; c++) {
      int field = Integer.parseInt(cases[c][0]);
      String value = cases[c][1];
      fake.route(uri -> klines(uri, 10, page -> {
        page.get(3)[field] = value;
        return page;
      }));
      Path db = dir.resolve("case" + c + ".db");
      try (BarStore store = BarStore.openWriter(db)) {
        List<Ingest.Outcome> outcomes = Ingest.run(store, binance(), List.of("BTCUSDT"), Interval.D1, D0, now(10),
            n -> { });
        assertThat(outcomes.get(0).failed()).isTrue();
        assertThat(outcomes.get(0).error()).as(value).contains("candle 3").contains(rule[c]).contains("2018-01-04")
            .doesNotContain("Exception");
        assertThat(store.count("binance", "BTCUSDT", Interval.D1)).isZero();
      }
    }
  }

  @Test
  void aNaNCloseFailsThatSymbolAlone() {
    fake.route(uri -> klines(uri, 10, page -> {
      if (uri.getQuery().contains("symbol=BADUSDT")) {
        page.get(2)[4] = "\"NaN\"";
      }
      return page;
    }));
    try (BarStore store = BarStore.openWriter(dir.resolve("nan.db"))) {
      List<Ingest.Outcome> outcomes = Ingest.run(store, binance(), List.of("BTCUSDT", "BADUSDT", "ETHUSDT"),
          Interval.D1, D0, now(10), n -> { });
      assertThat(outcomes).extracting(Ingest.Outcome::failed).containsExactly(false, true, false);
      assertThat(store.count("binance", "BTCUSDT", Interval.D1)).isEqualTo(10);
      assertThat(store.count("binance", "ETHUSDT", Interval.D1)).isEqualTo(10);
      assertThat(store.count("binance", "BADUSDT", Interval.D1)).isZero();
    }
  }

  @Test
  void aServerThatIgnoresStartTimeIsDetected_notStoppedAfterOnePage() {
    fake.route(uri -> klines(URI.create(uri.getPath() + "?limit=1000"), 2924, page -> page)); // startTime dropped
    assertThatThrownBy(() -> binance().fetch("BTCUSDT", Interval.D1, D0, now(2924)))
        .isInstanceOf(FetchException.class).hasMessageContaining("ignores startTime");
    assertThat(fake.requests).hasSize(2);
  }

  @Test
  void aTotalTimeoutBoundsTheWholeFetch() {
    fake.route(uri -> klines(uri, 10, page -> page).delayed(400));
    BinanceProvider slow = new BinanceProvider(fake.baseUrl(), http(Duration.ofMillis(1000)));
    long started = System.nanoTime();
    int fetched = 0;
    FetchException failure = null;
    try {
      for (int i = 0; i < 10; i++) { // ten symbols of 400 ms each: more than the second allowed
        slow.fetch("S" + i + "USDT", Interval.D1, D0, now(10));
        fetched++;
      }
    } catch (FetchException e) {
      failure = e;
    }
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("time limit (--timeout 1 s) ran out");
    assertThat(fetched).isBetween(1, 3);
    assertThat(elapsedMillis).isLessThan(2_000);
  }

  @Test
  void jitterIsRandomPerProcessByDefault_andSeededOnlyWhenAsked() {
    RetryPolicy byDefault = RetryPolicy.DEFAULT;
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    SplittableRandom ra = byDefault.newJitter();
    SplittableRandom rb = byDefault.newJitter();
    for (int k = 0; k < 8; k++) {
      a.add(byDefault.backoffMillis(5, ra));
      b.add(byDefault.backoffMillis(5, rb));
    }
    assertThat(a).isNotEqualTo(b); // two clients do not retry in lockstep (equal: chance 1 in 16,001^8)
    RetryPolicy seeded = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(10),
        Duration.ofSeconds(20), 7);
    assertThat(seeded.backoffMillis(5, seeded.newJitter())).isEqualTo(seeded.backoffMillis(5, seeded.newJitter()));
  }

  @Test
  void twoJsonDocumentsBackToBackAreABrokenResponse() {
    List<String[]> first = new ArrayList<>();
    first.add(kline(0));
    List<String[]> second = new ArrayList<>();
    second.add(kline(1));
    fake.route(uri -> FakeExchange.Reply.ok(json(first) + json(second)));
    assertThatThrownBy(() -> binance().fetch("BTCUSDT", Interval.D1, D0, now(2))).isInstanceOf(FetchException.class)
        .hasMessageContaining("malformed JSON");
  }
}
