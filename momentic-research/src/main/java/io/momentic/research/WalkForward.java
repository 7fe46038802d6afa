package io.momentic.research;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestResult;
import io.momentic.research.Sweep.Objective;
import io.momentic.research.Sweep.StrategyFactory;
import io.momentic.research.Sweep.Trial;
import io.momentic.research.Sweep.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Walk-forward analysis: cut the data at several points, re-optimise on each train window, run
 * the winner on the test window that follows, and stitch the test windows into one out-of-sample
 * equity curve (reference 001: "a single IS/OOS cut is one point estimate; five rolling cuts give a
 * distribution. 5/5 windows OOS PF ≥ 1.0 is real edge").
 *
 * <p>Cuts are fractions of the bars from {@code firstBar} to the end: cut c_i opens test window i,
 * which ends at the next cut (or the end). Anchored train windows start at {@code firstBar};
 * rolling ones keep the length of the first train window.
 */
public final class WalkForward {

  /** One train/test window pair and what it chose. */
  public record Fold(int number, Window train, Window test, int bestTrial, Map<String, String> bestParams,
      double[] trainMetrics, double[] testMetrics, boolean edgeHit) {}

  /**
   * @param oosTimes the bar times of all test windows, in order
   * @param oosWealth the stitched OOS wealth, 1.0 before the first test bar, each window's returns
   *     compounding on the last
   * @param edgeHitRate share of folds whose OOS profit factor is ≥ 1 (a fold with trades and no
   *     losing trade counts; one with no trades does not)
   */
  public record Result(List<String> metricNames, List<Fold> folds, long[] oosTimes, double[] oosWealth,
      double edgeHitRate, int trials, Objective objective, boolean anchored) {}

  private WalkForward() {}

  /** Reference 001's five cuts. */
  public static final double[] DEFAULT_CUTS = {0.5, 0.6, 0.7, 0.8, 0.9};

  /** The train/test windows, {@code [i][0]} train and {@code [i][1]} test. */
  public static Window[][] windows(int firstBar, int bars, double[] cuts, boolean anchored) {
    if (cuts.length == 0) {
      throw new ConfigException("cuts", "expected at least one cut, found none");
    }
    int span = bars - firstBar;
    int[] at = new int[cuts.length + 1];
    for (int i = 0; i < cuts.length; i++) {
      if (!(cuts[i] > 0 && cuts[i] < 1) || (i > 0 && cuts[i] <= cuts[i - 1])) {
        throw new ConfigException("cuts", "expected increasing fractions in (0, 1), found " + java.util.Arrays
            .toString(cuts));
      }
      at[i] = firstBar + (int) Math.round(cuts[i] * span);
    }
    at[cuts.length] = bars;
    int trainLength = at[0] - firstBar;
    Window[][] out = new Window[cuts.length][];
    for (int i = 0; i < cuts.length; i++) {
      if (at[i + 1] - at[i] < 2 || trainLength < 2) {
        throw new ConfigException("cuts", "expected at least 2 bars in every window, found a window of "
            + Math.min(at[i + 1] - at[i], trainLength) + " bars (" + span + " bars in all)");
      }
      int trainFrom = anchored ? firstBar : at[i] - trainLength;
      out[i] = new Window[] {new Window(trainFrom, at[i]), new Window(at[i], at[i + 1])};
    }
    return out;
  }

  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, int firstBar, double[] cuts, boolean anchored, Objective objective, int threads,
      IntConsumer progress) {
    return run(panel, trials, factory, config, firstBar, cuts, anchored, objective, threads, progress, Double.NaN);
  }

  /** As above, annualised with {@code periodsPerYear} (NaN: the panel's own). */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, int firstBar, double[] cuts, boolean anchored, Objective objective, int threads,
      IntConsumer progress, double periodsPerYear) {
    Window[][] windows = windows(firstBar, panel.size(), cuts, anchored);
    List<Fold> folds = new ArrayList<>();
    List<String> names = null;
    int testBars = 0;
    for (Window[] w : windows) {
      testBars += w[1].size();
    }
    long[] times = new long[testBars];
    double[] wealth = new double[testBars];
    double level = 1;
    int at = 0;
    int hits = 0;
    int done = 0;
    for (int i = 0; i < windows.length; i++) {
      int offset = done;
      Sweep.Result train = Sweep.run(panel, trials, factory, config, windows[i][0], threads, 0,
          k -> progress.accept(offset + k), periodsPerYear);
      done += trials.size();
      names = train.metricNames();
      Trial best = train.best(objective);
      BacktestResult test = Sweep.runOne(panel, best.params(), factory, config, windows[i][1]);
      double[] testMetrics = Sweep.values(RunMetrics.of(test, train.periodsPerYear()));
      double[] equity = test.equity();
      for (int t = 0; t < equity.length; t++) {
        times[at] = test.times()[t];
        wealth[at++] = level * equity[t] / test.initialCash();
      }
      level = wealth[at - 1];
      boolean hit = edgeHit(testMetrics[names.indexOf("profit_factor")], testMetrics[names.indexOf("trades")]);
      hits += hit ? 1 : 0;
      folds.add(new Fold(i + 1, windows[i][0], windows[i][1], best.index(), best.params(), best.metrics(),
          testMetrics, hit));
    }
    return new Result(names, List.copyOf(folds), times, wealth, hits / (double) windows.length, trials.size(),
        objective, anchored);
  }

  private static boolean edgeHit(double profitFactor, double trades) {
    return Double.isNaN(profitFactor) ? trades > 0 : profitFactor >= 1;
  }
}
