package io.momentic.cli.research;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.cli.backtest.RunOptions;
import io.momentic.core.ConfigException;
import io.momentic.report.Json;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.scenarios.ScenarioRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code momentic scenarios}: a strategy over many seeded paths, and the distribution of its metrics. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
    description = "Monte-Carlo scenarios: the strategy over --seeds paths — gbm or ou markets with the drift and "
        + "volatility of --data, or stationary block-bootstrap resamples of its bars — with the distribution of "
        + "return, CAGR, Sharpe, drawdown and trades, and where the real result falls in it. Writes scenarios.csv "
        + "and summary.json to <workspace>/data/results/scenarios-<strategy>-<model>/ (or --out).")
public final class ScenariosCommand implements Callable<Integer> {

  @ParentCommand
  MomenticCommand root;

  @Mixin
  RunOptions run;

  @Option(names = "--model", required = true, paramLabel = "gbm|ou|bootstrap", description = "How paths are made.")
  String model;

  @Option(names = "--seeds", paramLabel = "N", description = "Paths (default 100), seeds --seed … --seed + N − 1.")
  int seeds = 100;

  @Option(names = "--seed", paramLabel = "S", description = "First seed (default 1).")
  long seed = 1;

  @Option(names = "--bars", paramLabel = "N", description = "Bars per synthetic path (default: as many as --data).")
  Integer bars;

  @Option(names = "--block", paramLabel = "B", description = "Bootstrap: mean block length in bars (default 20).")
  double block = 20;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Mixin
  Output output;

  @Override
  public Integer call() throws IOException {
    ScenarioRuns.Model m = switch (model.toLowerCase(Locale.ROOT)) {
      case "gbm" -> ScenarioRuns.Model.GBM;
      case "ou" -> ScenarioRuns.Model.OU;
      case "bootstrap" -> ScenarioRuns.Model.BOOTSTRAP;
      default -> throw new ConfigException("model", "expected gbm, ou or bootstrap, found '" + model + "'");
    };
    BacktestRun.RunRequest spec = run.request();
    BacktestRun.RunData data = BacktestRun.load(spec, run.loadOptions());
    io.momentic.cli.backtest.RunOptions.printNotes(output.err(), data.notes());
    double ppy = BacktestRun.annualisation(data.panel(), spec.periodsPerYear()).periodsPerYear();
    int n = bars != null ? bars : data.panel().size();
    if (n < 30) {
      throw new ConfigException("bars", "expected at least 30 bars per path, found " + n);
    }
    ScenarioRuns.Request request = new ScenarioRuns.Request(spec.strategy(), spec.params(), m, data.panel(), seeds, n,
        block, seed, BacktestRun.config(spec, data), ppy);
    ScenarioRuns.Result r;
    try (Progress progress = Progress.terminal()) {
      progress.start("scenarios " + spec.strategy(), seeds);
      r = ScenarioRuns.run(request, progress);
    }
    Path dir = out != null ? out : root.workspace().results().resolve("scenarios-" + spec.strategy() + "-"
        + m.name().toLowerCase(Locale.ROOT));
    Files.createDirectories(dir);
    ScenarioRuns.write(r, dir);
    PrintWriter o = output.out();
    if (output.json()) {
      o.println(Json.pretty(r.summary()));
      return ExitCodes.OK;
    }
    Map<?, ?> dist = (Map<?, ?>) r.summary().get("distribution");
    o.printf(Locale.ROOT, "%s over %d %s paths of %d bars (seeds %d…%d)%n", spec.strategy(), seeds,
        m.name().toLowerCase(Locale.ROOT), (Integer) r.summary().get("bars_per_path"), seed, seed + seeds - 1);
    for (String k : ScenarioRuns.METRICS) {
      Map<?, ?> d = (Map<?, ?>) dist.get(k);
      if (d.get("p50") == null) {
        o.printf(Locale.ROOT, "  %-17s no finite value on any path%n", k);
        continue;
      }
      o.printf(Locale.ROOT, "  %-17s p5 %9.2f  p25 %9.2f  median %9.2f  p75 %9.2f  p95 %9.2f%s%n", k, num(d.get("p5")),
          num(d.get("p25")), num(d.get("p50")), num(d.get("p75")), num(d.get("p95")),
          d.get("real") == null ? "" : String.format(Locale.ROOT, "   real %.2f (percentile %.0f)", num(d.get("real")),
              num(d.get("real_percentile"))));
    }
    o.printf(Locale.ROOT, "paths with a gain: %.0f%%%n", 100 * num(r.summary().get("share_of_paths_with_gain")));
    o.println("outputs: " + dir + " (scenarios.csv, summary.json)");
    return ExitCodes.OK;
  }

  private static double num(Object v) {
    return v instanceof Number x ? x.doubleValue() : Double.NaN;
  }
}
