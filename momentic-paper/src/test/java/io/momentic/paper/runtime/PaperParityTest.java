package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.Strategy;
import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Trade;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.paper.venue.VenueFiles;
import io.momentic.strategies.StrategyCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying stored bars through the paper runtime gives exactly the backtest's fills, trades and
 * equity, strategy by strategy — the venue is the backtest's matching core, the decisions are the
 * backtest's strategies against books rebuilt from the venue's fills — and a runtime stopped and
 * started again part-way carries on to the same result.
 */
class PaperParityTest {

  @TempDir
  Path dir;

  static final Panel ONE = Panel.align(List.of(TestBars.randomWalk(11, 260)));
  static final Panel THREE = Panel.align(List.of(TestBars.randomWalk(21, 260), TestBars.randomWalk(22, 260),
      TestBars.randomWalk(23, 260)));

  record Case(String id, Supplier<Strategy> strategy, Panel panel, BacktestConfig config) {

    Case(String id, Supplier<Strategy> strategy, Panel panel) {
      this(id, strategy, panel, TestStrategies.costly(panel));
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("sma", () -> StrategyCatalog.resolve("sma-cross", Map.of("fast", "5", "slow", "20")).create(), ONE),
        new Case("bracket", TestStrategies.BracketTrader::new, ONE),
        new Case("rotation", TestStrategies.Rotation::new, THREE),
        new Case("hold", () -> StrategyCatalog.resolve("buy-and-hold", Map.of()).create(), THREE),
        // 50 M of cash against bars of 100–200 k units: an order may take at most 2.5 % of a bar's
        // volume (zipline's volume-share model), so entries and exits fill in parts over several bars.
        new Case("partial", () -> StrategyCatalog.resolve("sma-cross", Map.of("fast", "5", "slow", "20")).create(),
            ONE, BacktestConfig.of(50_000_000).withSlippage(io.momentic.engine.exec.SlippageModel.volumeShare(0.025,
                0.1)).withStartTime(ONE.time(40))));
  }

  @Test
  void replayedBars_giveTheBacktestsFillsTradesAndEquity() throws Exception {
    Map<String, PaperVenue> venues = new LinkedHashMap<>();
    try (PaperRuntime runtime = runtime(dir.resolve("journal.db"), venues, new VenueFiles(dir.resolve("venue")))) {
      runtime.replay(bars(), 0, null);
      for (Case c : cases()) {
        assertMatchesBacktest(c, runtime.slots().get(c.id()).books(), runtime.journal());
      }
    }
    // The cases trade: brackets and trailing stops fill, targets rebalance.
    assertThat(backtest(cases().get(1)).fills()).extracting(Fill::reason).contains("stop-loss", "take-profit");
    assertThat(backtest(cases().get(2)).fills()).hasSizeGreaterThan(10);
    // The same signals in parts: many more fills than the unconstrained run's.
    assertThat(backtest(cases().get(4)).fills()).hasSizeGreaterThan(2 * backtest(cases().get(0)).fills().size());
  }

  @Test
  void stoppedAndStartedAgain_carriesOnToTheSameResult() throws Exception {
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    Path journal = dir.resolve("journal.db");
    for (int cut : new int[] {57, 58, 131}) {
      Map<String, Panel> firstPart = new LinkedHashMap<>();
      bars().forEach((id, p) -> firstPart.put(id, p.upTo(Math.min(cut, p.size()))));
      try (PaperRuntime runtime = runtime(journal, new LinkedHashMap<>(), files)) {
        runtime.replay(firstPart, 0, null);
      }
    }
    try (PaperRuntime runtime = runtime(journal, new LinkedHashMap<>(), files)) {
      runtime.replay(bars(), 0, null);
      for (Case c : cases()) {
        assertMatchesBacktest(c, runtime.slots().get(c.id()).books(), runtime.journal());
      }
    }
  }

  static Map<String, Panel> bars() {
    Map<String, Panel> bars = new LinkedHashMap<>();
    for (Case c : cases()) {
      bars.put(c.id(), c.panel());
    }
    return bars;
  }

  /** A runtime over paper venue accounts continued from {@code files} (fresh when none are saved). */
  static PaperRuntime runtime(Path journal, Map<String, PaperVenue> venues, VenueFiles files) {
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    for (Case c : cases()) {
      BacktestConfig config = c.config();
      PaperVenue venue = files.load(c.id()).map(s -> PaperVenue.restore(s, config.execution()))
          .orElseGet(() -> new PaperVenue(c.id(), c.panel().symbols(), config.initialCash(), config.execution()));
      venues.put(c.id(), venue);
      accounts.put(new SlotSpec(c.id(), c.strategy(), config, c.panel().symbols(), c.id()), venue);
    }
    return new PaperRuntime(Journal.openWriter(journal), Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")),
        accounts, (id, state) -> files.save(state));
  }

  static BacktestResult backtest(Case c) {
    return BacktestEngine.run(c.panel(), c.strategy().get(), c.config());
  }

  static void assertMatchesBacktest(Case c, SlotBooks books, Journal journal) {
    BacktestResult expected = backtest(c);
    // The books' fills are the venue's, booked again: same bar, side, quantity, price and fee.
    assertThat(strip(books.ledger().fills())).as(c.id() + " fills").isEqualTo(strip(expected.fills()));
    assertThat(strip(books.ledger().trades(), true)).as(c.id() + " trades").isEqualTo(strip(expected.trades(), true));
    // Equity at every bar's close, from the journal's BAR entries, to the bit.
    List<Double> equity = new ArrayList<>();
    for (Journal.Entry e : journal.entries(c.id())) {
      if (e.kind() == Journal.Kind.BAR && e.barTime() >= expected.times()[0]) {
        equity.add(((Number) PaperRuntime.read(e.payload()).get("equity")).doubleValue());
      }
    }
    assertThat(equity).as(c.id() + " equity").containsExactly(box(expected.equity()));
  }

  /** A fill without the order id (the venue's and the backtest's number orders differently). */
  record FillRow(int bar, long time, String instrument, String side, String action, double quantity, double price,
      double fee, String reason) {}

  static List<FillRow> strip(List<Fill> fills) {
    return fills.stream().map(f -> new FillRow(f.bar(), f.timeMillis(), f.instrument(), f.side().name(), f.action(),
        f.quantity(), f.price(), f.fee(), reasonOf(f.reason()))).toList();
  }

  /** Exit reasons name the venue's bracket legs the same way; entries the strategy's tag (none here). */
  static String reasonOf(String reason) {
    return reason == null ? "" : reason;
  }

  record TradeRow(String instrument, int direction, double quantity, long entryTime, double entryPrice, long exitTime,
      double exitPrice, double pnl, double fees) {}

  static List<TradeRow> strip(List<Trade> trades, boolean closed) {
    return trades.stream().map(t -> new TradeRow(t.instrument(), t.direction(), t.quantity(), t.entryTime(),
        t.entryPrice(), t.exitTime(), t.exitPrice(), t.pnl(), t.fees())).toList();
  }

  static Double[] box(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
