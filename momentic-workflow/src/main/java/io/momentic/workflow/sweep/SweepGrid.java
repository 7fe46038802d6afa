package io.momentic.workflow.sweep;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Objective;
import io.momentic.strategies.StrategyCatalog;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.config.StrategyConfigFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid of a sweep or walk-forward and how to search it, with every setting resolved: the
 * caller's over the config file's {@code [sweep]} table over the defaults; every swept name is
 * checked to be a parameter of the strategy before any trial runs.
 */
public record SweepGrid(ParameterGrid grid, List<Map<String, String>> trials, Sweep.StrategyFactory factory,
    Objective objective, int threads, long seed, Integer sample) {

  /** The grid as asked for (null or empty: not given). */
  public record Spec(List<String> grid, List<String> constraints, String objective, Integer sample, Long seed,
      Integer threads) {}

  public static SweepGrid resolve(Spec cli, StrategyConfigFile.SweepSettings fs, RunRequest runSpec) {
    return resolve(cli, fs, runSpec, null);
  }

  /** As above, every trial filtered by {@code membership} (null: none), as a backtest with it is. */
  public static SweepGrid resolve(Spec cli, StrategyConfigFile.SweepSettings fs, RunRequest runSpec,
      io.momentic.core.Membership membership) {
    List<String> dims = cli.grid() != null && !cli.grid().isEmpty() ? cli.grid() : fs == null ? List.of() : fs.gridSpecs();
    if (dims.isEmpty()) {
      throw new ConfigException("grid", "expected at least one --grid NAME=FROM:TO:STEP (or a [sweep] grid table in "
          + "the config), found none");
    }
    List<String> cons = cli.constraints() != null && !cli.constraints().isEmpty() ? cli.constraints()
        : fs == null || fs.constraints() == null ? List.of() : fs.constraints();
    ParameterGrid g = ParameterGrid.parse(dims, cons);
    long s = BacktestRun.pick(cli.seed(), fs == null ? null : fs.seed(), 42L);
    Integer n = cli.sample() != null ? cli.sample() : fs == null ? null : fs.sample();
    if (n != null && n < 1) {
      throw new ConfigException("sample", "expected >= 1 trials, found " + n);
    }
    List<Map<String, String>> trials = n == null ? g.trials() : g.sample(n, s);
    if (trials.isEmpty()) {
      throw new ConfigException("constraint", "expected at least one trial, found none: the constraints " + cons
          + " exclude every combination of the grid");
    }
    int t = BacktestRun.pick(cli.threads(), null, Sweep.defaultThreads());
    if (t < 1) {
      throw new ConfigException("threads", "expected >= 1, found " + t);
    }
    Objective o = Objective.parse(BacktestRun.pick(cli.objective(), fs == null ? null : fs.objective(), "sharpe"));
    // Fail before the sweep, not in trial 1,000: every swept name must be a parameter of the strategy.
    Map<String, String> fixed = new LinkedHashMap<>(runSpec.params());
    // A point-in-time universe applies to every trial, as to a backtest (non-members have no bar).
    Sweep.StrategyFactory factory = params -> {
      Map<String, String> merged = new LinkedHashMap<>(fixed);
      merged.putAll(params);
      io.momentic.engine.Strategy strategy = StrategyCatalog.resolve(runSpec.strategy(), merged).create();
      return membership == null ? strategy : new io.momentic.strategies.MembershipFilter(strategy, membership);
    };
    factory.create(trials.get(0));
    return new SweepGrid(g, trials, factory, o, t, s, n);
  }

  /** The panel bar where trading starts ({@code startMillis}, else bar 0). */
  public static int firstBar(Panel panel, long startMillis) {
    return Math.min(panel.indexAtOrAfter(startMillis), panel.size() - 1);
  }
}
