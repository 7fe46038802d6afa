package io.momentic.workflow.sweep;

import io.momentic.core.AtomicFiles;
import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.data.LoadOptions;
import io.momentic.report.Json;
import io.momentic.research.RunMetrics;
import io.momentic.research.WalkForward;
import io.momentic.workflow.Inputs;
import io.momentic.workflow.Progress;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.config.StrategyConfigFile;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code momentic walkforward}: re-optimise on each train window (anchored, or rolling of the
 * first window's length), run the winner on the following test window; per-fold table, stitched
 * out-of-sample equity and the edge hit rate (folds with OOS profit factor ≥ 1).
 */
public final class WalkForwardRun {

  /** A walk-forward as asked for ({@code cuts} null or empty and {@code rolling} null: from the config or default). */
  public record WalkForwardRequest(RunRequest run, SweepGrid.Spec grid, StrategyConfigFile.SweepSettings fromFile,
      LoadOptions load, List<Double> cuts, boolean rolling, Path resultsRoot, Path out) {}

  /** The document ({@code walkforward.json}), the folds, the panel they index and the folder written. */
  public record WalkForwardRecord(Map<String, Object> summary, WalkForward.Result result, Panel panel, Path dir) {}

  private WalkForwardRun() {}

  public static WalkForwardRecord run(WalkForwardRequest request, Progress progress) throws IOException {
    RunRequest runSpec = request.run();
    StrategyConfigFile.SweepSettings fs = request.fromFile();
    RunData data = BacktestRun.load(runSpec, request.load());
    Panel panel = data.panel();
    SweepGrid grid = SweepGrid.resolve(request.grid(), fs, runSpec, BacktestRun.membership(runSpec, panel));
    List<Double> cutList = request.cuts() != null && !request.cuts().isEmpty() ? request.cuts()
        : fs != null && fs.cuts() != null ? fs.cuts() : null;
    double[] cutFractions = cutList == null ? WalkForward.DEFAULT_CUTS
        : cutList.stream().mapToDouble(Double::doubleValue).toArray();
    boolean anchored = !request.rolling() && (fs == null || fs.anchored() == null || fs.anchored());
    int first = SweepGrid.firstBar(panel, data.startMillis());
    progress.start("walk-forward", (long) grid.trials().size() * cutFractions.length);
    WalkForward.Result r = WalkForward.run(panel, grid.trials(), grid.factory(), BacktestRun.config(runSpec, data),
        first, cutFractions, anchored, grid.objective(), grid.threads(), progress, runSpec.periodsPerYear());
    Map<String, Object> summary = summary(r, panel, grid, runSpec, data, cutFractions);
    String id = "walkforward-" + runSpec.strategy() + "-"
        + Inputs.sha256Hex(Json.compact(summary.get("manifest")).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    Path dir = request.out() != null ? request.out() : request.resultsRoot().resolve(id);
    AtomicFiles.writeString(dir.resolve("walkforward.json"), Json.pretty(summary));
    StringWriter w = new StringWriter();
    w.write("timestamp,wealth\n");
    for (int i = 0; i < r.oosTimes().length; i++) {
      w.write(Timestamps.format(r.oosTimes()[i]) + "," + r.oosWealth()[i] + "\n");
    }
    AtomicFiles.writeString(dir.resolve("oos_equity.csv"), w.toString());
    AtomicFiles.writeString(dir.resolve("report.html"), io.momentic.report.page.Pages.walkForwardReport(
        io.momentic.report.page.WalkForwardReportView.of(id, summary,
            io.momentic.report.BenchmarkCharts.single("oos-equity", r.oosTimes(), r.oosWealth()))));
    return new WalkForwardRecord(summary, r, panel, dir);
  }

  /**
   * The stitched out-of-sample run's own numbers, over its wealth path with 1 before the first test
   * bar: CAGR from the first to the last test bar, the Sharpe ratio of its per-bar returns, and
   * its deepest drawdown.
   */
  static Map<String, Object> oos(WalkForward.Result r, double periodsPerYear) {
    double[] wealth = new double[r.oosWealth().length + 1];
    wealth[0] = 1;
    System.arraycopy(r.oosWealth(), 0, wealth, 1, r.oosWealth().length);
    long[] times = r.oosTimes();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bars", times.length);
    m.put("first_bar", Timestamps.format(times[0]));
    m.put("last_bar", Timestamps.format(times[times.length - 1]));
    m.put("cagr_pct", 100 * io.momentic.analytics.EquityMetrics.cagr(r.oosWealth(), times[0], times[times.length - 1]));
    m.put("sharpe", io.momentic.analytics.ReturnMetrics.sharpe(io.momentic.analytics.EquityMetrics.returns(wealth),
        periodsPerYear));
    m.put("max_drawdown_pct", 100 * io.momentic.analytics.EquityMetrics.maxDrawdown(wealth));
    return m;
  }

  private static Map<String, Object> summary(WalkForward.Result r, Panel panel, SweepGrid grid, RunRequest spec,
      RunData data, double[] cuts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", spec.strategy());
    m.put("objective", r.objective().toString());
    m.put("anchored", r.anchored());
    m.put("trials_per_fold", r.trials());
    m.put("edge_hit_rate", r.edgeHitRate());
    m.put("oos_total_return_pct", 100 * (r.oosWealth()[r.oosWealth().length - 1] - 1));
    m.put("oos", oos(r, Double.isNaN(spec.periodsPerYear()) ? RunMetrics.periodsPerYear(panel)
        : spec.periodsPerYear()));
    List<Map<String, Object>> folds = new ArrayList<>();
    for (WalkForward.Fold f : r.folds()) {
      Map<String, Object> fold = new LinkedHashMap<>();
      fold.put("fold", f.number());
      fold.put("train", SweepRun.window(panel, f.train()));
      fold.put("test", SweepRun.window(panel, f.test()));
      fold.put("best_trial", f.bestTrial());
      fold.put("best_params", f.bestParams());
      fold.put("train_metrics", SweepRun.headline(r.metricNames(), f.trainMetrics()));
      fold.put("test_metrics", SweepRun.headline(r.metricNames(), f.testMetrics()));
      fold.put("edge_hit", f.edgeHit());
      folds.add(fold);
    }
    m.put("folds", folds);
    Map<String, Object> manifest = BacktestRun.manifest(spec, data, Double.isNaN(spec.periodsPerYear())
        ? RunMetrics.periodsPerYear(panel) : spec.periodsPerYear());
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
