package io.momentic.cli.research;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.cli.backtest.RunOptions;
import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.report.Json;
import io.momentic.report.Numbers;
import io.momentic.report.text.Tables;
import io.momentic.research.WalkForward;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.config.StrategyConfigFile;
import io.momentic.workflow.sweep.WalkForwardRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code momentic walkforward}: re-optimise the grid on each train window, run the winner on the
 * test window after it, stitch the test windows into one out-of-sample equity curve and count
 * the windows with an OOS profit factor ≥ 1 (reference 001).
 */
@Command(name = "walkforward", mixinStandardHelpOptions = true,
    description = "Walk-forward analysis: cuts at fractions of the bars (default 0.5,0.6,0.7,0.8,0.9 as in reference "
        + "001); each train window (anchored at the start, or --rolling with the first window's length) is swept "
        + "and its best trial run on the following test window. Writes walkforward.json and oos_equity.csv.")
public final class WalkForwardCommand implements Callable<Integer> {

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

  @Mixin
  Output output;

  @Override
  public Integer call() throws IOException {
    StrategyConfigFile file = run.configFile();
    RunRequest runSpec = run.request();
    WalkForwardRun.WalkForwardRecord w;
    try (Progress progress = Progress.terminal()) {
      w = WalkForwardRun.run(new WalkForwardRun.WalkForwardRequest(runSpec, sweep.spec(),
          file == null ? null : file.sweep(), run.loadOptions(), cuts, rolling, root.workspace().results(), out),
          progress);
    }
    PrintWriter o = output.out();
    io.momentic.cli.backtest.RunOptions.printNotes(output.err(), ((java.util.Map<?, ?>) w.summary().get("manifest"))
        .get("load_notes"));
    if (output.json()) {
      o.println(Json.pretty(w.summary()));
      return ExitCodes.OK;
    }
    WalkForward.Result r = w.result();
    Panel panel = w.panel();
    o.printf(Locale.ROOT, "%s walk-forward (%s), %d trials per fold ranked by %s%n", runSpec.strategy(),
        r.anchored() ? "anchored" : "rolling", r.trials(), r.objective());
    List<List<String>> rows = new ArrayList<>();
    int pf = r.metricNames().indexOf("profit_factor");
    int sharpe = r.metricNames().indexOf("sharpe");
    int ret = r.metricNames().indexOf("total_return_pct");
    for (WalkForward.Fold f : r.folds()) {
      rows.add(List.of(String.valueOf(f.number()), date(panel, f.train().fromBar()) + ".."
          + date(panel, f.train().toBar() - 1), date(panel, f.test().fromBar()) + ".."
          + date(panel, f.test().toBar() - 1), f.bestParams().toString(),
          Numbers.fmt(f.trainMetrics()[sharpe], Numbers.Kind.NUM), Numbers.fmt(f.testMetrics()[sharpe], Numbers.Kind.NUM),
          Numbers.fmt(f.testMetrics()[pf], Numbers.Kind.NUM), Numbers.fmt(f.testMetrics()[ret], Numbers.Kind.PCT),
          f.edgeHit() ? "yes" : "no"));
    }
    Tables.print(o, List.of("fold", "train", "test", "best", "train Sharpe", "test Sharpe", "test PF", "test return",
        "PF>=1"), rows);
    o.printf(Locale.ROOT, "edge hit rate %d/%d; stitched OOS return %.2f%%%n",
        Math.round(r.edgeHitRate() * r.folds().size()), r.folds().size(),
        100 * (r.oosWealth()[r.oosWealth().length - 1] - 1));
    o.println("outputs: " + w.dir() + " (walkforward.json, oos_equity.csv)");
    return ExitCodes.OK;
  }

  private static String date(Panel panel, int bar) {
    return Timestamps.formatDate(panel.time(bar));
  }
}
