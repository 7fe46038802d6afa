package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.SharedValues;
import io.momentic.engine.exec.FeeModel;
import io.momentic.research.RunMetrics;
import io.momentic.research.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sweep's trials share their indicator arrays (each lookback/skip's scores, the ADDV, each
 * breadth series) and give exactly what each trial gives run on its own, with nothing shared.
 */
class SharedIndicatorSweepTest {

  /** 30 names of seeded weekly random walks, some listed late, one delisted early. */
  static Panel panel() {
    SplittableRandom rnd = new SplittableRandom(17);
    List<BarSeries> series = new ArrayList<>();
    long monday = TestBars.day("2020-01-06");
    for (int s = 0; s < 30; s++) {
      BarSeries.Builder b = BarSeries.builder(new Instrument("S" + s, "TEST", AssetClass.EQUITY, false), Interval.W1);
      int from = s % 7 == 0 ? 20 : 0;
      int to = s == 3 ? 90 : 160;
      double close = 50 + s;
      for (int t = from; t < to; t++) {
        double open = close;
        close = open * (1 + 0.03 * rnd.nextGaussian() + 0.002 * (s % 5 - 2));
        b.add(monday + t * 7 * 86_400_000L, open, Math.max(open, close), Math.min(open, close), close,
            200_000 + 10_000 * s);
      }
      series.add(b.build());
    }
    return Panel.align(series);
  }

  @Test
  void everyTrial_isTheSameAsRunAlone_andTheArraysAreComputedOncePerKey() {
    Panel panel = panel();
    List<Map<String, String>> trials = new ArrayList<>();
    for (String lookback : List.of("8", "13", "26")) {
      for (String skip : List.of("0", "1")) {
        for (String top : List.of("3", "5")) {
          for (String gate : List.of("0", "0.5")) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("lookback", lookback);
            p.put("skip", skip);
            p.put("top-n", top);
            p.put("gate", gate);
            p.put("gate-ma", "10");
            p.put("min-addv", "1000000");
            trials.add(p);
          }
        }
      }
    }
    Sweep.StrategyFactory factory = p -> StrategyRegistry.create("xsec-momentum", p);
    BacktestConfig config = BacktestConfig.of(100_000).withFees(FeeModel.parse("0.001"));
    Sweep.Window window = new Sweep.Window(30, 130);
    Sweep.Result swept = Sweep.run(panel, trials, factory, config, window, 2, 4, done -> { });
    int trades = swept.metricNames().indexOf("trades");
    assertThat(swept.trials()).allSatisfy(t -> assertThat(t.metrics()[trades]).as("trades").isPositive());
    assertEveryTrialAsRunAlone(panel, swept, factory, config, window);
    // One score matrix and one ranking per (lookback, skip), one ADDV, one eligibility list, one
    // breadth per average length: 6 + 6 + 1 + 1 + 1.
    assertThat(sharedValues(panel, trials, factory, config, window)).isEqualTo(15);
  }

  /**
   * Behind a membership filter the strategy sees fewer symbols than the data has: the sweep shares
   * its scores but ranks through the filter, and every trial equals its run alone.
   */
  @Test
  void behindAMembershipFilter_theRankingIsTheFiltersView() {
    Panel panel = panel();
    io.momentic.core.Membership.Builder members = new io.momentic.core.Membership.Builder();
    for (int s = 0; s < panel.symbolCount(); s++) {
      // Every third name is a member only in the middle of the window; the rest throughout.
      members.add(panel.symbol(s), s % 3 == 0 ? panel.time(60) : Long.MIN_VALUE,
          s % 3 == 0 ? panel.time(100) : Long.MAX_VALUE);
    }
    io.momentic.core.Membership membership = members.build("test");
    List<Map<String, String>> trials = new ArrayList<>();
    for (String lookback : List.of("8", "13")) {
      for (String top : List.of("3", "5")) {
        trials.add(new LinkedHashMap<>(Map.of("lookback", lookback, "skip", "0", "top-n", top, "min-addv", "0")));
      }
    }
    Sweep.StrategyFactory factory = p -> new MembershipFilter(StrategyRegistry.create("xsec-momentum", p), membership);
    BacktestConfig config = BacktestConfig.of(100_000).withFees(FeeModel.parse("0.001"));
    Sweep.Window window = new Sweep.Window(30, 130);
    Sweep.Result swept = Sweep.run(panel, trials, factory, config, window, 2, 4, done -> { });
    assertEveryTrialAsRunAlone(panel, swept, factory, config, window);
    // The unfiltered sweep differs: the filter's view is what was ranked.
    Sweep.Result unfiltered = Sweep.run(panel, trials, p -> StrategyRegistry.create("xsec-momentum", p), config,
        window, 2, 4, done -> { });
    assertThat(unfiltered.trials().get(0).metrics()).isNotEqualTo(swept.trials().get(0).metrics());
  }

  /**
   * The crossover grid shares each period's average (and the closes) across its trials: every trial
   * equals its run alone (there computed in one pass that stores neither average), and the 151
   * combinations of fast 5..45/5 × slow 10..190/10 compute 24 averages, not 302.
   */
  @Test
  void smaCrossGrid_sharesEachPeriodsAverage_andEveryTrialIsTheSameAsRunAlone() {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(7, 600)));
    List<Map<String, String>> trials = io.momentic.research.ParameterGrid.parse(
        List.of("fast=5:45:5", "slow=10:190:10"), List.of("fast < slow")).trials();
    assertThat(trials).hasSize(151);
    Sweep.StrategyFactory factory = p -> StrategyRegistry.create("sma-cross", p);
    BacktestConfig config = BacktestConfig.of(10_000).withFees(FeeModel.parse("0.001"));
    Sweep.Window window = Sweep.Window.all(panel);
    Sweep.Result swept = Sweep.run(panel, trials, factory, config, window, 2, 4, done -> { });
    int tradeCount = swept.metricNames().indexOf("trades");
    assertThat(swept.trials()).anySatisfy(t -> assertThat(t.metrics()[tradeCount]).isGreaterThan(5));
    assertEveryTrialAsRunAlone(panel, swept, factory, config, window);
    assertThat(sharedValues(panel, trials, factory, config, window))
        .as("the closes, the 19 slow periods and the fast 5, 15, 25, 35, 45").isEqualTo(1 + 24);
  }

  /** Each trial of the shared sweep has the metrics of its run alone, nothing shared. */
  static void assertEveryTrialAsRunAlone(Panel panel, Sweep.Result swept, Sweep.StrategyFactory factory,
      BacktestConfig config, Sweep.Window window) {
    for (Sweep.Trial t : swept.trials()) {
      double[] alone = Sweep.values(RunMetrics.of(Sweep.runOne(panel, t.params(), factory, config, window),
          swept.periodsPerYear()));
      assertThat(t.metrics()).as("trial %d %s", t.index(), t.params()).isEqualTo(alone);
    }
  }

  /** How many values the trials compute into one shared store, run one after another. */
  static int sharedValues(Panel panel, List<Map<String, String>> trials, Sweep.StrategyFactory factory,
      BacktestConfig config, Sweep.Window window) {
    SharedValues shared = new SharedValues();
    for (Map<String, String> p : trials) {
      io.momentic.engine.BacktestEngine.run(panel.upTo(window.toBar()), factory.create(p),
          config.withStartTime(panel.time(window.fromBar())), shared);
    }
    return shared.size();
  }

  @Test
  void outsideASweep_aSharedValueIsJustComputed() {
    PrepareContext alone = new PrepareContext() {
      @Override
      public Panel data() {
        return panel();
      }

      @Override
      public BacktestConfig config() {
        return BacktestConfig.of(1);
      }

      @Override
      public io.momentic.engine.Feature feature(String name, double[][] valuesBySymbol) {
        return null;
      }
    };
    int[] calls = {0};
    alone.shared("k", () -> ++calls[0]);
    alone.shared("k", () -> ++calls[0]);
    assertThat(calls[0]).isEqualTo(2);
  }
}
