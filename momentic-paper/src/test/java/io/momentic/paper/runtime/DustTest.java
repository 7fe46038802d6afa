package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BarContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.exec.VenueRules;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.paper.venue.VenueFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference 003's dust: a stopped strategy leaves a fragment below the venue's minimum notional.
 * It is not an open position, a start-up never turns it into an order, it is listed, the strategy
 * may retire with it, and close-dust tops it up to the minimum and sells the lot.
 */
class DustTest {

  @TempDir
  Path dir;

  /** Binance-like: 0.001 lot step, 10 USDT minimum notional. */
  static final VenueRules RULES = new VenueRules(0, 0.001, 0.001, 10, 0, 0, false);

  /** The parity cases' random walk as a crypto pair (fractional quantities). */
  static final Panel PAIR = Panel.align(List.of(crypto(TestBars.randomWalk(31, 200))));

  static BarSeries crypto(BarSeries s) {
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("FRAGUSDT", "paper"), Interval.D1);
    for (int i = 0; i < s.size(); i++) {
      b.add(s.time(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
    }
    return b.build();
  }

  /** Buys 0.5 units at bar 40's decision, sells 0.47 at bar 60's, and stops: 0.03 units stay. */
  static final class Fragmenter implements Strategy {
    @Override
    public void onBar(BarContext c) {
      if (c.bar() == 40) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(0.5)));
      } else if (c.bar() == 60) {
        c.submit(Order.market(0, Side.SELL, Sizing.reduceBy(0.47)));
      }
    }
  }

  PaperRuntime runtime(VenueFiles files) {
    BacktestConfig base = BacktestConfig.of(1_000).withStartTime(PAIR.time(30));
    BacktestConfig config = base.withExecution(base.execution().withRules(RULES));
    PaperVenue venue = files.load("frag").map(s -> PaperVenue.restore(s, config.execution()))
        .orElseGet(() -> new PaperVenue("frag", PAIR.symbols(), config.initialCash(), config.execution()));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec("frag", Fragmenter::new, config, PAIR.symbols(), "fragmenter"), venue);
    return new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, (id, s) -> files.save(s)).withStateDir(dir);
  }

  @Test
  void dust_isListed_survivesRestartsUntouched_allowsRetiring_andIsClosedSafely() throws Exception {
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    Map<String, Panel> first = Map.of("frag", PAIR.upTo(100));
    double price;
    try (PaperRuntime r = runtime(files)) {
      r.replay(first, 0, null);
      List<PaperRuntime.Dust> dust = r.dust(first);
      price = PAIR.close(0, 99);
      // 0.5 − 0.47 = 0.03 units (to the double the subtraction gives) at the close of bar 99.
      assertThat(dust).singleElement().satisfies(d -> {
        assertThat(d.instrument()).isEqualTo("FRAGUSDT");
        assertThat(d.quantity()).isEqualTo(0.5 - 0.47);
        assertThat(d.notional()).isLessThan(10);
        assertThat(d.why()).startsWith("notional").endsWith("below the minimum 10");
      });
      assertThat(r.slots().get("frag").books().ordersSent()).isEqualTo(2);
    }
    // A restart's start-up routine reconciles and sends nothing: the fragment is not an order.
    try (PaperRuntime r = runtime(files)) {
      r.replay(first, 0, null);
      assertThat(r.slots().get("frag").books().ordersSent()).isEqualTo(2);
      assertThat(r.journal().entries(Incidents.PORTFOLIO)).isEmpty();
      // Retiring needs flat or dust only: dust only, so it may.
      r.operator("frag", Operations.Action.RETIRE, "experiment over");
      assertThat(r.slots().get("frag").books().state()).isEqualTo(StrategyState.RETIRED);

      // close-dust: the top-up must meet the minimums itself, with a 10 % margin for the gap to the
      // next open: ceil(1.1 × 10 / price to 0.001) units; then the whole position (fragment + top-up,
      // on the lot step) is sold.
      double topUp = Math.ceil(1.1 * 10 / price / 0.001 - 1e-9) / 1000;
      List<PaperRuntime.DustClose> closes = r.closeDust(first, null);
      assertThat(closes).singleElement().satisfies(c -> {
        assertThat(c.sent()).isTrue();
        assertThat(c.detail()).contains("top-up buy " + io.momentic.core.Decimals.shortest(topUp));
      });
      r.replay(Map.of("frag", PAIR.upTo(102)), 0, null);
      SlotBooks b = r.slots().get("frag").books();
      assertThat(b.ledger().quantity(0)).isZero();
      List<io.momentic.engine.account.Fill> fills = b.ledger().fills();
      assertThat(fills).hasSize(4);
      assertThat(fills.get(2).quantity()).isCloseTo(topUp, org.assertj.core.api.Assertions.within(1e-12));
      assertThat(fills.get(3).quantity()).isCloseTo(0.03 + topUp, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(r.dust(Map.of("frag", PAIR.upTo(102)))).isEmpty();
    }
  }

  @Test
  void retiring_withARealPosition_isRefused() throws Exception {
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    try (PaperRuntime r = runtime(files)) {
      r.replay(Map.of("frag", PAIR.upTo(50)), 0, null); // holds 0.5 units, well above the minimum
      assertThatThrownBy(() -> r.operator("frag", Operations.Action.RETIRE, "done"))
          .hasMessageContaining("expected frag flat (or holding dust only) to retire it");
    }
  }
}
