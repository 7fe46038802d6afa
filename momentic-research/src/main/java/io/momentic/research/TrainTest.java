package io.momentic.research;

import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.research.Sweep.Objective;
import io.momentic.research.Sweep.StrategyFactory;
import io.momentic.research.Sweep.Trial;
import io.momentic.research.Sweep.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Rank on the train period only, then evaluate the top k on the out-of-sample period, and report
 * both side by side (reference 000 §3: 225 configs ranked by train profit factor, OOS looked at
 * only afterwards). The OOS runs start flat at the first OOS bar; earlier bars only warm up
 * indicators.
 */
public final class TrainTest {

  /** One of the top k: its train metrics and its OOS metrics, in {@link Sweep.Result#metricNames()} order. */
  public record Row(int rank, int trialIndex, Map<String, String> params, double[] train, double[] test) {}

  public record Result(Sweep.Result train, Window testWindow, Objective objective, List<Row> top) {}

  private TrainTest() {}

  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Window trainWindow, Window testWindow, Objective objective, int topK, int threads,
      int blocks, IntConsumer progress) {
    return run(panel, trials, factory, config, trainWindow, testWindow, objective, topK, threads, blocks, progress,
        Double.NaN);
  }

  /** As above, annualised with {@code periodsPerYear} (NaN: the panel's own). */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Window trainWindow, Window testWindow, Objective objective, int topK, int threads,
      int blocks, IntConsumer progress, double periodsPerYear) {
    return run(panel, trials, factory, config, trainWindow, testWindow, objective, topK, threads, blocks, progress,
        periodsPerYear, Sweep.TrialRunner.LOCAL);
  }

  /** As above, the train trials run by {@code runner} (a cluster's, say); the top k run here. */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Window trainWindow, Window testWindow, Objective objective, int topK, int threads,
      int blocks, IntConsumer progress, double periodsPerYear, Sweep.TrialRunner runner) {
    Sweep.Result train = runner.run(panel, trials, factory, config, trainWindow, threads, blocks, progress,
        periodsPerYear);
    List<Trial> ranked = train.ranked(objective);
    List<Row> top = new ArrayList<>();
    for (int i = 0; i < Math.min(topK, ranked.size()); i++) {
      Trial t = ranked.get(i);
      double[] test = Sweep.values(RunMetrics.of(Sweep.runOne(panel, t.params(), factory, config, testWindow),
          train.periodsPerYear()));
      top.add(new Row(i + 1, t.index(), t.params(), t.metrics(), test));
    }
    return new Result(train, testWindow, objective, List.copyOf(top));
  }
}
