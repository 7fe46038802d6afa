package io.momentic.report;

import io.momentic.core.Csv;
import io.momentic.core.AtomicFiles;
import io.momentic.core.Timestamps;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Trade;
import io.momentic.report.chart.RunCharts;
import io.momentic.report.page.Pages;
import io.momentic.report.page.RunReportView;
import io.momentic.research.RunMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of a backtest's run folder: {@code equity.csv}, {@code trades.csv}, {@code fills.csv},
 * {@code metrics.json}, {@code manifest.json}, {@code chart.json}, {@code report.html} and when asked
 * {@code plot.png}, each
 * written atomically (a reader never sees half a file). CSV cells are quoted where they must be.
 * Same inputs give the same bytes: no wall-clock time is written anywhere.
 */
public final class RunFolder {

  /** What a run folder holds. */
  /**
   * {@code chart} is the interactive trade chart's data ({@link TradeChart}), or null for none;
   * {@code benchmark} the buy-and-hold run the report compares against, or null.
   */
  public record Contents(String runId, Path dir, BacktestResult result, Map<String, Object> metrics,
      Map<String, Object> manifest, double periodsPerYear, Map<String, Object> chart, BacktestResult benchmark) {}

  /**
   * How the files are laid out. {@code newestFirst}: the equity, fills and trades CSVs newest row
   * first, as reference {@code 002} §5.1's contract orders every CSV; {@code referenceRoot} (null:
   * none): also write the contract's {@code equity_<strategy>_<run_id>.csv},
   * {@code trades_<strategy>_<run_id>.csv}, {@code metrics_<strategy>_<run_id>.json} and
   * {@code plot_<strategy>_<run_id>.png} there (its {@code data/results/}); {@code plot}: draw
   * {@code plot.png} (the report's own charts are SVG and script; the PNG, drawn with Java2D, is
   * most of a short run's time, so it is drawn only when asked — always for the reference layout).
   */
  public record Layout(boolean newestFirst, Path referenceRoot, String strategy, boolean plot) {

    public static final Layout DEFAULT = new Layout(false, null, null, false);

    /** The same layout, with {@code plot.png} drawn (and shown on the report) or not. */
    public Layout withPlot(boolean drawPlot) {
      return new Layout(newestFirst, referenceRoot, strategy, drawPlot);
    }

    /** What the manifest records of the row order. */
    public String rowOrder() {
      return newestFirst ? "newest-first" : "oldest-first";
    }
  }

  private RunFolder() {}

  public static void write(Contents c) throws IOException {
    write(c, Layout.DEFAULT);
  }

  public static void write(Contents c, Layout layout) throws IOException {
    Path dir = c.dir();
    Files.createDirectories(dir);
    String metrics = Json.pretty(c.metrics()) + "\n";
    AtomicFiles.writeString(dir.resolve("metrics.json"), metrics);
    AtomicFiles.writeString(dir.resolve("manifest.json"), Json.pretty(c.manifest()) + "\n");
    BacktestResult r = c.result();
    boolean newest = layout.newestFirst();
    String trades = tradesCsv(r, newest);
    // The equity file has a row per bar (a million for a long intraday run): streamed, never held whole.
    AtomicFiles.write(dir.resolve("equity.csv"), w -> writeEquity(w, r, c.periodsPerYear(), newest));
    AtomicFiles.writeString(dir.resolve("fills.csv"), fillsCsv(r, newest));
    AtomicFiles.writeString(dir.resolve("trades.csv"), trades);
    String chartJson = c.chart() == null ? null : Json.compactInOrder(c.chart());
    if (chartJson != null) {
      AtomicFiles.writeString(dir.resolve("chart.json"), chartJson);
    }
    boolean plot = layout.plot() || layout.referenceRoot() != null;
    byte[] png = plot ? RunCharts.of(r, c.periodsPerYear()).png(c.runId()) : null;
    if (plot) {
      AtomicFiles.write(dir.resolve("plot.png"), png);
    }
    AtomicFiles.writeString(dir.resolve("report.html"), Pages.runReport(RunReportView.of(c.runId(), c.metrics(),
        c.manifest(), c.periodsPerYear(), allTrades(r), png).withCharts(BenchmarkCharts.of(r, c.benchmark(),
        c.periodsPerYear()), chartJson)));
    if (layout.referenceRoot() != null) {
      String stem = layout.strategy() + "_" + c.runId();
      Path root = layout.referenceRoot();
      AtomicFiles.write(root.resolve("equity_" + stem + ".csv"), w -> writeEquity(w, r, c.periodsPerYear(), newest));
      AtomicFiles.writeString(root.resolve("trades_" + stem + ".csv"), trades);
      AtomicFiles.writeString(root.resolve("metrics_" + stem + ".json"), metrics);
      AtomicFiles.write(root.resolve("plot_" + stem + ".png"), png);
    }
  }

  /** Row indexes in the order asked: 0…n−1, or n−1…0 newest first. */
  private static int row(int i, int n, boolean newestFirst) {
    return newestFirst ? n - 1 - i : i;
  }

  /** The equity CSV into {@code w}, row by row (numbers and timestamps need no quoting). */
  static void writeEquity(java.io.Writer w, BacktestResult r, double periodsPerYear, boolean newestFirst)
      throws IOException {
    w.write("timestamp,equity_value,cash,exposure,drawdown,rolling_sharpe_60d\n");
    double[] drawdown = RunMetrics.drawdowns(r);
    // The return ending at bar t is returns[t] (the first from the initial cash), so the window ends at t.
    double[] rolling = io.momentic.analytics.ReturnMetrics.rollingSharpe(
        io.momentic.analytics.EquityMetrics.returns(RunMetrics.wealth(r)), RunMetrics.ROLLING_WINDOW, periodsPerYear);
    int n = r.equity().length;
    long[] times = r.times();
    double[] equity = r.equity();
    double[] cash = r.cash();
    double[] exposure = r.exposure();
    StringBuilder sb = new StringBuilder(128 * 1024);
    // Flat stretches repeat a cell's value row after row: its text is copied, not formatted again.
    Cell equityCell = new Cell();
    Cell cashCell = new Cell();
    Cell exposureCell = new Cell();
    Cell drawdownCell = new Cell();
    Cell rollingCell = new Cell();
    for (int i = 0; i < n; i++) {
      int t = row(i, n, newestFirst);
      Timestamps.append(sb, times[t]).append(',');
      equityCell.append(sb, equity[t]).append(',');
      cashCell.append(sb, cash[t]).append(',');
      exposureCell.append(sb, exposure[t]).append(',');
      drawdownCell.append(sb, drawdown[t]).append(',');
      rollingCell.append(sb, rolling[t]).append('\n');
      if (sb.length() > 120 * 1024) {
        w.append(sb);
        sb.setLength(0);
      }
    }
    w.append(sb);
  }

  /** One CSV column's last value and its text ({@link Numbers#csv}), reused while the value repeats. */
  private static final class Cell {
    private boolean known;
    private long bits;
    private char[] text = new char[32];
    private int length;

    StringBuilder append(StringBuilder out, double v) {
      long b = Double.doubleToRawLongBits(v);
      if (known && b == bits) {
        return out.append(text, 0, length);
      }
      int start = out.length();
      Numbers.appendCsv(out, v);
      length = out.length() - start;
      if (length > text.length) {
        text = new char[length];
      }
      out.getChars(start, start + length, text, 0);
      bits = b;
      known = true;
      return out;
    }
  }

  static String fillsCsv(BacktestResult r, boolean newestFirst) throws IOException {
    StringWriter w = new StringWriter();
    w.write("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,reason\n");
    List<Fill> fills = r.fills();
    for (int i = 0; i < fills.size(); i++) {
      Fill f = fills.get(row(i, fills.size(), newestFirst));
      Csv.row(w, List.of(Timestamps.format(f.timeMillis()), f.instrument(), f.action(), Numbers.csv(f.quantity()),
          Numbers.csv(f.price()), Numbers.csv(f.grossValue()), Numbers.csv(f.fee()), Numbers.csv(f.slippageCost()),
          f.reason()));
    }
    return w.toString();
  }

  /** Columns of reference {@code 002} §5.4 (for the exit), then the trade's own fields. */
  static String tradesCsv(BacktestResult r, boolean newestFirst) throws IOException {
    StringWriter w = new StringWriter();
    w.write("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,entry_time,entry_price,"
        + "exit_time,exit_price,pnl,return_pct,bars_held,mae_pct,mfe_pct,status\n");
    List<Trade> all = allTrades(r);
    for (int i = 0; i < all.size(); i++) {
      Trade t = all.get(row(i, all.size(), newestFirst));
      String exitTime = t.open() ? "" : Timestamps.format(t.exitTime());
      double price = t.open() ? Double.NaN : t.exitPrice();
      Csv.row(w, List.of(exitTime, t.instrument(), t.direction() > 0 ? "long" : "short", Numbers.csv(t.quantity()),
          Numbers.csv(price), Numbers.csv(t.quantity() * price), Numbers.csv(t.fees()), Numbers.csv(t.slippageCost()),
          Timestamps.format(t.entryTime()), Numbers.csv(t.entryPrice()), exitTime, Numbers.csv(price),
          Numbers.csv(t.pnl()), Numbers.csv(t.returnPct()), Integer.toString(t.barsHeld()), Numbers.csv(t.maePct()),
          Numbers.csv(t.mfePct()), t.open() ? "open" : "closed"));
    }
    return w.toString();
  }

  /** Closed trades, then the ones still open at the end. */
  public static List<Trade> allTrades(BacktestResult r) {
    List<Trade> all = new ArrayList<>(r.trades());
    all.addAll(r.openTrades());
    return all;
  }
}
