package io.momentic.report.page;

import io.momentic.report.Numbers;
import io.momentic.report.Numbers.Kind;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.SweepStudy;
import io.momentic.research.TrainTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html} of a sweep: the winner on train and test, how far to trust it (trials, DSR,
 * PBO, bootstrap intervals, fee stress, attribution), the top k, and a heat map of the objective.
 */
public record SweepReportView(Chrome chrome, String strategy, String lead, String bestParams, List<Metric> best,
    List<Stat> honesty, int topCount, List<TopRow> top, HeatMap heatMap, String winnerReport) {

  /** Metrics shown for the best and top-k trials. */
  public static final List<String> HEADLINE = List.of("total_return_pct", "cagr_pct", "sharpe", "sortino",
      "max_drawdown_pct", "profit_factor", "win_rate_pct", "trades", "exposure_pct", "fees");

  public record Metric(String name, String train, String test) {}

  public record Stat(String name, String value) {}

  public record TopRow(int rank, String params, String trainSharpe, String trainProfitFactor, String testSharpe,
      String testProfitFactor, String testReturn) {}

  public record HeatCell(String text, String color, String title, boolean best) {}

  public record HeatRow(String label, List<HeatCell> cells) {}

  /**
   * The heat map: a table for a small grid; above {@link #TABLE_CELLS} cells {@code rows} is empty
   * and {@code canvasJson} holds the cells for the page's canvas chart (null for a table).
   */
  public record HeatMap(String title, String note, String corner, List<String> columns, List<HeatRow> rows,
      String canvasJson) {

    /** The cells as a script-safe JSON text. */
    public String canvasScriptJson() {
      return Assets.scriptSafe(canvasJson);
    }

    public String canvasScript() {
      return Assets.scriptSafe(Assets.text("heatmap.js"));
    }
  }

  /** Grids with more cells than this are drawn on a canvas (hover for a cell) rather than as a table. */
  public static final int TABLE_CELLS = 1_000;

  /** {@code winnerReport}: the relative link to the winner's tear sheet on the test period, or null. */
  public static SweepReportView of(SweepStudy.Result r, Map<String, Object> s, ParameterGrid grid, List<String> axes,
      String winnerReport) {
    String lead = s.get("trials") + " trials ranked by " + s.get("objective") + " on the train period "
        + period(s.get("train")) + (s.get("validate") != null ? "; the top ranked again on the validation period "
            + period(s.get("validate")) + " (the table's out-of-sample columns), and only the one chosen there run on "
            + "the test period " + period(s.get("test")) + ", which no choice has seen"
            : s.get("test") != null ? "; out of sample " + period(s.get("test")) : "") + ".";
    Map<?, ?> bestDoc = (Map<?, ?>) s.get("best");
    Map<?, ?> train = (Map<?, ?>) bestDoc.get("train");
    Map<?, ?> test = bestDoc.get("test") instanceof Map<?, ?> t ? t : Map.of();
    List<Metric> best = new ArrayList<>();
    for (String k : HEADLINE) {
      best.add(new Metric(k, Numbers.fmt(train.get(k), Kind.NUM), Numbers.fmt(test.get(k), Kind.NUM)));
    }
    List<Stat> honesty = new ArrayList<>();
    Map<?, ?> dsr = (Map<?, ?>) s.get("deflated_sharpe");
    honesty.add(new Stat("trials behind the best", String.valueOf(s.get("trials"))));
    honesty.add(new Stat("deflated Sharpe ratio (DSR)", Numbers.fmt(dsr.get("dsr"), Kind.NUM)));
    honesty.add(new Stat("probabilistic Sharpe ratio (PSR)", Numbers.fmt(dsr.get("psr"), Kind.NUM)));
    honesty.add(new Stat("Sharpe the best of N skill-less trials reaches (SR0)", Numbers.fmt(dsr.get("sr0"), Kind.NUM)));
    if (s.get("pbo") instanceof Map<?, ?> pbo) {
      honesty.add(new Stat("probability of backtest overfitting (PBO)", Numbers.fmt(pbo.get("pbo"), Kind.NUM)));
      honesty.add(new Stat("probability of an OOS loss of the IS winner", Numbers.fmt(pbo.get("probability_of_loss"),
          Kind.NUM)));
    }
    Map<?, ?> boot = (Map<?, ?>) s.get("bootstrap");
    Map<?, ?> sh = (Map<?, ?>) boot.get("sharpe");
    honesty.add(new Stat("95% bootstrap CI of Sharpe (" + boot.get("evaluated_on") + ")", interval(sh)));
    if (boot.get("profit_factor") instanceof Map<?, ?> pf) {
      honesty.add(new Stat("95% bootstrap CI of profit factor (" + boot.get("evaluated_on") + ")", interval(pf)));
    }
    Map<?, ?> stress = (Map<?, ?>) s.get("fee_stress");
    for (String p : List.of("train", "test")) {
      if (stress.get(p) instanceof Map<?, ?> st) {
        honesty.add(new Stat("fee stress ×" + Numbers.fmt(stress.get("factor"), Kind.NUM) + " (" + p + ")", line(st)));
      }
    }
    if (s.get("fill_sensitivity") instanceof Map<?, ?> f) {
      StringBuilder sharpes = new StringBuilder();
      for (String a : List.of("same_close", "next_open", "pessimistic_intrabar")) {
        sharpes.append(sharpes.isEmpty() ? "" : " / ").append(Numbers.fmt(((Map<?, ?>) f.get(a)).get("sharpe"), Kind.NUM));
      }
      honesty.add(new Stat("Sharpe under same-close / next-open / pessimistic-intrabar fills (best trial)",
          sharpes + ", spread " + Numbers.fmt(f.get("sharpe_spread"), Kind.NUM)
              + (Boolean.TRUE.equals(f.get("edge_lost_under_pessimistic_fills")) ? " — the edge disappears under "
                  + "pessimistic fills" : "")));
    }
    for (Map.Entry<?, ?> p : ((Map<?, ?>) s.get("attribution")).entrySet()) {
      Map<?, ?> attr = (Map<?, ?>) p.getValue();
      honesty.add(new Stat("top-1 / top-3 share of net P&L, HHI (" + p.getKey() + ")",
          Numbers.fmt(attr.get("top1_share"), Kind.NUM) + " / " + Numbers.fmt(attr.get("top3_share"), Kind.NUM) + ", "
              + Numbers.fmt(attr.get("hhi"), Kind.NUM) + (Boolean.TRUE.equals(attr.get("concentrated"))
              ? " — the top 3 names carry more than half the gain" : "")));
    }
    List<String> names = r.sweep().metricNames();
    List<TopRow> top = new ArrayList<>();
    for (TrainTest.Row row : r.trainTest().top()) {
      double[] te = row.test();
      top.add(new TopRow(row.rank(), row.params().toString(), Numbers.fmt(row.train()[names.indexOf("sharpe")], Kind.NUM),
          Numbers.fmt(row.train()[names.indexOf("profit_factor")], Kind.NUM),
          te == null ? "–" : Numbers.fmt(te[names.indexOf("sharpe")], Kind.NUM),
          te == null ? "–" : Numbers.fmt(te[names.indexOf("profit_factor")], Kind.NUM),
          te == null ? "–" : Numbers.fmt(te[names.indexOf("total_return_pct")], Kind.PCT)));
    }
    return new SweepReportView(Chrome.file("Sweep of " + s.get("strategy") + " — Momentic", Theme.DEFAULT),
        String.valueOf(s.get("strategy")), lead, String.valueOf(bestDoc.get("params")), best, honesty, top.size(), top,
        heatMap(r, grid, axes), winnerReport);
  }

  private static String interval(Map<?, ?> ci) {
    return "[" + Numbers.fmt(ci.get("lower"), Kind.NUM) + ", " + Numbers.fmt(ci.get("upper"), Kind.NUM) + "]";
  }

  /** {@code first to last, N bars} of a window document. */
  public static String period(Object window) {
    if (!(window instanceof Map<?, ?> w)) {
      return "";
    }
    return w.get("first_bar") + " to " + w.get("last_bar") + ", " + w.get("bars") + " bars";
  }

  /** One line of headline metrics. */
  public static String line(Map<?, ?> metrics) {
    return String.format(Locale.ROOT, "return %s, Sharpe %s, max drawdown %s, profit factor %s, %s trades",
        Numbers.fmt(metrics.get("total_return_pct"), Kind.PCT), Numbers.fmt(metrics.get("sharpe"), Kind.NUM),
        Numbers.fmt(metrics.get("max_drawdown_pct"), Kind.PCT), Numbers.fmt(metrics.get("profit_factor"), Kind.NUM),
        Numbers.fmt(metrics.get("trades"), Kind.INT));
  }

  /**
   * The objective over two grid parameters (the best value over any others), coloured from red
   * (worst) to green (best); empty cells were excluded by the constraints or not sampled.
   */
  static HeatMap heatMap(SweepStudy.Result r, ParameterGrid grid, List<String> axes) {
    List<String> names = grid.names();
    String x = axes.get(0);
    String y = axes.size() > 1 ? axes.get(1) : null;
    Sweep.Objective objective = r.trainTest().objective();
    int m = r.sweep().metricIndex(objective.metric());
    List<String> xs = grid.dimensions().get(names.indexOf(x)).values();
    List<String> ys = y == null ? List.of("") : grid.dimensions().get(names.indexOf(y)).values();
    double[][] cell = new double[ys.size()][xs.size()];
    for (double[] rowValues : cell) {
      Arrays.fill(rowValues, Double.NaN);
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
    String title = "Heat map: " + objective + " on train by " + x + (y == null ? "" : " × " + y);
    String note = "Each cell: the best " + objective.metric() + " over the other parameters. A lone bright cell among "
        + "dim ones is a warning sign; a broad plateau is what a robust parameter looks like.";
    String corner = y == null ? "" : y + " \\ " + x;
    if ((long) xs.size() * ys.size() > TABLE_CELLS) {
      return new HeatMap(title, note + " Hover a cell for its parameters and value; the outlined cell is the "
          + "winner.", corner, xs, List.of(), canvasJson(cell, xs, ys, x, y, objective, bestParams));
    }
    List<HeatRow> rows = new ArrayList<>();
    for (int i = 0; i < ys.size(); i++) {
      List<HeatCell> cells = new ArrayList<>();
      for (int j = 0; j < xs.size(); j++) {
        double v = cell[i][j];
        if (Double.isNaN(v)) {
          cells.add(new HeatCell("", null, null, false));
          continue;
        }
        boolean isBest = xs.get(j).equals(bestParams.get(x)) && (y == null || ys.get(i).equals(bestParams.get(y)));
        double f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        String cellTitle = x + "=" + xs.get(j) + (y == null ? "" : ", " + y + "=" + ys.get(i));
        cells.add(new HeatCell(Numbers.fmt(objective.minimize() ? -v : v, Kind.NUM), "background:" + color(f),
            cellTitle, isBest));
      }
      rows.add(new HeatRow(ys.get(i), cells));
    }
    return new HeatMap(title, note, corner, xs, rows, null);
  }

  /**
   * The cells for {@code heatmap.js}: the axes' names and values, the objective per cell row by row
   * (null where no trial), the range the colours span (in "higher is better" terms) and the winner.
   */
  private static String canvasJson(double[][] cell, List<String> xs, List<String> ys, String x, String y,
      Sweep.Objective objective, Map<String, String> bestParams) {
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("x", x);
    doc.put("y", y);
    doc.put("xs", xs);
    doc.put("ys", ys);
    doc.put("objective", objective.toString());
    doc.put("minimize", objective.minimize());
    List<Object> values = new ArrayList<>();
    for (double[] row : cell) {
      for (double v : row) {
        values.add(Double.isNaN(v) ? null : v);
      }
    }
    doc.put("values", values);
    doc.put("best", List.of(y == null ? 0 : ys.indexOf(bestParams.get(y)), xs.indexOf(bestParams.get(x))));
    return io.momentic.report.Json.compactInOrder(doc);
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
