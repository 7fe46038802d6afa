package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Membership;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipFilterTest {

  private static final long DAY = 86_400_000L;
  private static final long T0 = TestBars.day("2024-01-01");

  /** Five names growing at fixed rates a bar: A +3 %, B +2 %, C +1 %, D 0, E −1 %. */
  private static Panel fiveNames() {
    String[] names = {"A", "B", "C", "D", "E"};
    double[] growth = {0.03, 0.02, 0.01, 0, -0.01};
    List<BarSeries> out = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      BarSeries.Builder b = BarSeries.builder(Instrument.equity(names[s]), Interval.D1);
      double p = 100;
      for (int t = 0; t < 90; t++) {
        double next = p * (1 + growth[s]);
        b.add(T0 + t * DAY, p, Math.max(p, next), Math.min(p, next), next, 1_000_000);
        p = next;
      }
      out.add(b.build());
    }
    return Panel.align(out);
  }

  @Test
  void aNameIsHeldOnlyWhileItIsAMember_theNextBestTakesItsPlace() {
    // A, the best, is listed from bar 30 and delisted at bar 60; the rest are members throughout.
    Membership m = new Membership.Builder().add("A", T0 + 30 * DAY, T0 + 60 * DAY)
        .add("B", Long.MIN_VALUE, Long.MAX_VALUE).add("C", Long.MIN_VALUE, Long.MAX_VALUE)
        .add("D", Long.MIN_VALUE, Long.MAX_VALUE).add("E", Long.MIN_VALUE, Long.MAX_VALUE).build("test");
    XsecMomentum top1 = new XsecMomentum(new XsecMomentum.Params(5, 0, 1, 0, 40, 0));
    BacktestResult r = BacktestEngine.run(fiveNames(), new MembershipFilter(top1, m), BacktestConfig.of(100_000));
    List<String> trades = r.fills().stream().map(f -> f.bar() + ":" + f.action() + ":" + f.instrument()).toList();
    // Scores are known from bar 5 on: B is the best member, bought at bar 6's open. At bar 30 A
    // joins: B sold, A bought at bar 31's open. At bar 60 A has left: sold, B bought at bar 61.
    assertThat(r.fills()).extracting(Fill::bar).containsExactly(6, 31, 31, 61, 61);
    assertThat(trades.get(0)).endsWith(":B");
    assertThat(trades.get(1)).contains(":sell").endsWith(":B");
    assertThat(trades.get(2)).contains(":buy").endsWith(":A");
    assertThat(trades.get(3)).contains(":sell").endsWith(":A");
    assertThat(trades.get(4)).contains(":buy").endsWith(":B");
    // Without the history (survivor-only), A is held from the start.
    BacktestResult survivor = BacktestEngine.run(fiveNames(), new XsecMomentum(new XsecMomentum.Params(5, 0, 1, 0, 40,
        0)), BacktestConfig.of(100_000));
    assertThat(survivor.fills()).singleElement().satisfies(f -> assertThat(f.instrument()).isEqualTo("A"));
  }
}
