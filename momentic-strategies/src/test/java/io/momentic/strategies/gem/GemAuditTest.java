package io.momentic.strategies.gem;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import io.momentic.research.LookaheadAudit;
import org.junit.jupiter.api.Test;

/** GEM through the look-ahead audit's cut-and-compare walk, on the reference's bear basket. */
class GemAuditTest {

  static Panel basket() {
    return Panel.align(BarFiles.read(TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv"))
        .series());
  }

  @Test
  void bothTimings_areClean_overEveryCut() {
    Panel panel = basket();
    GemParams bearW30 = GemParams.BEAR.with("fit_window", "30");
    for (GemBacktest.Timing timing : GemBacktest.Timing.values()) {
      LookaheadAudit.Result r = GemAudit.audit("gem " + timing.code(), panel, bearW30, GemFit.Model.EXPONENTIAL, timing,
          LookaheadAudit.Options.DEFAULTS);
      assertThat(r.findings()).as(timing.code()).isEmpty();
      assertThat(r.cutsChecked()).isEqualTo(LookaheadAudit.cuts(panel.size(), LookaheadAudit.Options.DEFAULTS).length)
          .isGreaterThan(30);
    }
  }

  @Test
  void theTraceHoldsValueMomentaAndEveryRebalanceWithItsTargets() {
    GemData data = GemData.of(basket());
    GemBacktest.Result result = GemBacktest.run(data, GemParams.BEAR.with("fit_window", "30"), GemFit.Model.EXPONENTIAL,
        GemBacktest.Timing.SAME_CLOSE);
    LookaheadAudit.Trace trace = GemAudit.trace(data, result);
    assertThat(trace.values()).hasSize(1 + data.tokens().size()).containsKey("value");
    // The notebook's exp-bear-w30 rebalances 21 times (spec §5), each to one token (top_n = 1).
    assertThat(trace.decisions()).hasSize(21);
    assertThat(trace.decisions()).allSatisfy(d -> assertThat(d.what()).matches("rebalance to \\{([A-Z0-9]+=1\\.0)?}"));
  }

  /**
   * A GEM that fits on tomorrow's close is caught at the shortest truncated history: its last day
   * has no tomorrow, so its momenta there differ from the full history's, which saw the next close.
   */
  @Test
  void aWalkPeekingAtTomorrowsClose_isFlaggedAtTheLastBarOfTheShortestCut() {
    Panel panel = basket();
    LookaheadAudit.Result r = GemAudit.auditLeakSample(panel, LookaheadAudit.Options.DEFAULTS);
    assertThat(r.clean()).isFalse();
    int shortest = LookaheadAudit.cuts(panel.size(), LookaheadAudit.Options.DEFAULTS)[0];
    assertThat(r.findings()).anySatisfy(f -> {
      assertThat(f.name()).startsWith("momentum[");
      assertThat(f.cut()).isEqualTo(shortest);
      assertThat(f.firstBar()).isEqualTo(shortest - 1);
    });
  }
}
