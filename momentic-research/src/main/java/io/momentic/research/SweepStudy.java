package io.momentic.research;

import io.momentic.analytics.Bootstrap;
import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.analytics.SharpeStatistics;
import io.momentic.analytics.TradeStats;
import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Trade;
import io.momentic.research.Sweep.Objective;
import io.momentic.research.Sweep.StrategyFactory;
import io.momentic.research.Sweep.Window;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A sweep with everything that says how far to trust its winner: rank on the train window, run
 * the top k out of sample, then for the best trial the deflated Sharpe ratio (given how many
 * trials were run and how their Sharpe ratios spread), the sweep's probability of backtest
 * overfitting, bootstrap intervals of its Sharpe ratio and profit factor, its fee-stress result,
 * its attribution (train and test) and its regime breakdown.
 */
public final class SweepStudy {

  /**
   * How the study is run. {@code testWindow} may be null (no out-of-sample period).
   * {@code validateWindow} (null: none) makes it a three-way split: the top k by train are ranked
   * again on the validation period, and only the one chosen there is run on the test period, which
   * no choice has seen. {@code periodsPerYear} NaN: from the panel.
   */
  public record Settings(Window trainWindow, Window validateWindow, Window testWindow, Objective objective, int topK,
      int threads, int partitions, double feeStress, int resamples, long seed, double periodsPerYear) {

    /** A two-way split (train, then test), annualised from the panel. */
    public Settings(Window trainWindow, Window testWindow, Objective objective, int topK, int threads,
        int partitions, double feeStress, int resamples, long seed) {
      this(trainWindow, null, testWindow, objective, topK, threads, partitions, feeStress, resamples, seed,
          Double.NaN);
    }
  }

  /**
   * The outcome. Bootstrap intervals and regimes are of the best trial on the test window when
   * there is one (the honest number), else on the train window; attribution is per period. With
   * a validation period, {@code trainTest}'s rows hold train and validation metrics, {@code best}
   * is the row chosen on validation and {@code holdout} its metrics on the test period (null
   * without a validation period: then the best row's own test metrics are the test's).
   */
  public record Result(TrainTest.Result trainTest, SharpeStatistics.Deflated deflated, double trialsSharpeVariance,
      BacktestOverfitting.Result overfitting, Bootstrap.Interval sharpeInterval, Bootstrap.Interval profitFactorInterval,
      Map<String, Object> feeStress, Map<String, Object> fillSensitivity, Map<String, Object> attribution,
      Map<String, Object> regimes, Settings settings, TrainTest.Row best, double[] holdout) {

    public Sweep.Result sweep() {
      return trainTest.train();
    }
  }

  private SweepStudy() {}

  /** Where a long study says which phase it is in and how many steps that phase has. */
  public interface Phases {
    void phase(String name, long steps);

    Phases NONE = (name, steps) -> { };
  }

  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Settings settings, IntConsumer progress) {
    return run(panel, trials, factory, config, settings, progress, Phases.NONE);
  }

  /**
   * As above; after the trials, the overfitting statistics are a phase of their own
   * ({@code phases} hears its name and its CSCV combinations, {@code progress} how many are done).
   */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Settings settings, IntConsumer progress, Phases phases) {
    return run(panel, trials, factory, config, settings, progress, phases, Sweep.TrialRunner.LOCAL);
  }

  /**
   * As above, the train trials run by {@code runner} — a cluster's, returning the rows this
   * machine would — and everything after them (the top k, DSR, PBO from the rows' block sums, the
   * bootstrap, the stress and fill runs) here, from those rows: the same study either way.
   */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Settings settings, IntConsumer progress, Phases phases, Sweep.TrialRunner runner) {
    Window test = settings.testWindow();
    Window validate = settings.validateWindow();
    if (validate != null && test == null) {
      throw new IllegalArgumentException("Expected a test window after the validation window, but found none");
    }
    // The top k are looked at out of the train period: on validation in a three-way split, else on test.
    Window afterTrain = validate != null ? validate : test;
    TrainTest.Result tt = afterTrain == null
        ? trainOnly(panel, trials, factory, config, settings, progress, runner)
        : TrainTest.run(panel, trials, factory, config, settings.trainWindow(), afterTrain, settings.objective(),
            Math.max(1, settings.topK()), settings.threads(), settings.partitions(), progress,
            settings.periodsPerYear(), runner);
    Sweep.Result sweep = tt.train();
    double ppy = sweep.periodsPerYear();
    TrainTest.Row best = validate != null ? bestOnValidation(tt, sweep) : tt.top().get(0);

    double variance = variance(sweep.column("sharpe"));
    BacktestResult bestTrain = Sweep.runOne(panel, best.params(), factory, config, settings.trainWindow());
    SharpeStatistics.Deflated deflated = SharpeStatistics.deflated(EquityMetrics.returns(RunMetrics.wealth(bestTrain)),
        ppy, trials.size(), variance);
    BacktestOverfitting.Result pbo = null;
    if (sweep.blocks() > 0 && trials.size() >= 2) {
      int combinations = BacktestOverfitting.combinations(sweep.blocks());
      phases.phase(String.format(java.util.Locale.ROOT, "overfitting statistics (CSCV, %,d combinations of %d blocks)",
          combinations, sweep.blocks()), combinations);
      pbo = sweep.overfitting(progress);
    }

    BacktestResult bestRun = test != null ? Sweep.runOne(panel, best.params(), factory, config, test) : bestTrain;
    double[] returns = EquityMetrics.returns(RunMetrics.wealth(bestRun));
    Bootstrap.Interval sharpeCi = Bootstrap.interval(returns, r -> ReturnMetrics.sharpe(r, ppy),
        Bootstrap.Method.STATIONARY, Bootstrap.defaultBlockLength(returns.length), settings.resamples(), 0.95,
        settings.seed());
    double[] pnl = bestRun.trades().stream().mapToDouble(Trade::pnl).toArray();
    Bootstrap.Interval pfCi = pnl.length == 0 ? null : Bootstrap.interval(pnl, TradeStats::profitFactor,
        Bootstrap.Method.BLOCK, Bootstrap.defaultBlockLength(pnl.length), settings.resamples(), 0.95, settings.seed());

    Map<String, Object> stress = new LinkedHashMap<>();
    stress.put("factor", settings.feeStress());
    BacktestConfig stressed = config.withFees(config.fees().scaled(settings.feeStress()));
    stress.put("train", headline(RunMetrics.of(Sweep.runOne(panel, best.params(), factory, stressed,
        settings.trainWindow()), ppy)));
    if (test != null) {
      stress.put("test", headline(RunMetrics.of(Sweep.runOne(panel, best.params(), factory, stressed, test), ppy)));
    }
    // The winner under the three fill assumptions, on the period its headline comes from.
    Window measured = test != null ? test : settings.trainWindow();
    Map<String, Object> fills = FillSensitivity.of(c -> Sweep.runOne(panel, best.params(), factory, c, measured),
        config, ppy, bestRun);
    // Attribution per period (reference 000 §4 reports train and OOS separately).
    Map<String, Object> attribution = new LinkedHashMap<>();
    attribution.put("train", RunAttribution.toMap(RunAttribution.of(panel.upTo(settings.trainWindow().toBar()), bestTrain,
        0, bestTrain.times().length)));
    if (test != null) {
      attribution.put("test", RunAttribution.toMap(RunAttribution.of(panel.upTo(test.toBar()), bestRun, 0,
          bestRun.times().length)));
    }
    Map<String, Object> regimes = RegimeBreakdown.toMap(RegimeBreakdown.of(bestRun.trades(),
        RegimeBreakdown.atrRatioLabels(panel, 0, 14, 100, 1.2, 0.8), RegimeBreakdown.VOLATILITY_REGIMES));
    double[] holdout = validate != null ? Sweep.values(RunMetrics.of(bestRun, ppy)) : null;
    return new Result(tt, deflated, variance, pbo, sharpeCi, pfCi, stress, fills, attribution, regimes, settings,
        best, holdout);
  }

  /**
   * The top-k row best on the validation period by the sweep's objective (NaN last; ties: the
   * better train rank): the choice the test period is kept from.
   */
  static TrainTest.Row bestOnValidation(TrainTest.Result tt, Sweep.Result sweep) {
    Objective objective = tt.objective();
    int m = sweep.metricIndex(objective.metric());
    TrainTest.Row chosen = null;
    for (TrainTest.Row row : tt.top()) {
      double v = row.test()[m];
      if (Double.isNaN(v)) {
        continue;
      }
      if (chosen == null || (objective.minimize() ? v < chosen.test()[m] : v > chosen.test()[m])) {
        chosen = row;
      }
    }
    return chosen != null ? chosen : tt.top().get(0);
  }

  private static TrainTest.Result trainOnly(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Settings s, IntConsumer progress, Sweep.TrialRunner runner) {
    Sweep.Result sweep = runner.run(panel, trials, factory, config, s.trainWindow(), s.threads(), s.partitions(),
        progress, s.periodsPerYear());
    List<Sweep.Trial> ranked = sweep.ranked(s.objective());
    List<TrainTest.Row> top = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(Math.max(1, s.topK()), ranked.size()); i++) {
      top.add(new TrainTest.Row(i + 1, ranked.get(i).index(), ranked.get(i).params(), ranked.get(i).metrics(), null));
    }
    return new TrainTest.Result(sweep, null, s.objective(), List.copyOf(top));
  }

  /** The few fields a fee-stress line shows. */
  static Map<String, Object> headline(Map<String, Object> metrics) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : List.of("total_return_pct", "sharpe", "max_drawdown_pct", "profit_factor", "trades", "fees")) {
      out.put(k, metrics.get(k));
    }
    return out;
  }

  /** Sample variance of the finite values. */
  static double variance(double[] values) {
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    return finite.length < 2 ? 0 : Math.pow(ReturnMetrics.std(finite), 2);
  }
}
