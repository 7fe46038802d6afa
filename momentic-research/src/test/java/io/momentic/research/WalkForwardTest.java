package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.research.Sweep.Objective;
import io.momentic.research.Sweep.Window;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

  @Test
  void windowsAtReference001Cuts() {
    // 1,000 bars from bar 100: 900 bars, cuts at 450, 540, 630, 720, 810 bars after bar 100.
    Window[][] anchored = WalkForward.windows(100, 1000, WalkForward.DEFAULT_CUTS, true);
    assertThat(anchored).hasDimensions(5, 2);
    assertThat(anchored[0]).containsExactly(new Window(100, 550), new Window(550, 640));
    assertThat(anchored[4]).containsExactly(new Window(100, 910), new Window(910, 1000));
    Window[][] rolling = WalkForward.windows(100, 1000, WalkForward.DEFAULT_CUTS, false);
    assertThat(rolling[0]).containsExactly(new Window(100, 550), new Window(550, 640));
    assertThat(rolling[4]).containsExactly(new Window(460, 910), new Window(910, 1000));
  }

  @Test
  void reoptimisesEachFoldAndStitchesTheTestWindows() {
    WalkForward.Result r = WalkForward.run(SweepTest.PANEL, SweepTest.TRIALS, SweepTest::momentum, SweepTest.CONFIG,
        50, new double[] {0.5, 0.75}, true, Objective.parse("sharpe"), 2, k -> {});
    assertThat(r.folds()).hasSize(2);
    double level = 1;
    int at = 0;
    int hits = 0;
    int pf = r.metricNames().indexOf("profit_factor");
    for (WalkForward.Fold f : r.folds()) {
      // The fold's choice is the train sweep's best, and its test run is the plain backtest.
      Sweep.Result train = Sweep.run(SweepTest.PANEL, SweepTest.TRIALS, SweepTest::momentum, SweepTest.CONFIG,
          f.train(), 1, 0, k -> {});
      assertThat(f.bestTrial()).isEqualTo(train.best(Objective.parse("sharpe")).index());
      BacktestResult test = BacktestEngine.run(SweepTest.PANEL.upTo(f.test().toBar()),
          SweepTest.momentum(f.bestParams()), SweepTest.CONFIG.withStartTime(SweepTest.PANEL.time(f.test().fromBar())));
      for (int t = 0; t < test.equity().length; t++) {
        assertThat(r.oosTimes()[at]).isEqualTo(test.times()[t]);
        assertThat(r.oosWealth()[at++]).isCloseTo(level * test.equity()[t] / 10_000, within(1e-12));
      }
      level *= test.finalEquity() / 10_000;
      hits += f.testMetrics()[pf] >= 1 ? 1 : 0;
    }
    assertThat(at).isEqualTo(r.oosTimes().length);
    assertThat(r.edgeHitRate()).isEqualTo(hits / 2.0);
  }
}
