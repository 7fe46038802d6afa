package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BinanceFake;
import io.momentic.paper.venue.BinanceSpot;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.strategies.StrategyCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime through the real Binance spot adapter against the Binance-shaped fake: the same
 * strategy classes, the journal, the outcomes and recovery — and the venue's balances are the books.
 */
class BinanceRuntimeTest {

  @TempDir
  Path dir;

  /** A random walk as BTCUSDT daily bars. */
  static final Panel BARS = Panel.align(List.of(pair(TestBars.randomWalk(41, 160))));

  static BarSeries pair(BarSeries s) {
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("BTCUSDT", "binance"), Interval.D1);
    for (int i = 0; i < s.size(); i++) {
      b.add(s.time(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
    }
    return b.build();
  }

  record Run(PaperRuntime runtime, BinanceFake fake) {}

  Run run(java.util.function.Consumer<BinanceFake> script) throws Exception {
    return run(1_000, script);
  }

  Run run(double usdt, java.util.function.Consumer<BinanceFake> script) throws Exception {
    BinanceFake fake = new BinanceFake(usdt);
    script.accept(fake);
    BinanceSpot venue = new BinanceSpot(new BinanceSpot.Settings(fake.url(), BinanceFake.API_KEY, BinanceFake.SECRET,
        5_000, "USDT", Duration.ofSeconds(5)), BARS.symbols());
    BacktestConfig config = BacktestConfig.of(1_000).withStartTime(BARS.time(30));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec("sma", () -> StrategyCatalog.resolve("sma-cross", Map.of("fast", "5", "slow", "20",
        "long-only", "true")).create(), config, BARS.symbols(), "sma on binance"), venue);
    PaperRuntime runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null, RiskSettings.DEFAULT,
        new FaultInjectionTest.FakeTimer()).withStateDir(dir);
    runtime.start();
    // Each bar: the market trades at its close (the fake's price), then the bar is handed over.
    for (int i = 0; i < BARS.size(); i++) {
      fake.setPrice("BTCUSDT", BARS.close(0, i));
      runtime.onBar("sma", BARS.upTo(i + 1), BARS.time(i) + 86_400_000L);
    }
    return new Run(runtime, fake);
  }

  @Test
  void theStrategyTradesOnBinance_andTheBooksAreTheVenuesBalances() throws Exception {
    Run r = run(f -> { });
    try (PaperRuntime runtime = r.runtime(); BinanceFake fake = r.fake()) {
      SlotBooks b = runtime.slots().get("sma").books();
      assertThat(b.ledger().fills()).hasSizeGreaterThan(4);
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(b.ledger().quantity(0)).isEqualTo(fake.balance("BTC"));
      assertThat(b.cash()).isCloseTo(fake.balance("USDT"), org.assertj.core.api.Assertions.within(1e-9));
      assertThat(runtime.journal().entries(Incidents.PORTFOLIO)).isEmpty(); // every bar reconciled
      assertThat(runtime.reconcileNow()).allMatch(PaperRuntime.Line::agrees);
      assertThat(new HashSet<>(fake.clientOrderIds())).hasSameSizeAs(fake.clientOrderIds());
    }
  }

  @Test
  void aLostReply_isFoundByClientId_neverSentTwice() throws Exception {
    Run r = run(f -> f.fault("POST /api/v3/order", BinanceFake.Fault.DROP_REPLY));
    try (PaperRuntime runtime = r.runtime(); BinanceFake fake = r.fake()) {
      SlotBooks b = runtime.slots().get("sma").books();
      assertThat(b.unknownOutcomes()).isEqualTo(1);
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(new HashSet<>(fake.clientOrderIds())).hasSameSizeAs(fake.clientOrderIds());
      assertThat(fake.clientOrderIds()).hasSize(b.ordersSent());
      assertThat(b.ledger().quantity(0)).isEqualTo(fake.balance("BTC"));
    }
  }

  @Test
  void rateLimits_areWaitedOut_andTheOrderGoesOnce() throws Exception {
    Run r = run(f -> {
      f.fault("POST /api/v3/order", BinanceFake.Fault.RATE_LIMITED);
      f.fault("POST /api/v3/order", BinanceFake.Fault.RATE_LIMITED);
    });
    try (PaperRuntime runtime = r.runtime(); BinanceFake fake = r.fake()) {
      SlotBooks b = runtime.slots().get("sma").books();
      assertThat(fake.requests("POST /api/v3/order")).isEqualTo(b.ordersSent() + 2);
      assertThat(fake.clientOrderIds()).hasSize(b.ordersSent());
      assertThat(b.rejected()).isZero();
      assertThat(b.ledger().quantity(0)).isEqualTo(fake.balance("BTC"));
    }
  }

  @Test
  void aRejection_quarantines_andNothingElseIsSent() throws Exception {
    Run r = run(f -> f.fault("POST /api/v3/order", BinanceFake.Fault.FILTER_FAILURE));
    try (PaperRuntime runtime = r.runtime(); BinanceFake fake = r.fake()) {
      SlotBooks b = runtime.slots().get("sma").books();
      assertThat(b.state()).isEqualTo(StrategyState.QUARANTINED);
      assertThat(b.stateReason()).contains("-1013", "Filter failure: PRICE_FILTER");
      assertThat(fake.requests("POST /api/v3/order")).isEqualTo(1);
      assertThat(b.skips().get(SkipReason.QUARANTINED)).isPositive();
      assertThat(fake.balance("BTC")).isZero();
    }
  }

  @Test
  void anOutage_isQueriedThenSentOnce() throws Exception {
    // Two 503s on the first order: each answer is UNKNOWN, the query says the order does not exist
    // (-2013), so it is sent again — and taken once.
    Run r = run(f -> {
      f.fault("POST /api/v3/order", BinanceFake.Fault.UNAVAILABLE);
      f.fault("POST /api/v3/order", BinanceFake.Fault.UNAVAILABLE);
    });
    try (PaperRuntime runtime = r.runtime(); BinanceFake fake = r.fake()) {
      SlotBooks b = runtime.slots().get("sma").books();
      assertThat(fake.requests("POST /api/v3/order")).isEqualTo(b.ordersSent() + 2);
      assertThat(fake.clientOrderIds()).hasSize(b.ordersSent());
      assertThat(new HashSet<>(fake.clientOrderIds())).hasSameSizeAs(fake.clientOrderIds());
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(b.ledger().quantity(0)).isEqualTo(fake.balance("BTC"));
    }
  }

  @Test
  void anAccountThatDoesNotMatchTheJournal_refusesToStart() throws Exception {
    // The account holds 1,500 USDT; a fresh journal for a strategy with 1,000 of capital does not
    // explain the other 500: refuse, with a P1 incident, rather than trade on books that are wrong.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(1_500, f -> { }))
        .isInstanceOf(io.momentic.core.RunFailure.class)
        .hasMessageContaining("cash 1000 in the journal, 1500 at the venue");
    assertThat(java.nio.file.Files.readAllLines(dir.resolve("incidents.csv")).get(1)).contains(",P1,reconciliation,");
  }
}
