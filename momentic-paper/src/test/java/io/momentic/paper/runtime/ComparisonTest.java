package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Clock;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Trade;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.FaultyVenue;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.strategies.StrategyCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backtest against paper on the same bars: agreement, deltas, the promotion gate, variants. */
class ComparisonTest {

  @TempDir
  Path dir;

  static final PaperParityTest.Case SMA = PaperParityTest.cases().get(0);

  static Supplier<io.momentic.engine.Strategy> sma(int fast, int slow) {
    return () -> StrategyCatalog.resolve("sma-cross", Map.of("fast", Integer.toString(fast), "slow",
        Integer.toString(slow))).create();
  }

  PaperRuntime runtime(Map<SlotSpec, BrokerClient> accounts) {
    return new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null);
  }

  static SlotSpec spec(String id, Supplier<io.momentic.engine.Strategy> s) {
    return new SlotSpec(id, s, TestStrategies.costly(SMA.panel()), SMA.panel().symbols(), id);
  }

  static PaperVenue venue(String id) {
    BacktestConfig c = TestStrategies.costly(SMA.panel());
    return new PaperVenue(id, SMA.panel().symbols(), c.initialCash(), c.execution());
  }

  @Test
  void aCleanReplay_agreesWithTheBacktest_andPassesTheGate() throws Exception {
    SlotSpec spec = spec("sma", sma(5, 20));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(spec, venue("sma"));
    try (PaperRuntime r = runtime(accounts)) {
      r.replay(Map.of("sma", SMA.panel().upTo(200)), 0, null);
      Comparison.Result c = Comparison.of(spec, SMA.panel(), r.journal().entries("sma"), Comparison.Gate.DEFAULT);
      BacktestResult b = BacktestEngine.run(SMA.panel().upTo(200), sma(5, 20).get(), spec.config());
      assertThat(c.bars()).isEqualTo(200);
      assertThat(c.agreement()).isEqualTo(1.0);
      assertThat(c.decisionBars()).isPositive();
      assertThat(c.paperTrades()).isEqualTo(b.trades().size()).isEqualTo(c.backtestTrades());
      assertThat(c.paperPnl()).isEqualTo(b.finalEquity() - 10_000);
      assertThat(c.paperFees()).isEqualTo(b.totalFees());
      assertThat(c.validated()).isTrue();
      assertThat(c.verdict()).startsWith("backtest-validated: decision agreement 100.0 %");
      // The same bars without an order: warm-up before bar 40, no signal after.
      assertThat(c.paperSkips().get("warm_up")).isEqualTo(40).isEqualTo(c.backtestSkips().get("warm_up"));
      assertThat(c.paperSkips().get("no_signal")).isEqualTo(c.backtestSkips().get("no_signal"));
    }
  }

  @Test
  void aQuarantinedStrategy_disagrees_andFailsTheGate() throws Exception {
    SlotSpec spec = spec("sma", sma(5, 20));
    FaultyVenue faulty = new FaultyVenue(venue("sma")).next(FaultyVenue.Call.PLACE, FaultyVenue.Fault.REJECT);
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(spec, faulty);
    try (PaperRuntime r = runtime(accounts)) {
      r.replay(Map.of("sma", SMA.panel()), 0, null);
      Comparison.Result c = Comparison.of(spec, SMA.panel(), r.journal().entries("sma"), Comparison.Gate.DEFAULT);
      assertThat(c.agreement()).isLessThan(0.5);
      assertThat(c.paperTrades()).isZero();
      assertThat(c.backtestTrades()).isPositive();
      assertThat(c.validated()).isFalse();
      assertThat(c.verdict()).startsWith("NOT validated");
      assertThat(c.firstDisagreements()).isNotEmpty().allSatisfy(d -> assertThat(d).contains("paper nothing"));
      assertThat(c.paperSkips().get("quarantined")).isPositive();
    }
  }

  @Test
  void variants_showWinRatePnlFeesMargin_andConvergence() throws Exception {
    SlotSpec a = spec("fast5", sma(5, 20));
    SlotSpec same = spec("fast5b", sma(5, 20));
    SlotSpec b = spec("fast8", sma(8, 20));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(a, venue("fast5"));
    accounts.put(same, venue("fast5b"));
    accounts.put(b, venue("fast8"));
    try (PaperRuntime r = runtime(accounts)) {
      r.replay(Map.of("fast5", SMA.panel(), "fast5b", SMA.panel(), "fast8", SMA.panel()), 0, null);
      Map<String, List<Journal.Entry>> entries = Map.of("fast5", r.journal().entries("fast5"), "fast5b",
          r.journal().entries("fast5b"), "fast8", r.journal().entries("fast8"));
      Comparison.Variants twins = Comparison.variants("sma-cross", List.of(a, same), entries);
      assertThat(twins.convergence()).isEqualTo(1.0);

      Comparison.Variants v = Comparison.variants("sma-cross", List.of(a, b), entries);
      BacktestResult ba = BacktestEngine.run(SMA.panel(), sma(5, 20).get(), a.config());
      List<Trade> trades = ba.trades();
      double wins = trades.stream().filter(t -> t.pnl() > 0).count();
      Comparison.Variant first = v.variants().get(0);
      assertThat(first.trades()).isEqualTo(trades.size());
      assertThat(first.winRate()).isEqualTo(wins / trades.size());
      assertThat(first.pnl()).isEqualTo(ba.finalEquity() - 10_000);
      // Margin at the minimum order (10, no venue minimum set): mean gross trade return × 10 less a
      // round trip of 2 × (1 + 0.001 × 10) = 2.02 — the fixed fee of 1 per fill swamps a 10-unit order.
      double meanGross = trades.stream().mapToDouble(t -> t.returnPct() / 100 + t.fees() / (t.entryPrice()
          * t.quantity())).average().orElseThrow();
      assertThat(first.marginAtMinimumPct()).isCloseTo(100 * (meanGross * 10 - 2.02) / 10,
          org.assertj.core.api.Assertions.within(1e-9));
      assertThat(first.marginAtMinimumPct()).isLessThan(-15);
      assertThat(v.convergence()).isBetween(0.0, 1.0);
    }
  }
}
