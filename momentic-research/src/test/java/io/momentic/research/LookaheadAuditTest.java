package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.indicators.BarIndicator;
import io.momentic.indicators.Indicators;
import io.momentic.research.LookaheadAudit.Options;
import io.momentic.research.LookaheadAudit.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class LookaheadAuditTest {

  private static final BarSeries SERIES = TestBars.randomWalk(2026, 2_000);

  @Test
  void everyInjectedLeak_isFlagged() {
    List<BarIndicator> leaks = LeakSamples.indicators();
    assertThat(leaks).hasSize(6);
    for (BarIndicator leak : leaks) {
      Result r = LookaheadAudit.auditIndicator(leak, SERIES, Options.DEFAULTS);
      assertThat(r.clean()).as(leak.name()).isFalse();
      assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.name()).isEqualTo(leak.name()));
    }
  }

  @Test
  void everyBuiltInIndicator_isClean() {
    for (BarIndicator indicator : Indicators.builtIns()) {
      Result r = LookaheadAudit.auditIndicator(indicator, SERIES, Options.DEFAULTS);
      assertThat(r.findings()).as(indicator.name()).isEmpty();
      assertThat(r.cutsChecked()).isGreaterThanOrEqualTo(40);
    }
  }

  @Test
  void oneBarShift_isReportedAtTheLastVisibleBar_ofTheCut() {
    // One cut at n − 1 bars: the truncated history cannot know close[n − 1], so the first difference is at
    // bar n − 2, where the full history says close[n − 1] and the truncated one says nothing (NaN).
    Options lastOnly = new Options(0, 1, 50, 1, 0, 1e-9);
    Result r = LookaheadAudit.auditIndicator(LeakSamples.indicators().get(0), SERIES, lastOnly);
    assertThat(r.cutsChecked()).isEqualTo(1);
    LookaheadAudit.Finding f = r.findings().get(0);
    assertThat(f.cut()).isEqualTo(1_999);
    assertThat(f.firstBar()).isEqualTo(1_998);
    assertThat(f.firstTimeMillis()).isEqualTo(SERIES.time(1_998));
    assertThat(f.difference()).isNaN();
    assertThat(f.detail()).contains(Double.toString(SERIES.close(1_999)));
  }

  @Test
  void fullSampleNormalisation_differsFromTheFirstBar_andSaysByHowMuch() {
    Result r = LookaheadAudit.auditIndicator(LeakSamples.indicators().get(1), SERIES, Options.DEFAULTS);
    LookaheadAudit.Finding f = r.findings().get(0);
    assertThat(f.firstBar()).isZero();
    assertThat(f.difference()).isPositive();
  }

  @Test
  void cuts_areSeededRandomPlusEveryBarNearTheEnd() {
    int[] cuts = LookaheadAudit.cuts(2_000, Options.DEFAULTS);
    assertThat(cuts).contains(1_980, 1_990, 1_999).doesNotContain(2_000);
    assertThat(cuts).isSorted();
    assertThat(cuts[0]).isGreaterThanOrEqualTo(50);
    assertThat(LookaheadAudit.cuts(2_000, Options.DEFAULTS)).containsExactly(cuts);
  }

  @Test
  void convergence_smaExactlyAtWarmup_emaLater() {
    // An SMA forgets everything older than its window: exact from its warm-up (19 bars for 20).
    LookaheadAudit.Convergence sma = LookaheadAudit.convergence(Indicators.sma(20), SERIES, Options.DEFAULTS).get(0);
    assertThat(sma.barsToConverge()).isEqualTo(19);
    // An EMA(20) carries its seed with weight (1 − 2/21)^m: to fall under 1e-9 of a typical value it needs
    // about ln(1e-9) / ln(19/21) ≈ 207 bars — more than its warm-up, well under the history.
    LookaheadAudit.Convergence ema = LookaheadAudit.convergence(Indicators.ema(20), SERIES, Options.DEFAULTS).get(0);
    assertThat(ema.recursive()).isTrue();
    assertThat(ema.barsToConverge()).isBetween(150, 300);
  }

  @Test
  void peekingStrategy_isFlagged_byItsFeatureAndItsDecisions() {
    Panel panel = Panel.align(List.of(SERIES));
    Result r = LookaheadAudit.auditStrategy("peeking", LeakSamples::peekingStrategy, panel, BacktestConfig.of(10_000),
        Options.DEFAULTS);
    assertThat(r.findings()).extracting(LookaheadAudit.Finding::kind).contains("feature", "decision");
    assertThat(r.findings()).extracting(LookaheadAudit.Finding::name).contains("next_close");
  }
}
