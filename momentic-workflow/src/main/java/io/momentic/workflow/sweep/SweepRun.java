package io.momentic.workflow.sweep;

import io.momentic.analytics.Bootstrap;
import io.momentic.core.AtomicFiles;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.data.LoadOptions;
import io.momentic.report.Json;
import io.momentic.report.page.Pages;
import io.momentic.report.page.SweepReportView;
import io.momentic.research.BacktestOverfitting;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Window;
import io.momentic.research.SweepStudy;
import io.momentic.research.TrainTest;
import io.momentic.workflow.Inputs;
import io.momentic.workflow.Progress;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.config.StrategyConfigFile;
import io.momentic.workflow.stats.StatsDocuments;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code momentic sweep}: a parameter grid over a built-in strategy, ranked on the train period
 * only, the top k run out of sample, and the winner reported with the number of trials behind it,
 * its deflated Sharpe ratio, the sweep's PBO, bootstrap intervals and a fee-stress run. Writes
 * {@code trials.csv} (one row per trial), {@code blocks.csv} (what CSCV reads), {@code summary.json} and
 * {@code report.html}; nothing in
 * them depends on the thread count or the clock.
 */
public final class SweepRun {

  /**
   * A sweep as asked for: the run, the grid, the settings (null: from the config's {@code [sweep]}
   * table or the default), the heat map's axes, and where the folder goes ({@code out}, else under
   * {@code resultsRoot}).
   */
  public record SweepRequest(RunRequest run, SweepGrid.Spec grid, StrategyConfigFile.SweepSettings fromFile,
      LoadOptions load, Integer topK, Double trainFraction, Integer partitions, Integer resamples, List<String> heatmap,
      Path resultsRoot, Path out, Double validateFraction) {

    /** A two-way split (train, then test). */
    public SweepRequest(RunRequest run, SweepGrid.Spec grid, StrategyConfigFile.SweepSettings fromFile,
        LoadOptions load, Integer topK, Double trainFraction, Integer partitions, Integer resamples,
        List<String> heatmap, Path resultsRoot, Path out) {
      this(run, grid, fromFile, load, topK, trainFraction, partitions, resamples, heatmap, resultsRoot, out, null);
    }
  }

  /** The summary document ({@code summary.json}), the study behind it and the folder written. */
  public record SweepRecord(Map<String, Object> summary, SweepStudy.Result result, Path dir) {}

  /** Metrics shown for the best and top-k trials. */
  public static final List<String> HEADLINE = SweepReportView.HEADLINE;

  private SweepRun() {}

  public static SweepRecord run(SweepRequest request, Progress progress) throws IOException {
    return run(request, progress, io.momentic.research.Sweep.TrialRunner.LOCAL);
  }

  /**
   * As above, the train trials run by {@code runner} (the Spark job's); everything else — the top k,
   * the statistics, the files, the winner's tear sheet — as {@code momentic sweep} makes them.
   */
  public static SweepRecord run(SweepRequest request, Progress progress, io.momentic.research.Sweep.TrialRunner runner)
      throws IOException {
    RunRequest runSpec = request.run();
    StrategyConfigFile.SweepSettings fs = request.fromFile();
    // The data first: a membership read from the bars needs them.
    RunData data = BacktestRun.load(runSpec, request.load());
    Panel panel = data.panel();
    SweepGrid grid = SweepGrid.resolve(request.grid(), fs, runSpec, BacktestRun.membership(runSpec, panel));
    List<String> heatmapAxes = heatMapAxes(grid.grid(), request.heatmap() == null ? List.of() : request.heatmap());
    Double validateFraction = request.validateFraction() != null ? request.validateFraction()
        : fs == null ? null : fs.validateFraction();
    // With a validation share the default train share leaves room for it: 0.6 / v / the rest.
    double fraction = BacktestRun.pick(request.trainFraction(), fs == null ? null : fs.trainFraction(),
        validateFraction == null ? 0.7 : 0.6);
    if (!(fraction > 0 && fraction <= 1)) {
      throw new ConfigException("train-fraction", "expected a fraction in (0, 1], found " + fraction);
    }
    if (validateFraction != null && !(validateFraction > 0 && fraction + validateFraction < 1)) {
      throw new ConfigException("validate-fraction", "expected a share > 0 that leaves a test period after the "
          + "train share " + fraction + " (train + validate < 1), found " + validateFraction);
    }
    int k = BacktestRun.pick(request.topK(), fs == null ? null : fs.topK(), 5);
    int s = BacktestRun.pick(request.partitions(), fs == null ? null : fs.partitions(), 16);
    int b = BacktestRun.pick(request.resamples(), fs == null ? null : fs.resamples(), 1000);
    if (k < 1) {
      throw new ConfigException("top-k", "expected >= 1, found " + k);
    }
    if (s < 2 || s % 2 != 0 || s > 24) {
      throw new ConfigException("partitions", "expected an even number from 2 to 24, found " + s);
    }
    if (b < 1) {
      throw new ConfigException("resamples", "expected >= 1, found " + b);
    }
    int first = SweepGrid.firstBar(panel, data.startMillis());
    int cut = first + (int) Math.round(fraction * (panel.size() - first));
    if (cut - first < 2 * s + 2) {
      throw new ConfigException("train-fraction", "expected a train period of at least " + (2 * s + 2)
          + " bars, found " + (cut - first) + " (" + (panel.size() - first) + " bars in all)");
    }
    Window train = new Window(first, cut);
    Window validate = null;
    Window test = cut < panel.size() - 1 ? new Window(cut, panel.size()) : null;
    if (validateFraction != null) {
      int validateEnd = cut + (int) Math.round(validateFraction * (panel.size() - first));
      if (validateEnd - cut < 2 || panel.size() - validateEnd < 2) {
        throw new ConfigException("validate-fraction", "expected validation and test periods of at least 2 bars each, "
            + "found " + (validateEnd - cut) + " and " + (panel.size() - validateEnd) + " (" + (panel.size() - first)
            + " bars in all)");
      }
      validate = new Window(cut, validateEnd);
      test = new Window(validateEnd, panel.size());
    }
    SweepStudy.Settings settings = new SweepStudy.Settings(train, validate, test, grid.objective(), k, grid.threads(),
        s, runSpec.feeStress(), b, grid.seed(), runSpec.periodsPerYear());
    progress.start("sweep", grid.trials().size());
    SweepStudy.Result result = SweepStudy.run(panel, grid.trials(), grid.factory(), BacktestRun.config(runSpec, data),
        settings, progress, progress::start, runner);
    Map<String, Object> summary = summary(result, grid, runSpec, data, panel);
    String id = "sweep-" + runSpec.strategy() + "-"
        + Inputs.sha256Hex(Json.compact(summary.get("manifest")).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    Path dir = request.out() != null ? request.out() : request.resultsRoot().resolve(id);
    String winner = null;
    if (test != null) {
      // The winner's own tear sheet on the test period (the bars before it only warm up), beside the sweep.
      Map<String, String> params = new java.util.LinkedHashMap<>(runSpec.params());
      params.putAll(result.best().params());
      RunData testData = new RunData(panel, data.files(), panel.time(test.fromBar()), data.resampledFrom(),
          data.dropped(), data.notes());
      BacktestRun.run(runSpec.withParams(params), testData, null, dir.resolve(WINNER));
      winner = WINNER + "/report.html";
    }
    write(dir, result, summary, grid.grid(), heatmapAxes, winner);
    return new SweepRecord(summary, result, dir);
  }

  /** The sweep folder's subfolder with the winner's backtest on the test period. */
  public static final String WINNER = "winner";

  static Map<String, Object> summary(SweepStudy.Result r, SweepGrid grid, RunRequest spec, RunData data, Panel panel) {
    Sweep.Result sweep = r.sweep();
    List<String> names = sweep.metricNames();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", spec.strategy());
    m.put("objective", grid.objective().toString());
    m.put("trials", sweep.trials().size());
    m.put("grid_combinations", grid.grid().combinations());
    Map<String, Object> dims = new LinkedHashMap<>();
    for (ParameterGrid.Dimension d : grid.grid().dimensions()) {
      dims.put(d.name(), d.values());
    }
    m.put("grid", dims);
    m.put("constraints", grid.grid().constraints().stream().map(Object::toString).toList());
    m.put("sampled", grid.sample());
    m.put("train", window(panel, r.settings().trainWindow()));
    boolean threeWay = r.settings().validateWindow() != null;
    if (threeWay) {
      m.put("validate", window(panel, r.settings().validateWindow()));
      m.put("selection", "ranked on train; the top " + r.settings().topK() + " ranked again on validate; only the "
          + "one chosen there run on test, which no choice has seen");
    }
    m.put("test", r.settings().testWindow() == null ? null : window(panel, r.settings().testWindow()));
    TrainTest.Row best = r.best();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("trial", best.trialIndex());
    b.put("params", best.params());
    b.put("train_rank", best.rank());
    b.put("train", headline(names, best.train()));
    if (threeWay) {
      b.put("validate", headline(names, best.test()));
      b.put("test", headline(names, r.holdout()));
    } else {
      b.put("test", best.test() == null ? null : headline(names, best.test()));
    }
    m.put("best", b);
    List<Map<String, Object>> top = new ArrayList<>();
    for (TrainTest.Row row : r.trainTest().top()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("rank", row.rank());
      t.put("trial", row.trialIndex());
      t.put("params", row.params());
      t.put("train", headline(names, row.train()));
      t.put(threeWay ? "validate" : "test", row.test() == null ? null : headline(names, row.test()));
      top.add(t);
    }
    m.put("top", top);
    Map<String, Object> dsr = new LinkedHashMap<>();
    dsr.put("psr", r.deflated().psr());
    dsr.put("dsr", r.deflated().dsr());
    dsr.put("sr0", r.deflated().sr0());
    dsr.put("trials", sweep.trials().size());
    dsr.put("trials_sharpe_variance", r.trialsSharpeVariance());
    dsr.put("note", "best trial's train returns; sr0 = expected best annualised Sharpe of that many skill-less trials");
    m.put("deflated_sharpe", dsr);
    BacktestOverfitting.Result pbo = r.overfitting();
    if (pbo != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pbo", pbo.pbo());
      p.put("partitions", pbo.partitions());
      p.put("combinations", pbo.combinations());
      p.put("performance_degradation_slope", pbo.degradationSlope());
      p.put("probability_of_loss", pbo.probabilityOfLoss());
      m.put("pbo", p);
    } else {
      m.put("pbo", null);
    }
    Map<String, Object> boot = new LinkedHashMap<>();
    boot.put("evaluated_on", r.settings().testWindow() != null ? "test" : "train");
    boot.put("sharpe", StatsDocuments.interval("sharpe", r.sharpeInterval()));
    Bootstrap.Interval pf = r.profitFactorInterval();
    boot.put("profit_factor", pf == null ? null : StatsDocuments.interval("profit_factor", pf));
    m.put("bootstrap", boot);
    m.put("fee_stress", r.feeStress());
    m.put("fill_sensitivity", r.fillSensitivity());
    m.put("attribution", r.attribution());
    m.put("regimes", r.regimes());
    Map<String, Object> manifest = BacktestRun.manifest(spec, data, sweep.periodsPerYear());
    manifest.put("seed", grid.seed());
    manifest.put("objective", grid.objective().toString());
    manifest.put("grid", dims);
    manifest.put("constraints", m.get("constraints"));
    manifest.put("sampled", grid.sample());
    manifest.put("train", m.get("train"));
    if (threeWay) {
      manifest.put("validate", m.get("validate"));
    }
    manifest.put("test", m.get("test"));
    manifest.put("partitions", r.settings().partitions());
    manifest.put("resamples", r.settings().resamples());
    manifest.put("top_k", r.settings().topK());
    m.put("manifest", manifest);
    return m;
  }

  /** The headline metrics of a trial, by name. */
  public static Map<String, Object> headline(List<String> names, double[] metrics) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : HEADLINE) {
      out.put(k, metrics[names.indexOf(k)]);
    }
    return out;
  }

  /** First and last bar dates and the bar count of a window. */
  public static Map<String, Object> window(Panel panel, Window w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first_bar", Timestamps.formatDate(panel.time(w.fromBar())));
    m.put("last_bar", Timestamps.formatDate(panel.time(w.toBar() - 1)));
    m.put("bars", w.size());
    return m;
  }

  static void write(Path dir, SweepStudy.Result r, Map<String, Object> summary, ParameterGrid grid,
      List<String> heatmapAxes, String winnerReport) throws IOException {
    // Streamed to their files: a million trials' rows are hundreds of megabytes, never held as text.
    AtomicFiles.write(dir.resolve("trials.csv"), w -> r.sweep().writeCsv(w, grid.names()));
    if (r.sweep().blocks() > 0) {
      AtomicFiles.write(dir.resolve("blocks.csv"), r.sweep()::writeBlocksCsv);
    }
    AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(summary));
    AtomicFiles.writeString(dir.resolve("report.html"), Pages.sweepReport(SweepReportView.of(r, summary, grid,
        heatmapAxes, winnerReport)));
  }

  /**
   * The heat map's axes: the requested ones (checked against the grid, before any trial runs), else
   * the grid's first two parameters; one axis for a one-parameter grid.
   */
  public static List<String> heatMapAxes(ParameterGrid grid, List<String> requested) {
    List<String> names = grid.names();
    List<String> axes = !requested.isEmpty() ? requested : names.subList(0, Math.min(2, names.size()));
    if (axes.size() > 2) {
      throw new ConfigException("heatmap", "expected at most two parameters X,Y, found " + axes);
    }
    for (String a : axes) {
      if (!names.contains(a)) {
        throw new ConfigException("heatmap", "expected grid parameters " + names + ", found '" + a + "'");
      }
    }
    return List.copyOf(axes);
  }
}
