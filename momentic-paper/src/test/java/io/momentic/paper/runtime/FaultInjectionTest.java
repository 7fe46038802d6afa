package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.FaultyVenue;
import io.momentic.paper.venue.FaultyVenue.Call;
import io.momentic.paper.venue.FaultyVenue.Fault;
import io.momentic.paper.venue.OrderStatus;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.strategies.StrategyCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue's failures, scripted in front of the paper venue, and what the runtime does about each.
 * The strategy is an SMA cross that trades every few weeks; every fault hits its first order(s).
 */
class FaultInjectionTest {

  @TempDir
  Path dir;

  static final PaperParityTest.Case SMA = PaperParityTest.cases().get(0);

  /** A timer that does not sleep: it records each wait and moves its clock on by it. */
  static final class FakeTimer implements Timer {
    final List<Long> waits = new ArrayList<>();
    long now;

    @Override
    public void sleep(long millis) {
      waits.add(millis);
      now += millis;
    }

    @Override
    public long nowMillis() {
      return now;
    }
  }

  record Setup(PaperRuntime runtime, FaultyVenue venue, PaperVenue paper, FakeTimer timer) {}

  Setup setup(RiskSettings risk, java.util.function.Consumer<FaultyVenue> script) {
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    PaperVenue paper = new PaperVenue(SMA.id(), SMA.panel().symbols(), config.initialCash(), config.execution());
    FaultyVenue faulty = new FaultyVenue(paper);
    script.accept(faulty);
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec(SMA.id(), SMA.strategy(), config, SMA.panel().symbols(), "sma"), faulty);
    FakeTimer timer = new FakeTimer();
    PaperRuntime runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null, risk, timer);
    return new Setup(runtime, faulty, paper, timer);
  }

  static void replay(PaperRuntime runtime) throws InterruptedException {
    runtime.replay(Map.of(SMA.id(), SMA.panel()), 0, null);
  }

  @Test
  void lostAcknowledgement_isResolvedByQueryingTheClientId_withoutADuplicateOrAKill() throws Exception {
    // The venue takes the first order but its reply is lost: UNKNOWN. The runtime asks for the
    // client id, finds it working, and records ACCEPTED — it never sends it again. UNKNOWN is
    // counted as its own thing, not as a failed execution: the strategy keeps running.
    Setup s = setup(RiskSettings.DEFAULT, v -> v.next(Call.PLACE, Fault.LOST_REPLY));
    try (PaperRuntime runtime = s.runtime()) {
      replay(runtime);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      assertThat(b.unknownOutcomes()).isEqualTo(1);
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(b.rejected()).isZero();
      // One venue order per intent: as many place calls as orders sent.
      assertThat(s.venue().calls(Call.PLACE)).isEqualTo(b.ordersSent());
      PaperParityTest.assertMatchesBacktest(SMA, b, runtime.journal());
    }
  }

  @Test
  void lostRequest_isFoundMissingByQuery_andSentAgain_once() throws Exception {
    // The request never arrived: the query says NOT_FOUND, so sending it again is not a blind
    // resend. Exactly one extra place call; the fills are the backtest's.
    Setup s = setup(RiskSettings.DEFAULT, v -> v.next(Call.PLACE, Fault.LOST_REQUEST));
    try (PaperRuntime runtime = s.runtime()) {
      replay(runtime);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      assertThat(s.venue().calls(Call.PLACE)).isEqualTo(b.ordersSent() + 1);
      assertThat(b.unknownOutcomes()).isEqualTo(1);
      PaperParityTest.assertMatchesBacktest(SMA, b, runtime.journal());
    }
  }

  @Test
  void outage_isRetriedWithBoundedBackoff_andNoDuplicates() throws Exception {
    // Three 503s on the first order (nothing executed), and the first two queries unavailable:
    // each query waits a jittered, growing interval; at most maxRetries queries per unknown outcome.
    Setup s = setup(RiskSettings.DEFAULT, v -> v.next(Call.PLACE, Fault.SERVER_ERROR, 3)
        .next(Call.QUERY, Fault.SERVER_ERROR, 2));
    try (PaperRuntime runtime = s.runtime()) {
      replay(runtime);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      // 1 original + 3 after NOT_FOUND answers (the first 2 queries failed and were retried) = 4 calls
      // for the first order, one for each later one.
      assertThat(s.venue().calls(Call.PLACE)).isEqualTo(b.ordersSent() + 3);
      // Waits: two after unavailable queries, with ceilings 200 ms and 400 ms (full jitter).
      assertThat(s.timer().waits).hasSize(2);
      assertThat(s.timer().waits.get(0)).isBetween(0L, 200L);
      assertThat(s.timer().waits.get(1)).isBetween(0L, 400L);
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      PaperParityTest.assertMatchesBacktest(SMA, b, runtime.journal());
    }
  }

  @Test
  void rejection_quarantines_andNothingResumesItButAnOperator() throws Exception {
    // The venue refuses the first order (-2010). The strategy is quarantined with the reason; every
    // later bar is skipped as QUARANTINED (no auto-resume), until an operator clears it.
    Setup s = setup(RiskSettings.DEFAULT, v -> v.next(Call.PLACE, Fault.REJECT));
    try (PaperRuntime runtime = s.runtime()) {
      Panel half = SMA.panel().upTo(150);
      runtime.replay(Map.of(SMA.id(), half), 0, null);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      assertThat(b.state()).isEqualTo(StrategyState.QUARANTINED);
      assertThat(b.stateReason()).contains("-2010", "insufficient balance");
      assertThat(b.ordersSent()).isEqualTo(1);
      assertThat(b.skips().get(SkipReason.QUARANTINED)).isGreaterThan(50);
      assertThat(s.paper().account().positions()).isEmpty();

      runtime.operator(SMA.id(), Operations.Action.CLEAR, "cleared after checking the balance");
      replay(runtime);
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(b.ordersSent()).isGreaterThan(1);
    }
    // The transitions are in the journal with their reasons, and survive a restart.
    Setup again = setup(RiskSettings.DEFAULT, v -> { });
    try (PaperRuntime runtime = again.runtime()) {
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(b.stateReason()).startsWith("operator: cleared");
    }
  }

  @Test
  void rateLimitStorm_opensTheCircuitBreaker_pausesTransiently_andResumesAfterTheCoolDown() throws Exception {
    // Every place call is answered 429 for a while. The runtime waits at least the Retry-After
    // (1 s) between tries, the breaker opens after 5 failures in a row and the command stops
    // there; the strategy is PAUSED for a transient reason and resumes by itself once the cool-down
    // (30 s) has passed — no quarantine: a rate limit is "not now", not "no".
    Setup s = setup(RiskSettings.DEFAULT, v -> v.next(Call.PLACE, Fault.RATE_LIMITED, 5));
    try (PaperRuntime runtime = s.runtime()) {
      replay(runtime);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      assertThat(runtime.breaker().timesOpened()).isEqualTo(1);
      assertThat(s.timer().waits).hasSize(4).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(1_000L));
      assertThat(s.venue().calls(Call.PLACE)).isEqualTo(5 + b.ordersSent() - 1);
      assertThat(b.rejected()).isZero();
      // The next daily bar closes a day later, long after the 30 s cool-down: it is decided as usual.
      assertThat(b.skips()).doesNotContainKey(SkipReason.PAUSED);
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      List<String> states = runtime.journal().entries(SMA.id()).stream()
          .filter(e -> e.kind() == Journal.Kind.STATE).map(e -> PaperRuntime.read(e.payload()).get("reason")
              .toString()).toList();
      assertThat(states).hasSize(2);
      assertThat(states.get(0)).startsWith("transient: venue degraded (429");
      assertThat(states.get(1)).startsWith("auto-resume");
    }
  }

  @Test
  void velocityAndExposureLimits_denyOrdersLocally_neverSendingThem() throws Exception {
    // At most 2 orders in a 30-day window, and gross exposure at most 0.5 x equity: the SMA cross
    // buys with all its cash (about 1 x) — every opening order is denied, closing ones never are.
    RiskSettings risk = RiskSettings.DEFAULT.withMaxGross(0.5)
        .withVelocity(new VelocityLimits.Limits(30L * 86_400_000, 2, 0, 0, 0));
    Setup s = setup(risk, v -> { });
    try (PaperRuntime runtime = s.runtime()) {
      replay(runtime);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      assertThat(b.denied()).isPositive();
      assertThat(b.ordersSent()).isZero();
      assertThat(s.venue().calls(Call.PLACE)).isZero();
      List<String> reasons = runtime.journal().entries(SMA.id()).stream()
          .filter(e -> e.kind() == Journal.Kind.DENIED).map(e -> PaperRuntime.read(e.payload()).get("reason")
              .toString()).toList();
      assertThat(reasons).allSatisfy(r -> assertThat(r).startsWith("exposure limit: gross"));
      assertThat(b.skips().get(SkipReason.RISK_BLOCKED)).isPositive();
    }
  }

  /** Rests a limit 3 % under the close every tenth bar and cancels it at the next bar, by its id. */
  static final class LimitThenCancel implements io.momentic.engine.Strategy {
    private long working = -1;

    @Override
    public void onBar(io.momentic.engine.BarContext c) {
      if (c.bar() % 10 == 0) {
        working = c.submit(io.momentic.engine.order.Order.limit(0, io.momentic.engine.order.Side.BUY,
            io.momentic.engine.order.Sizing.units(1), c.close(0) * 0.97));
      } else if (c.bar() % 10 == 1 && working >= 0) {
        c.cancel(working);
        working = -1;
      }
    }
  }

  @Test
  void aCancelRacingAFill_isNotAFailure() throws Exception {
    // The venue answers the first cancel -2011 (the order filled a moment before): a race, not an
    // execution failure — recorded as the venue's answer, no quarantine, and the strategy trades on.
    // The cancel named the order by the id the strategy kept from the bar before: a fresh instance
    // re-lives that bar and gets the same id.
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    PaperVenue paper = new PaperVenue("lim", SMA.panel().symbols(), config.initialCash(), config.execution());
    FaultyVenue faulty = new FaultyVenue(paper).next(Call.CANCEL, Fault.ALREADY_DONE);
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec("lim", LimitThenCancel::new, config, SMA.panel().symbols(), "limits"), faulty);
    try (PaperRuntime runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null, RiskSettings.DEFAULT, new FakeTimer())) {
      runtime.replay(Map.of("lim", SMA.panel()), 0, null);
      SlotBooks b = runtime.slots().get("lim").books();
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
      assertThat(b.rejected()).isZero();
      Map<String, String> targets = new java.util.HashMap<>();
      List<String[]> cancels = new java.util.ArrayList<>(); // client id, outcome, code
      for (Journal.Entry e : runtime.journal().entries("lim")) {
        Map<String, Object> p = PaperRuntime.read(e.payload());
        if (e.kind() == Journal.Kind.INTENT && "cancel".equals(p.get("command"))) {
          targets.put(e.ref(), (String) p.get("target"));
        } else if (e.kind() == Journal.Kind.SENT && "cancel".equals(p.get("command"))) {
          cancels.add(new String[] {e.ref(), (String) p.get("outcome"), (String) p.get("code")});
        }
      }
      assertThat(cancels.get(0)[1]).isEqualTo("REJECTED");
      assertThat(cancels.get(0)[2]).isEqualTo("-2011");
      // Every later cancel found its order as the venue holds it: cancelled while working, refused
      // (-2011) when the limit had filled inside the bar before the decision — the ids a fresh
      // instance re-derives are the venue's.
      int accepted = 0;
      for (String[] c : cancels.subList(1, cancels.size())) {
        OrderStatus.State target = paper.query(targets.get(c[0])).state();
        if (c[1].equals("ACCEPTED")) {
          accepted++;
          assertThat(target).as(c[0]).isEqualTo(OrderStatus.State.CANCELLED);
        } else {
          assertThat(target).as(c[0]).isEqualTo(OrderStatus.State.FILLED);
        }
      }
      assertThat(accepted).isGreaterThan(5);
      assertThat(faulty.calls(Call.CANCEL)).isEqualTo(cancels.size()).isGreaterThan(10);
    }
  }

  @Test
  void theBooksExposureLimit_deniesAStrategyWhenTheOthersHoldTheRoom() throws Exception {
    // Buy-and-hold invests its 10,000 at bar 40; then the book's gross is about half its 20,000
    // equity. The SMA cross's all-cash buys would take it to about 1 x: over the 0.75 x limit, denied.
    PaperParityTest.Case hold = new PaperParityTest.Case("hold", () -> StrategyCatalog.resolve("buy-and-hold",
        Map.of()).create(), SMA.panel());
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    for (PaperParityTest.Case c : List.of(hold, SMA)) {
      accounts.put(new SlotSpec(c.id(), c.strategy(), config, SMA.panel().symbols(), c.id()),
          new PaperVenue(c.id(), SMA.panel().symbols(), config.initialCash(), config.execution()));
    }
    try (PaperRuntime runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null,
        RiskSettings.DEFAULT.withMaxPortfolioGross(0.75), new FakeTimer())) {
      runtime.replay(Map.of("hold", SMA.panel(), "sma", SMA.panel()), 0, null);
      assertThat(runtime.slots().get("hold").books().ledger().fills()).hasSize(1);
      SlotBooks sma = runtime.slots().get("sma").books();
      assertThat(sma.denied()).isPositive();
      List<String> reasons = runtime.journal().entries("sma").stream().filter(e -> e.kind() == Journal.Kind.DENIED)
          .map(e -> PaperRuntime.read(e.payload()).get("reason").toString()).toList();
      assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("book exposure limit: gross"));
    }
  }

  /** Bids a limit 30 % under the close at bar 50 (far outside a 5 % band). */
  static final class FarBid implements io.momentic.engine.Strategy {
    @Override
    public void onBar(io.momentic.engine.BarContext c) {
      if (c.bar() == 50) {
        c.submit(io.momentic.engine.order.Order.limit(0, io.momentic.engine.order.Side.BUY,
            io.momentic.engine.order.Sizing.units(1), c.close(0) * 0.70));
      }
    }
  }

  @Test
  void priceDriftBeyondTheBand_isClampedIntoIt() throws Exception {
    // The venue takes limit prices within 5 % of the last price, on a 0.01 tick: the bid at 70 % of
    // bar 50's close c rests at round_down(0.95 × c, 0.01) — the same rules the backtest applies.
    BacktestConfig base = TestStrategies.costly(SMA.panel());
    BacktestConfig config = base.withExecution(base.execution().withRules(
        new io.momentic.engine.exec.VenueRules(0.01, 0, 0, 0, 0.05, 0, false)));
    PaperVenue paper = new PaperVenue("far", SMA.panel().symbols(), config.initialCash(), config.execution());
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec("far", FarBid::new, config, SMA.panel().symbols(), "far"), paper);
    try (PaperRuntime runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null)) {
      runtime.replay(Map.of("far", SMA.panel().upTo(51)), 0, null);
      double c = SMA.panel().close(0, 50);
      double expected = Math.floor(0.95 * c / 0.01 + 1e-9) / 100;
      assertThat(paper.state().portfolio().workingOrders()).singleElement()
          .satisfies(o -> assertThat(o.limitPrice()).isEqualTo(expected));
      // The journal keeps what the strategy asked for (70 %); the venue's order is the clamped one.
      assertThat(runtime.journal().entries("far").stream().filter(e -> e.kind() == Journal.Kind.INTENT)
          .map(e -> ((Number) PaperRuntime.read(e.payload()).get("limit")).doubleValue()).toList())
          .containsExactly(c * 0.70);
    }
  }

  @Test
  void aPartialFill_leavesTheRestWorking_andTheBooksFollowEachPart() throws Exception {
    // The bar where the first SMA entry fills is thin: 10 units at most. The order is partly filled
    // (an update says so), the rest fills at the next bar's open, and the books hold both parts.
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    io.momentic.engine.BacktestResult b = io.momentic.engine.BacktestEngine.run(SMA.panel(), SMA.strategy().get(),
        config);
    io.momentic.engine.account.Fill firstEntry = b.fills().get(0);
    PaperVenue paper = new PaperVenue("sma", SMA.panel().symbols(), config.initialCash(), config.execution())
        .thinBar(firstEntry.timeMillis(), 10);
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec("sma", SMA.strategy(), config, SMA.panel().symbols(), "sma"), paper);
    try (PaperRuntime runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null)) {
      int entryBar = firstEntry.bar();
      runtime.replay(Map.of("sma", SMA.panel().upTo(entryBar + 2)), 0, null);
      SlotBooks books = runtime.slots().get("sma").books();
      List<io.momentic.engine.account.Fill> fills = books.ledger().fills();
      assertThat(fills).hasSize(2);
      assertThat(fills.get(0).quantity()).isEqualTo(10);
      assertThat(fills.get(0).bar()).isEqualTo(entryBar);
      assertThat(fills.get(1).bar()).isEqualTo(entryBar + 1);
      assertThat(fills.get(0).quantity() + fills.get(1).quantity()).isPositive();
      assertThat(runtime.journal().entries("sma").stream().filter(e -> e.kind() == Journal.Kind.UPDATE)
          .map(e -> PaperRuntime.read(e.payload()).get("state"))).contains("PARTIALLY_FILLED", "FILLED");
      assertThat(books.ledger().quantity(0)).isEqualTo(paper.account().position(SMA.panel().symbol(0)));
      assertThat(books.state()).isEqualTo(StrategyState.RUNNING);
    }
  }

  @Test
  void aVenueClockOffByHours_stillBooksEachFillOnItsBar() throws Exception {
    // The venue's clock runs 7 h ahead: its fill times are 7 h late against our bars. The runtime
    // books each fill on the bar it was collected in, so the books are the backtest's — the same
    // bars, quantities and prices — with the venue's own times kept as it reported them.
    Setup s = setup(RiskSettings.DEFAULT, v -> v.clockSkew(7 * 3_600_000L));
    try (PaperRuntime runtime = s.runtime()) {
      replay(runtime);
      SlotBooks b = runtime.slots().get(SMA.id()).books();
      List<io.momentic.engine.account.Fill> expected = PaperParityTest.backtest(SMA).fills();
      List<io.momentic.engine.account.Fill> actual = b.ledger().fills();
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < actual.size(); i++) {
        assertThat(actual.get(i).bar()).isEqualTo(expected.get(i).bar());
        assertThat(actual.get(i).quantity()).isEqualTo(expected.get(i).quantity());
        assertThat(actual.get(i).price()).isEqualTo(expected.get(i).price());
        assertThat(actual.get(i).timeMillis()).isEqualTo(expected.get(i).timeMillis() + 7 * 3_600_000L);
      }
      assertThat(b.state()).isEqualTo(StrategyState.RUNNING);
    }
  }
}
