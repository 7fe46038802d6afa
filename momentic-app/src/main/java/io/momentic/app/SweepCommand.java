package io.momentic.app;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.data.Timestamps;
import io.momentic.research.Sweep.Window;
import io.momentic.research.SweepStudy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code momentic sweep}: a parameter grid over a built-in strategy, ranked on the train period
 * only, the top k run out of sample, and the winner reported with the number of trials behind
 * it, its deflated Sharpe ratio, the sweep's PBO, bootstrap intervals and a fee-stress run.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Parameter sweep on all cores: --grid name=from:to:step or name=a,b,c (repeatable), constraints "
        + "such as --constraint 'fast < slow', ranked by --objective on the train period; the top k are run out of "
        + "sample. Writes trials.csv (one row per trial), summary.json and report.html (heat map) to "
        + "<workspace>/data/results/sweep-<id>/ (or --out). Settings may come from the [sweep] table of --config.")
final class SweepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Mixin
  RunOptions run;

  @Mixin
  SweepOptions sweep;

  @Option(names = "--top-k", paramLabel = "K", description = "Trials run out of sample (default 5).")
  Integer topK;

  @Option(names = "--train-fraction", paramLabel = "F",
      description = "Share of the bars (after the start) used to rank; the rest is out of sample. Default 0.7; 1 = "
          + "no out-of-sample period.")
  Double trainFraction;

  @Option(names = "--partitions", paramLabel = "S",
      description = "Return blocks for the probability of backtest overfitting (even; default 16).")
  Integer partitions;

  @Option(names = "--resamples", paramLabel = "N", description = "Bootstrap resamples (default 1000).")
  Integer resamples;

  @Option(names = "--heatmap", split = ",", paramLabel = "X,Y",
      description = "The two grid parameters of the report's heat map (default: the first two).")
  List<String> heatmap = new java.util.ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: <workspace>/data/results/sweep-<id>.")
  Path out;

  @Option(names = "--json", description = "Print summary.json on stdout.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    BacktestRunner.RunSpec runSpec = run.spec();
    StrategyConfigFile file = run.configFile();
    StrategyConfigFile.SweepSettings fs = file == null ? null : file.sweep();
    SweepOptions.Resolved grid = sweep.resolve(fs, runSpec);
    List<String> heatmapAxes = SweepReport.heatMapAxes(grid.grid(), heatmap);
    double fraction = RunOptions.pick(trainFraction, fs == null ? null : fs.trainFraction(), 0.7);
    if (!(fraction > 0 && fraction <= 1)) {
      throw new ConfigException("train-fraction", "expected a fraction in (0, 1], found " + fraction);
    }
    int k = RunOptions.pick(topK, fs == null ? null : fs.topK(), 5);
    int s = RunOptions.pick(partitions, fs == null ? null : fs.partitions(), 16);
    int b = RunOptions.pick(resamples, fs == null ? null : fs.resamples(), 1000);
    if (k < 1) {
      throw new ConfigException("top-k", "expected >= 1, found " + k);
    }
    if (s < 2 || s % 2 != 0 || s > 24) {
      throw new ConfigException("partitions", "expected an even number from 2 to 24, found " + s);
    }
    if (b < 1) {
      throw new ConfigException("resamples", "expected >= 1, found " + b);
    }

    BacktestRunner.RunData data = BacktestRunner.load(runSpec, run.load.options());
    Panel panel = data.panel();
    int first = SweepOptions.firstBar(panel, data.startMillis());
    int cut = first + (int) Math.round(fraction * (panel.size() - first));
    if (cut - first < 2 * s + 2) {
      throw new ConfigException("train-fraction", "expected a train period of at least " + (2 * s + 2)
          + " bars, found " + (cut - first) + " (" + (panel.size() - first) + " bars in all)");
    }
    Window train = new Window(first, cut);
    Window test = cut < panel.size() - 1 ? new Window(cut, panel.size()) : null;
    SweepStudy.Settings settings = new SweepStudy.Settings(train, test, grid.objective(), k, grid.threads(), s,
        runSpec.feeStress(), b, grid.seed());
    SweepStudy.Result result;
    try (Progress progress = Progress.of("sweep", grid.trials().size())) {
      result = SweepStudy.run(panel, grid.trials(), grid.factory(), BacktestRunner.config(runSpec, data), settings,
          progress);
    }
    Map<String, Object> summary = SweepReport.summary(result, grid, runSpec, data, panel);
    String id = "sweep-" + runSpec.strategy() + "-" + BacktestRunner.sha256Hex(
        RunOutputs.JSON.writeValueAsBytes(summary.get("manifest"))).substring(0, 12);
    Path dir = out != null ? out : root.workspace().results().resolve(id);
    SweepReport.write(dir, result, summary, grid.grid(), heatmapAxes);
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(RunOutputs.JSON.writeValueAsString(summary));
    } else {
      SweepReport.print(o, summary);
      o.println("outputs: " + dir + " (report.html, trials.csv, summary.json)");
    }
    return Main.EXIT_OK;
  }

  static String date(Panel panel, int bar) {
    return Timestamps.formatDate(panel.time(bar));
  }

  static Map<String, Object> window(Panel panel, Window w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first_bar", date(panel, w.fromBar()));
    m.put("last_bar", date(panel, w.toBar() - 1));
    m.put("bars", w.size());
    return m;
  }
}
