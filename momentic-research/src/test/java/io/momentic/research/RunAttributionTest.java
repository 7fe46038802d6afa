package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.analytics.Attribution;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.BarContext;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.Strategy;
import io.momentic.engine.account.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAttributionTest {

  /** Rotates between two random walks every 20 bars, with fees: both names win and lose. */
  private static final Strategy ROTATE = new Strategy() {
    @Override
    public void onBar(BarContext c) {
      int on = (c.bar() / 20) % 3;
      c.targetWeight(0, on == 0 ? 0.9 : on == 2 ? 0.45 : 0);
      c.targetWeight(1, on == 1 ? 0.9 : on == 2 ? 0.45 : 0);
    }
  };

  @Test
  void contributionsAddUpToTheEquityChangeOfEveryPeriod() {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(1, 400), TestBars.randomWalk(2, 400)));
    BacktestResult r = BacktestEngine.run(panel, ROTATE, BacktestConfig.of(10_000)
        .withFees(FeeModel.fixedPlusRate(1, 0.001)).withCloseAtEnd(true));
    Attribution.Report whole = RunAttribution.of(panel, r, 0, 400);
    assertThat(whole.contributions()).hasSize(2);
    assertThat(whole.netPnl()).isCloseTo(r.finalEquity() - 10_000, within(1e-6));
    // Closed at the end, so each name's contribution is the sum of its trades' P&L.
    for (Attribution.Contribution c : whole.contributions()) {
      double trades = r.trades().stream().filter(t -> t.instrument().equals(c.instrument())).mapToDouble(Trade::pnl)
          .sum();
      assertThat(c.pnl()).as(c.instrument()).isCloseTo(trades, within(1e-6));
    }
    Attribution.Report middle = RunAttribution.of(panel, r, 150, 300);
    assertThat(middle.netPnl()).isCloseTo(r.equity()[299] - r.equity()[149], within(1e-6));
  }

  @Test
  void concentration_isAskedOnlyOfMoreThanThreeNames_andSharesAbove100AreExplained() {
    // Net P&L 100: A +150, B +20, C −30, D −40; largest first, the top three are A, B and C: 140 %.
    Attribution.Report four = new Attribution.Report(java.util.List.of(
        new Attribution.Contribution("A", 150, 1.5), new Attribution.Contribution("B", 20, 0.2),
        new Attribution.Contribution("C", -30, -0.3), new Attribution.Contribution("D", -40, -0.4)), 100, 1.5, 1.4, 0);
    org.assertj.core.api.Assertions.assertThat(RunAttribution.concentrated(four)).isTrue();
    org.assertj.core.api.Assertions.assertThat(RunAttribution.headline(four)).contains("top-1 150%, top-3 140%")
        .contains("a share above 100 % means the other names lost money").contains("WARNING");
    // One name carries everything by definition: not a concentration finding.
    Attribution.Report one = new Attribution.Report(java.util.List.of(new Attribution.Contribution("GOOG", 50, 1)),
        50, 1, 1, 1);
    org.assertj.core.api.Assertions.assertThat(RunAttribution.concentrated(one)).isFalse();
    org.assertj.core.api.Assertions.assertThat(RunAttribution.headline(one)).contains("not measured")
        .doesNotContain("WARNING");
  }
}
