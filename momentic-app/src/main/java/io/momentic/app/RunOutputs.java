package io.momentic.app;

import io.momentic.research.RunMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.Timestamps;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Trade;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a run folder: {@code equity.csv}, {@code trades.csv}, {@code fills.csv},
 * {@code metrics.json}, {@code manifest.json}, {@code plot.png} and {@code report.html}. Same
 * inputs give the same bytes (no wall-clock time is written anywhere).
 */
final class RunOutputs {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private RunOutputs() {}

  static void write(BacktestRunner.Outcome o) throws IOException {
    Path dir = o.dir();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("metrics.json"), JSON.writeValueAsString(o.metrics()) + "\n");
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(o.manifest()) + "\n");
    BacktestResult r = o.result();
    writeEquity(dir.resolve("equity.csv"), r);
    writeFills(dir.resolve("fills.csv"), r);
    writeTrades(dir.resolve("trades.csv"), r);
    RunCharts charts = RunCharts.of(r, o.periodsPerYear());
    byte[] png = charts.png(o.runId());
    Files.write(dir.resolve("plot.png"), png);
    Files.writeString(dir.resolve("report.html"), RunPage.html(o, png));
  }

  private static void writeEquity(Path file, BacktestResult r) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("timestamp,equity_value,cash,exposure,drawdown\n");
      double[] drawdown = RunMetrics.drawdowns(r);
      for (int t = 0; t < r.equity().length; t++) {
        w.write(Timestamps.format(r.times()[t]) + "," + num(r.equity()[t]) + "," + num(r.cash()[t]) + ","
            + num(r.exposure()[t]) + "," + num(drawdown[t]) + "\n");
      }
    }
  }

  private static void writeFills(Path file, BacktestResult r) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,reason\n");
      for (Fill f : r.fills()) {
        w.write(Timestamps.format(f.timeMillis()) + "," + f.instrument() + "," + f.action() + "," + num(f.quantity())
            + "," + num(f.price()) + "," + num(f.grossValue()) + "," + num(f.fee()) + "," + num(f.slippageCost()) + ","
            + f.reason() + "\n");
      }
    }
  }

  /** Columns of reference {@code 002} §5.4 (for the exit), then the trade's own fields. */
  private static void writeTrades(Path file, BacktestResult r) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,entry_time,entry_price,"
          + "exit_time,exit_price,pnl,return_pct,bars_held,mae_pct,mfe_pct,status\n");
      for (Trade t : allTrades(r)) {
        String exitTime = t.open() ? "" : Timestamps.format(t.exitTime());
        double price = t.open() ? Double.NaN : t.exitPrice();
        w.write(exitTime + "," + t.instrument() + "," + (t.direction() > 0 ? "long" : "short") + ","
            + num(t.quantity()) + "," + num(price) + "," + num(t.quantity() * price) + "," + num(t.fees())
            + ",," + Timestamps.format(t.entryTime()) + "," + num(t.entryPrice()) + "," + exitTime + ","
            + num(price) + "," + num(t.pnl()) + "," + num(t.returnPct()) + "," + t.barsHeld() + "," + num(t.maePct())
            + "," + num(t.mfePct()) + "," + (t.open() ? "open" : "closed") + "\n");
      }
    }
  }

  static List<Trade> allTrades(BacktestResult r) {
    List<Trade> all = new ArrayList<>(r.trades());
    all.addAll(r.openTrades());
    return all;
  }

  static String num(double v) {
    return Double.isNaN(v) ? "" : CanonicalCsv.formatNumber(v);
  }
}
