package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.BarContext;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.Strategy;
import io.momentic.research.Sweep.Objective;
import io.momentic.research.Sweep.Trial;
import io.momentic.research.Sweep.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SweepTest {

  /** Long when the close is above the close {@code lookback} bars ago, flat otherwise. */
  static Strategy momentum(Map<String, String> params) {
    int lookback = Integer.parseInt(params.get("lookback"));
    double weight = Double.parseDouble(params.getOrDefault("weight", "1"));
    return new Strategy() {
      @Override
      public void onBar(BarContext c) {
        if (c.bar() < lookback) {
          return;
        }
        c.targetWeight(0, c.close(0) > c.close(0, lookback) ? weight : 0);
      }
    };
  }

  static final Panel PANEL = Panel.align(List.of(TestBars.randomWalk(5, 900)));
  static final BacktestConfig CONFIG = BacktestConfig.of(10_000).withFees(FeeModel.fixedPlusRate(0, 0.001));
  static final List<Map<String, String>> TRIALS = new ParameterGrid(List.of(
      ParameterGrid.parseDimension("lookback=2:40:2"), ParameterGrid.parseDimension("weight=0.5,1")), List.of())
      .trials();

  @Test
  void everyTrialIsThePlainBacktestOfItsParameters() {
    Window window = new Window(100, 900);
    Sweep.Result result = Sweep.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, window, 1, 8, k -> {});
    assertThat(result.trials()).hasSize(40);
    int sharpe = result.metricIndex("sharpe");
    int finalEquity = result.metricIndex("final_equity");
    for (int i : new int[] {0, 17, 39}) {
      Trial t = result.trials().get(i);
      BacktestResult direct = BacktestEngine.run(PANEL, momentum(TRIALS.get(i)),
          CONFIG.withStartTime(PANEL.time(100)));
      double[] wealth = new double[direct.equity().length + 1];
      wealth[0] = 10_000;
      System.arraycopy(direct.equity(), 0, wealth, 1, direct.equity().length);
      double[] returns = EquityMetrics.returns(wealth);
      assertThat(t.params()).isEqualTo(TRIALS.get(i));
      assertThat(t.metrics()[finalEquity]).isEqualTo(direct.finalEquity());
      assertThat(t.metrics()[sharpe]).isCloseTo(ReturnMetrics.sharpe(returns, 252), within(1e-12));
      // 800 bars in 8 blocks of 100: the block sums add up to the sum of the returns.
      double sum = 0;
      for (double b : t.blockSum()) {
        sum += b;
      }
      double expected = 0;
      for (double r : returns) {
        expected += r;
      }
      assertThat(sum).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void sameResultsAtOneThreadOrMany() {
    Window window = Window.all(PANEL);
    AtomicInteger progress = new AtomicInteger();
    Sweep.Result one = Sweep.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, window, 1, 4, k -> {});
    Sweep.Result many = Sweep.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, window, 3, 4,
        k -> progress.incrementAndGet());
    assertThat(progress.get()).isEqualTo(40);
    for (int i = 0; i < 40; i++) {
      assertThat(many.trials().get(i).metrics()).isEqualTo(one.trials().get(i).metrics());
      assertThat(many.trials().get(i).blockSumSq()).isEqualTo(one.trials().get(i).blockSumSq());
    }
  }

  @Test
  void rankingFollowsTheObjective() {
    Sweep.Result result = Sweep.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, Window.all(PANEL), 2, 0, k -> {});
    List<Trial> bySharpe = result.ranked(Objective.parse("sharpe"));
    double[] sharpe = result.column("sharpe");
    double max = Double.NEGATIVE_INFINITY;
    for (double s : sharpe) {
      max = Math.max(max, s);
    }
    assertThat(bySharpe.get(0).metrics()[result.metricIndex("sharpe")]).isEqualTo(max);
    List<Trial> byDrawdownDuration = result.ranked(Objective.parse("-max_drawdown_duration_bars"));
    List<Double> durations = new ArrayList<>();
    for (Trial t : byDrawdownDuration) {
      durations.add(t.metrics()[result.metricIndex("max_drawdown_duration_bars")]);
    }
    assertThat(durations).isSorted();
  }

  @Test
  void trainTestRanksOnTrainOnlyAndRunsTheTopOutOfSample() {
    Window train = new Window(0, 600);
    Window test = new Window(600, 900);
    TrainTest.Result r = TrainTest.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, train, test,
        Objective.parse("sharpe"), 3, 2, 0, k -> {});
    assertThat(r.top()).hasSize(3);
    Sweep.Result trainOnly = Sweep.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, train, 1, 0, k -> {});
    List<Trial> ranked = trainOnly.ranked(Objective.parse("sharpe"));
    int finalEquity = trainOnly.metricIndex("final_equity");
    for (int i = 0; i < 3; i++) {
      TrainTest.Row row = r.top().get(i);
      assertThat(row.trialIndex()).isEqualTo(ranked.get(i).index());
      BacktestResult oos = BacktestEngine.run(PANEL, momentum(row.params()), CONFIG.withStartTime(PANEL.time(600)));
      assertThat(oos.times()).hasSize(300);
      assertThat(row.test()[finalEquity]).isEqualTo(oos.finalEquity());
    }
  }

  @Test
  void sweepOverfittingUsesTheBlockSummaries() {
    Sweep.Result result = Sweep.run(PANEL, TRIALS, SweepTest::momentum, CONFIG, new Window(100, 900), 2, 8, k -> {});
    double[][] matrix = new double[800][40];
    for (int j = 0; j < 40; j++) {
      BacktestResult direct = BacktestEngine.run(PANEL, momentum(TRIALS.get(j)), CONFIG.withStartTime(PANEL.time(100)));
      double[] wealth = new double[801];
      wealth[0] = 10_000;
      System.arraycopy(direct.equity(), 0, wealth, 1, 800);
      double[] returns = EquityMetrics.returns(wealth);
      for (int t = 0; t < 800; t++) {
        matrix[t][j] = returns[t];
      }
    }
    BacktestOverfitting.Result fromMatrix = BacktestOverfitting.cscv(matrix, 8);
    BacktestOverfitting.Result fromSweep = result.overfitting();
    assertThat(fromSweep.pbo()).isEqualTo(fromMatrix.pbo());
    assertThat(fromSweep.logits()).containsExactly(fromMatrix.logits(), within(1e-9));
  }
}
