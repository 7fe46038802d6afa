package io.momentic.app;

import io.momentic.core.Panel;
import io.momentic.data.Timestamps;
import io.momentic.research.RunMetrics;
import io.momentic.research.WalkForward;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code momentic walkforward}: re-optimise the grid on each train window, run the winner on the
 * test window after it, stitch the test windows into one out-of-sample equity curve and count
 * the windows with an OOS profit factor ≥ 1 (reference 001).
 */
@Command(name = "walkforward", mixinStandardHelpOptions = true,
    description = "Walk-forward analysis: cuts at fractions of the bars (default 0.5,0.6,0.7,0.8,0.9 as in reference "
        + "001); each train window (anchored at the start, or --rolling with the first window's length) is swept "
        + "and its best trial run on the following test window. Writes walkforward.json and oos_equity.csv.")
final class WalkForwardCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Mixin
  RunOptions run;

  @Mixin
  SweepOptions sweep;

  @Option(names = "--cuts", split = ",", paramLabel = "F,F", description = "Cut fractions (default 0.5,0.6,0.7,0.8,0.9).")
  List<Double> cuts = new ArrayList<>();

  @Option(names = "--rolling", description = "Rolling train windows of the first window's length (default anchored).")
  boolean rolling;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder. Default: <workspace>/data/results/walkforward-<id>.")
  Path out;

  @Option(names = "--json", description = "Print walkforward.json on stdout.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    BacktestRunner.RunSpec runSpec = run.spec();
    StrategyConfigFile file = run.configFile();
    StrategyConfigFile.SweepSettings fs = file == null ? null : file.sweep();
    SweepOptions.Resolved grid = sweep.resolve(fs, runSpec);
    List<Double> cutList = !cuts.isEmpty() ? cuts : fs != null && fs.cuts() != null ? fs.cuts() : null;
    double[] cutFractions = cutList == null ? WalkForward.DEFAULT_CUTS
        : cutList.stream().mapToDouble(Double::doubleValue).toArray();
    boolean anchored = !rolling && (fs == null || fs.anchored() == null || fs.anchored());
    BacktestRunner.RunData data = BacktestRunner.load(runSpec, run.load.options());
    Panel panel = data.panel();
    int first = SweepOptions.firstBar(panel, data.startMillis());
    WalkForward.Result r;
    try (Progress progress = Progress.of("walk-forward", (long) grid.trials().size() * cutFractions.length)) {
      r = WalkForward.run(panel, grid.trials(), grid.factory(), BacktestRunner.config(runSpec, data), first,
          cutFractions, anchored, grid.objective(), grid.threads(), progress);
    }
    Map<String, Object> summary = summary(r, panel, grid, runSpec, data, cutFractions);
    String id = "walkforward-" + runSpec.strategy() + "-" + BacktestRunner.sha256Hex(
        RunOutputs.JSON.writeValueAsBytes(summary.get("manifest"))).substring(0, 12);
    Path dir = out != null ? out : root.workspace().results().resolve(id);
    Files.createDirectories(dir);
    Files.write(dir.resolve("walkforward.json"), RunOutputs.JSON.writeValueAsBytes(summary));
    try (Writer w = Files.newBufferedWriter(dir.resolve("oos_equity.csv"), StandardCharsets.UTF_8)) {
      w.write("timestamp,wealth\n");
      for (int i = 0; i < r.oosTimes().length; i++) {
        w.write(Timestamps.format(r.oosTimes()[i]) + "," + r.oosWealth()[i] + "\n");
      }
    }
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(RunOutputs.JSON.writeValueAsString(summary));
      return Main.EXIT_OK;
    }
    o.printf(Locale.ROOT, "%s walk-forward (%s), %d trials per fold ranked by %s%n", runSpec.strategy(),
        anchored ? "anchored" : "rolling", r.trials(), r.objective());
    List<List<String>> rows = new ArrayList<>();
    int pf = r.metricNames().indexOf("profit_factor");
    int sharpe = r.metricNames().indexOf("sharpe");
    int ret = r.metricNames().indexOf("total_return_pct");
    for (WalkForward.Fold f : r.folds()) {
      rows.add(List.of(String.valueOf(f.number()), SweepCommand.date(panel, f.train().fromBar()) + ".."
          + SweepCommand.date(panel, f.train().toBar() - 1), SweepCommand.date(panel, f.test().fromBar()) + ".."
          + SweepCommand.date(panel, f.test().toBar() - 1), f.bestParams().toString(),
          RunPage.fmt(f.trainMetrics()[sharpe], "num"), RunPage.fmt(f.testMetrics()[sharpe], "num"),
          RunPage.fmt(f.testMetrics()[pf], "num"), RunPage.fmt(f.testMetrics()[ret], "pct"), f.edgeHit() ? "yes" : "no"));
    }
    Tables.print(o, List.of("fold", "train", "test", "best", "train Sharpe", "test Sharpe", "test PF", "test return",
        "PF>=1"), rows);
    o.printf(Locale.ROOT, "edge hit rate %d/%d; stitched OOS return %.2f%%%n",
        Math.round(r.edgeHitRate() * r.folds().size()), r.folds().size(),
        100 * (r.oosWealth()[r.oosWealth().length - 1] - 1));
    o.println("outputs: " + dir + " (walkforward.json, oos_equity.csv)");
    return Main.EXIT_OK;
  }

  private static Map<String, Object> summary(WalkForward.Result r, Panel panel, SweepOptions.Resolved grid,
      BacktestRunner.RunSpec spec, BacktestRunner.RunData data, double[] cuts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", spec.strategy());
    m.put("objective", r.objective().toString());
    m.put("anchored", r.anchored());
    m.put("trials_per_fold", r.trials());
    m.put("edge_hit_rate", r.edgeHitRate());
    m.put("oos_total_return_pct", 100 * (r.oosWealth()[r.oosWealth().length - 1] - 1));
    List<Map<String, Object>> folds = new ArrayList<>();
    for (WalkForward.Fold f : r.folds()) {
      Map<String, Object> fold = new LinkedHashMap<>();
      fold.put("fold", f.number());
      fold.put("train", SweepCommand.window(panel, f.train()));
      fold.put("test", SweepCommand.window(panel, f.test()));
      fold.put("best_trial", f.bestTrial());
      fold.put("best_params", f.bestParams());
      fold.put("train_metrics", SweepReport.headline(r.metricNames(), f.trainMetrics()));
      fold.put("test_metrics", SweepReport.headline(r.metricNames(), f.testMetrics()));
      fold.put("edge_hit", f.edgeHit());
      folds.add(fold);
    }
    m.put("folds", folds);
    Map<String, Object> manifest = BacktestRunner.manifest(spec, data, RunMetrics.periodsPerYear(panel));
    manifest.put("cuts", cuts);
    manifest.put("anchored", r.anchored());
    manifest.put("objective", r.objective().toString());
    manifest.put("grid", grid.grid().names());
    manifest.put("trials", grid.trials().size());
    manifest.put("seed", grid.seed());
    m.put("manifest", manifest);
    return m;
  }
}
