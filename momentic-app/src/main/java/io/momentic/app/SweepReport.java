package io.momentic.app;

import static io.momentic.app.RunPage.esc;
import static io.momentic.app.RunPage.fmt;

import io.momentic.analytics.Bootstrap;
import io.momentic.core.Panel;
import io.momentic.research.BacktestOverfitting;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.SweepStudy;
import io.momentic.research.TrainTest;
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

/**
 * The files of a sweep: {@code trials.csv} (one row per trial: its parameters and every metric on
 * the train period), {@code summary.json} (the honest summary of the winner) and
 * {@code report.html} (the same with a parameter heat map). Nothing in them depends on the thread
 * count or the clock, so the same inputs give the same bytes.
 */
final class SweepReport {

  /** Metrics shown for the best and top-k trials. */
  static final List<String> HEADLINE = List.of("total_return_pct", "cagr_pct", "sharpe", "sortino",
      "max_drawdown_pct", "profit_factor", "win_rate_pct", "trades", "exposure_pct", "fees");

  private SweepReport() {}

  static Map<String, Object> summary(SweepStudy.Result r, SweepOptions.Resolved grid, BacktestRunner.RunSpec spec,
      BacktestRunner.RunData data, Panel panel) {
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
    m.put("train", SweepCommand.window(panel, r.settings().trainWindow()));
    m.put("test", r.settings().testWindow() == null ? null : SweepCommand.window(panel, r.settings().testWindow()));
    TrainTest.Row best = r.best();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("trial", best.trialIndex());
    b.put("params", best.params());
    b.put("train", headline(names, best.train()));
    b.put("test", best.test() == null ? null : headline(names, best.test()));
    m.put("best", b);
    List<Map<String, Object>> top = new ArrayList<>();
    for (TrainTest.Row row : r.trainTest().top()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("rank", row.rank());
      t.put("trial", row.trialIndex());
      t.put("params", row.params());
      t.put("train", headline(names, row.train()));
      t.put("test", row.test() == null ? null : headline(names, row.test()));
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
    boot.put("sharpe", StatsCommand.intervalFields("sharpe", r.sharpeInterval()));
    Bootstrap.Interval pf = r.profitFactorInterval();
    boot.put("profit_factor", pf == null ? null : StatsCommand.intervalFields("profit_factor", pf));
    m.put("bootstrap", boot);
    m.put("fee_stress", r.feeStress());
    m.put("attribution", r.attribution());
    m.put("regimes", r.regimes());
    Map<String, Object> manifest = BacktestRunner.manifest(spec, data, sweep.periodsPerYear());
    manifest.put("seed", grid.seed());
    manifest.put("objective", grid.objective().toString());
    manifest.put("grid", dims);
    manifest.put("constraints", m.get("constraints"));
    manifest.put("sampled", grid.sample());
    manifest.put("train", m.get("train"));
    manifest.put("test", m.get("test"));
    manifest.put("partitions", r.settings().partitions());
    manifest.put("resamples", r.settings().resamples());
    manifest.put("top_k", r.settings().topK());
    m.put("manifest", manifest);
    return m;
  }

  static Map<String, Object> headline(List<String> names, double[] metrics) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : HEADLINE) {
      out.put(k, metrics[names.indexOf(k)]);
    }
    return out;
  }

  static void write(Path dir, SweepStudy.Result r, Map<String, Object> summary, ParameterGrid grid,
      List<String> heatmapAxes) throws IOException {
    Files.createDirectories(dir);
    try (Writer w = Files.newBufferedWriter(dir.resolve("trials.csv"), StandardCharsets.UTF_8)) {
      r.sweep().writeCsv(w, grid.names());
    }
    Files.write(dir.resolve("summary.json"), RunOutputs.JSON.writeValueAsBytes(summary));
    Files.writeString(dir.resolve("report.html"), html(r, summary, grid, heatmapAxes), StandardCharsets.UTF_8);
  }

  static void print(PrintWriter o, Map<String, Object> s) {
    Map<?, ?> best = (Map<?, ?>) s.get("best");
    o.printf(Locale.ROOT, "%s: %s trials ranked by %s on the train period %s%n", s.get("strategy"), s.get("trials"),
        s.get("objective"), period(s.get("train")));
    o.println("best: " + best.get("params"));
    Map<?, ?> attribution = (Map<?, ?>) s.get("attribution");
    o.println("  train: " + line((Map<?, ?>) best.get("train")));
    printAttribution(o, attribution.get("train"));
    if (best.get("test") instanceof Map<?, ?> test) {
      o.println("  test:  " + line(test) + "   (" + period(s.get("test")) + ")");
      printAttribution(o, attribution.get("test"));
    }
    Map<?, ?> dsr = (Map<?, ?>) s.get("deflated_sharpe");
    o.printf(Locale.ROOT, "deflated Sharpe %.3f (PSR %.3f; the best of %s skill-less trials would reach Sharpe %.2f)%n",
        RunPage.num(dsr.get("dsr")), RunPage.num(dsr.get("psr")), s.get("trials"), RunPage.num(dsr.get("sr0")));
    if (s.get("pbo") instanceof Map<?, ?> pbo) {
      o.printf(Locale.ROOT, "probability of backtest overfitting %.3f (%s combinations)%n", RunPage.num(pbo.get("pbo")),
          pbo.get("combinations"));
    }
    Map<?, ?> boot = (Map<?, ?>) s.get("bootstrap");
    Map<?, ?> sh = (Map<?, ?>) boot.get("sharpe");
    o.printf(Locale.ROOT, "95%% bootstrap CI on %s: Sharpe [%.2f, %.2f]", boot.get("evaluated_on"),
        RunPage.num(sh.get("lower")), RunPage.num(sh.get("upper")));
    if (boot.get("profit_factor") instanceof Map<?, ?> pf) {
      o.printf(Locale.ROOT, ", profit factor [%.2f, %.2f]", RunPage.num(pf.get("lower")), RunPage.num(pf.get("upper")));
    }
    o.println();
    Map<?, ?> stress = (Map<?, ?>) s.get("fee_stress");
    Object stressed = stress.get("test") != null ? stress.get("test") : stress.get("train");
    o.printf(Locale.ROOT, "fee stress x%.2f (%s): %s%n", RunPage.num(stress.get("factor")),
        stress.get("test") != null ? "test" : "train", line((Map<?, ?>) stressed));
  }

  /** Concentration beside a headline result (multi-instrument runs only: one name is always 100 %). */
  private static void printAttribution(PrintWriter o, Object period) {
    if (period instanceof Map<?, ?> a && a.get("by_instrument") instanceof Map<?, ?> by && by.size() > 1) {
      o.println("         " + a.get("headline"));
    }
  }

  private static String period(Object window) {
    if (!(window instanceof Map<?, ?> w)) {
      return "";
    }
    return w.get("first_bar") + " to " + w.get("last_bar") + ", " + w.get("bars") + " bars";
  }

  private static String line(Map<?, ?> metrics) {
    return String.format(Locale.ROOT, "return %s, Sharpe %s, max drawdown %s, profit factor %s, %s trades",
        fmt(RunPage.num(metrics.get("total_return_pct")), "pct"), fmt(RunPage.num(metrics.get("sharpe")), "num"),
        fmt(RunPage.num(metrics.get("max_drawdown_pct")), "pct"), fmt(RunPage.num(metrics.get("profit_factor")), "num"),
        fmt(RunPage.num(metrics.get("trades")), "int"));
  }

  /** The self-contained page: summary, honesty numbers, top k, and the heat map of the objective. */
  static String html(SweepStudy.Result r, Map<String, Object> s, ParameterGrid grid, List<String> axes) {
    StringBuilder h = new StringBuilder(32_768);
    RunPage.head(h, "Sweep of " + s.get("strategy") + " — Momentic", ".heat td{text-align:center;min-width:3.2rem;"
        + "border:1px solid #fff;font-size:.8rem}.heat td.best{outline:3px solid #1d232a}.heat th{font-size:.8rem}\n");
    h.append("<h1>Sweep of ").append(esc(String.valueOf(s.get("strategy")))).append("</h1>\n<p class=\"note\">")
        .append(s.get("trials")).append(" trials ranked by ").append(esc(String.valueOf(s.get("objective"))))
        .append(" on the train period ").append(esc(period(s.get("train"))));
    if (s.get("test") != null) {
      h.append("; out of sample ").append(esc(period(s.get("test"))));
    }
    h.append(".</p>\n");

    Map<?, ?> best = (Map<?, ?>) s.get("best");
    h.append("<h2>Best parameters</h2>\n<p id=\"best-params\">").append(esc(String.valueOf(best.get("params"))))
        .append("</p>\n<table id=\"best\">\n<tr><th>metric</th><th>train</th><th>test</th></tr>\n");
    Map<?, ?> train = (Map<?, ?>) best.get("train");
    Map<?, ?> test = best.get("test") instanceof Map<?, ?> t ? t : Map.of();
    for (String k : HEADLINE) {
      h.append("<tr><td>").append(esc(k)).append("</td><td>").append(fmt(RunPage.num(train.get(k)), "num"))
          .append("</td><td>").append(fmt(RunPage.num(test.get(k)), "num")).append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>How far to trust it</h2>\n<table id=\"honesty\">\n<tr><th>statistic</th><th>value</th></tr>\n");
    Map<?, ?> dsr = (Map<?, ?>) s.get("deflated_sharpe");
    row(h, "trials behind the best", String.valueOf(s.get("trials")));
    row(h, "deflated Sharpe ratio (DSR)", fmt(RunPage.num(dsr.get("dsr")), "num"));
    row(h, "probabilistic Sharpe ratio (PSR)", fmt(RunPage.num(dsr.get("psr")), "num"));
    row(h, "Sharpe the best of N skill-less trials reaches (SR0)", fmt(RunPage.num(dsr.get("sr0")), "num"));
    if (s.get("pbo") instanceof Map<?, ?> pbo) {
      row(h, "probability of backtest overfitting (PBO)", fmt(RunPage.num(pbo.get("pbo")), "num"));
      row(h, "probability of an OOS loss of the IS winner", fmt(RunPage.num(pbo.get("probability_of_loss")), "num"));
    }
    Map<?, ?> boot = (Map<?, ?>) s.get("bootstrap");
    Map<?, ?> sh = (Map<?, ?>) boot.get("sharpe");
    row(h, "95% bootstrap CI of Sharpe (" + boot.get("evaluated_on") + ")", "[" + fmt(RunPage.num(sh.get("lower")),
        "num") + ", " + fmt(RunPage.num(sh.get("upper")), "num") + "]");
    if (boot.get("profit_factor") instanceof Map<?, ?> pf) {
      row(h, "95% bootstrap CI of profit factor (" + boot.get("evaluated_on") + ")", "["
          + fmt(RunPage.num(pf.get("lower")), "num") + ", " + fmt(RunPage.num(pf.get("upper")), "num") + "]");
    }
    Map<?, ?> stress = (Map<?, ?>) s.get("fee_stress");
    for (String period : List.of("train", "test")) {
      if (stress.get(period) instanceof Map<?, ?> st) {
        row(h, "fee stress ×" + fmt(RunPage.num(stress.get("factor")), "num") + " (" + period + ")", line(st));
      }
    }
    for (Map.Entry<?, ?> period : ((Map<?, ?>) s.get("attribution")).entrySet()) {
      Map<?, ?> attr = (Map<?, ?>) period.getValue();
      row(h, "top-1 / top-3 share of net P&L, HHI (" + period.getKey() + ")", fmt(RunPage.num(attr.get("top1_share")),
          "num") + " / " + fmt(RunPage.num(attr.get("top3_share")), "num") + ", " + fmt(RunPage.num(attr.get("hhi")),
          "num") + (Boolean.TRUE.equals(attr.get("concentrated")) ? " — the top 3 names carry more than half the gain"
          : ""));
    }
    h.append("</table>\n");

    h.append("<h2>Top ").append(r.trainTest().top().size()).append(" on train, then out of sample</h2>\n")
        .append("<table id=\"top\">\n<tr><th>rank</th><th>params</th><th>train Sharpe</th><th>train PF</th>")
        .append("<th>test Sharpe</th><th>test PF</th><th>test return</th></tr>\n");
    List<String> names = r.sweep().metricNames();
    for (TrainTest.Row row : r.trainTest().top()) {
      double[] te = row.test();
      h.append("<tr><td>").append(row.rank()).append("</td><td>").append(esc(row.params().toString()))
          .append("</td><td>").append(fmt(row.train()[names.indexOf("sharpe")], "num")).append("</td><td>")
          .append(fmt(row.train()[names.indexOf("profit_factor")], "num")).append("</td><td>")
          .append(te == null ? "–" : fmt(te[names.indexOf("sharpe")], "num")).append("</td><td>")
          .append(te == null ? "–" : fmt(te[names.indexOf("profit_factor")], "num")).append("</td><td>")
          .append(te == null ? "–" : fmt(te[names.indexOf("total_return_pct")], "pct")).append("</td></tr>\n");
    }
    h.append("</table>\n");
    heatMap(h, r, grid, axes);
    h.append("<p class=\"note\">Generated by Momentic ").append(esc(MomenticCommand.version()))
        .append(". Files beside this page: trials.csv (every trial), summary.json.</p>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String name, String value) {
    h.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
  }

  /**
   * The objective over two grid parameters (the best value over any others), coloured from red
   * (worst) to green (best); empty cells were excluded by the constraints or not sampled.
   */
  static void heatMap(StringBuilder h, SweepStudy.Result r, ParameterGrid grid, List<String> axes) {
    List<String> names = grid.names();
    String x = axes.get(0);
    String y = axes.size() > 1 ? axes.get(1) : null;
    Sweep.Objective objective = r.trainTest().objective();
    int m = r.sweep().metricIndex(objective.metric());
    List<String> xs = grid.dimensions().get(names.indexOf(x)).values();
    List<String> ys = y == null ? List.of("") : grid.dimensions().get(names.indexOf(y)).values();
    double[][] cell = new double[ys.size()][xs.size()];
    for (double[] rowValues : cell) {
      java.util.Arrays.fill(rowValues, Double.NaN);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Sweep.Trial t : r.sweep().trials()) {
      int i = y == null ? 0 : ys.indexOf(t.params().get(y));
      int j = xs.indexOf(t.params().get(x));
      double v = objective.minimize() ? -t.metrics()[m] : t.metrics()[m];
      if (!Double.isNaN(v) && (Double.isNaN(cell[i][j]) || v > cell[i][j])) {
        cell[i][j] = v;
      }
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    Map<String, String> bestParams = r.best().params();
    h.append("<h2>Heat map: ").append(esc(objective.toString())).append(" on train by ").append(esc(x));
    if (y != null) {
      h.append(" × ").append(esc(y));
    }
    h.append("</h2>\n<p class=\"note\">Each cell: the best ").append(esc(objective.metric()))
        .append(" over the other parameters. A lone bright cell among dim ones is a warning sign; a broad plateau "
            + "is what a robust parameter looks like.</p>\n<table class=\"heat\" id=\"heatmap\">\n<tr><th>")
        .append(y == null ? "" : esc(y) + " \\ " + esc(x)).append("</th>");
    for (String xv : xs) {
      h.append("<th>").append(esc(xv)).append("</th>");
    }
    h.append("</tr>\n");
    for (int i = 0; i < ys.size(); i++) {
      h.append("<tr><th>").append(esc(ys.get(i))).append("</th>");
      for (int j = 0; j < xs.size(); j++) {
        double v = cell[i][j];
        boolean isBest = xs.get(j).equals(bestParams.get(x)) && (y == null || ys.get(i).equals(bestParams.get(y)));
        if (Double.isNaN(v)) {
          h.append("<td></td>");
          continue;
        }
        double f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        h.append("<td").append(isBest ? " class=\"best\"" : "").append(" style=\"background:")
            .append(color(f)).append("\" title=\"").append(esc(x)).append('=').append(esc(xs.get(j)));
        if (y != null) {
          h.append(", ").append(esc(y)).append('=').append(esc(ys.get(i)));
        }
        h.append("\">").append(fmt(objective.minimize() ? -v : v, "num")).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /**
   * The heat map's axes: the requested ones (checked against the grid, before any trial runs), else
   * the grid's first two parameters; one axis for a one-parameter grid.
   */
  static List<String> heatMapAxes(ParameterGrid grid, List<String> requested) {
    List<String> names = grid.names();
    List<String> axes = !requested.isEmpty() ? requested : names.subList(0, Math.min(2, names.size()));
    if (axes.size() > 2) {
      throw new io.momentic.core.ConfigException("heatmap", "expected at most two parameters X,Y, found " + axes);
    }
    for (String a : axes) {
      if (!names.contains(a)) {
        throw new io.momentic.core.ConfigException("heatmap", "expected grid parameters " + names + ", found '" + a
            + "'");
      }
    }
    return List.copyOf(axes);
  }

  /** Red (0) through pale yellow (0.5) to green (1). */
  static String color(double f) {
    int r;
    int g;
    if (f < 0.5) {
      r = 230;
      g = (int) Math.round(120 + 2 * f * 110);
    } else {
      r = (int) Math.round(230 - 2 * (f - 0.5) * 150);
      g = 230 - (int) Math.round(2 * (f - 0.5) * 40);
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, 120);
  }
}
