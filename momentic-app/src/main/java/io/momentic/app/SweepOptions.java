package io.momentic.app;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Objective;
import io.momentic.strategies.StrategyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The grid and how to search it, shared by {@code sweep} and {@code walkforward}. */
final class SweepOptions {

  @Option(names = "--grid", paramLabel = "NAME=SPEC",
      description = "A swept parameter: from:to:step (inclusive) or a,b,c. Repeatable; overrides [sweep] grid.")
  List<String> grid = new ArrayList<>();

  @Option(names = "--constraint", paramLabel = "'A < B'",
      description = "Keep only trials where it holds (< <= > >= == !=; names or numbers). Repeatable.")
  List<String> constraints = new ArrayList<>();

  @Option(names = "--objective", paramLabel = "METRIC",
      description = "Rank by this metric of metrics.json, highest first; a leading '-' ranks lowest first "
          + "(default sharpe).")
  String objective;

  @Option(names = "--sample", paramLabel = "N", description = "Run a seeded random subset of N trials.")
  Integer sample;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of --sample and the bootstrap (default 42).")
  Long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do "
      + "not depend on it.")
  Integer threads;

  /** Everything a sweep needs to run, with the settings resolved. */
  record Resolved(ParameterGrid grid, List<Map<String, String>> trials, Sweep.StrategyFactory factory,
      Objective objective, int threads, long seed, Integer sample) {}

  /** Command line over the config file's [sweep] table over defaults. */
  Resolved resolve(StrategyConfigFile.SweepSettings fs, BacktestRunner.RunSpec runSpec) {
    List<String> dims = !grid.isEmpty() ? grid : fs == null ? List.of() : fs.gridSpecs();
    if (dims.isEmpty()) {
      throw new ConfigException("grid", "expected at least one --grid NAME=FROM:TO:STEP (or a [sweep] grid table in "
          + "the config), found none");
    }
    List<String> cons = !constraints.isEmpty() ? constraints
        : fs == null || fs.constraints() == null ? List.of() : fs.constraints();
    ParameterGrid g = ParameterGrid.parse(dims, cons);
    long s = RunOptions.pick(seed, fs == null ? null : fs.seed(), 42L);
    Integer n = sample != null ? sample : fs == null ? null : fs.sample();
    if (n != null && n < 1) {
      throw new ConfigException("sample", "expected >= 1 trials, found " + n);
    }
    List<Map<String, String>> trials = n == null ? g.trials() : g.sample(n, s);
    if (trials.isEmpty()) {
      throw new ConfigException("constraint", "expected at least one trial, found none: the constraints " + cons
          + " exclude every combination of the grid");
    }
    int t = RunOptions.pick(threads, null, Sweep.defaultThreads());
    if (t < 1) {
      throw new ConfigException("threads", "expected >= 1, found " + t);
    }
    Objective o = Objective.parse(RunOptions.pick(objective, fs == null ? null : fs.objective(), "sharpe"));
    // Fail before the sweep, not in trial 1,000: every swept name must be a parameter of the strategy.
    Map<String, String> fixed = new LinkedHashMap<>(runSpec.params());
    Sweep.StrategyFactory factory = params -> {
      Map<String, String> merged = new LinkedHashMap<>(fixed);
      merged.putAll(params);
      return StrategyRegistry.create(runSpec.strategy(), merged);
    };
    factory.create(trials.get(0));
    return new Resolved(g, trials, factory, o, t, s, n);
  }

  /** The panel bar where trading starts ({@code startMillis}, else bar 0). */
  static int firstBar(Panel panel, long startMillis) {
    return Math.min(panel.indexAtOrAfter(startMillis), panel.size() - 1);
  }
}
