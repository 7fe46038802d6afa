package io.momentic.report.page;

import io.momentic.core.Timestamps;
import io.momentic.engine.account.Trade;
import io.momentic.report.Numbers;
import io.momentic.report.Numbers.Kind;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a backtest run: the headline metrics, the fee-stress result, attribution,
 * the chart (a data URI), the settings and the trades. Values arrive formatted, so the template
 * only places them.
 *
 * @param feeStress one sentence, or null without a stress run
 * @param fills the run under same-close, next-open and pessimistic-intrabar fills (empty when not run)
 * @param fillSpread the spread of their Sharpe ratios and total returns, or null
 * @param attribution the concentration headline, or null for a single instrument
 * @param warnings what makes the result untrustworthy (a tiny sample), shown above the metrics
 * @param shownTrades the first {@link #MAX_TRADE_ROWS} trades; {@code totalTrades} counts them all
 */
public record RunReportView(Chrome chrome, String strategy, String runId, String period, List<Cell> metrics,
    String feeStress, List<FillRow> fills, String fillSpread, String attribution, boolean concentrated,
    String pngBase64, List<Cell> settings, List<TradeRow> shownTrades, int totalTrades, List<String> warnings,
    List<YearRow> monthly, List<List<String>> drawdowns, List<Cell> risk, List<List<String>> bySymbol,
    List<Cell> exitReasons, List<List<String>> byYear, List<Cell> versus, List<Figure> figures, String tradeChartJson) {

  /** An inline SVG chart of the report, with its id and caption. */
  public record Figure(String id, String caption, String svg) {}

  /**
   * The same report with the charts against the benchmark and the interactive trade chart's data
   * ({@code chart.json}'s text, or null for none), drawn in the page by the bundled library.
   */
  public RunReportView withCharts(List<Figure> newFigures, String newTradeChartJson) {
    return new RunReportView(chrome, strategy, runId, period, metrics, feeStress, fills, fillSpread, attribution,
        concentrated, pngBase64, settings, shownTrades, totalTrades, warnings, monthly, drawdowns, risk, bySymbol,
        exitReasons, byYear, versus, List.copyOf(newFigures), newTradeChartJson);
  }

  /** The chart data, safe inside a script element. */
  public String tradeChartScriptJson() {
    return Assets.scriptSafe(tradeChartJson);
  }

  /** Lightweight Charts and the trade chart's script, for the page. */
  public String tradeChartScripts() {
    return Assets.lightweightChartsScript();
  }

  public String tradeChartScript() {
    return ChartView.Kind.TRADES.script();
  }

  /** One year of the monthly returns heat map: twelve cells (blank where no bar) and the year's return. */
  public record YearRow(String year, List<HeatCell> months, HeatCell total) {}

  /** A return cell of the heat map: text and a background shade (green up, red down, by size). */
  public record HeatCell(String text, String style) {}

  /** One fill assumption's headline numbers, formatted. */
  public record FillRow(String assumption, String finalEquity, String totalReturn, String sharpe, String maxDrawdown,
      String trades) {}

  /** Beyond this many trades the page shows the first ones and points to trades.csv. */
  public static final int MAX_TRADE_ROWS = 1000;

  /** A labelled value; {@code negative} colours it. */
  public record Cell(String name, String value, boolean negative) {}

  public record TradeRow(String instrument, String side, String entry, String entryPrice, String exit,
      String exitPrice, String quantity, String pnl, boolean pnlNegative, String returnPct, boolean returnNegative,
      int bars, String mae, String mfe) {}

  private static final List<String[]> HEADLINE = List.of(
      new String[] {"final_equity", "Final equity", "MONEY"},
      new String[] {"total_return_pct", "Total return", "PCT"},
      new String[] {"cagr_pct", "CAGR", "PCT"},
      new String[] {"annual_volatility_pct", "Annual volatility", "PCT"},
      new String[] {"sharpe", "Sharpe", "NUM"},
      new String[] {"sortino", "Sortino", "NUM"},
      new String[] {"calmar", "Calmar", "NUM"},
      new String[] {"max_drawdown_pct", "Max drawdown", "PCT"},
      new String[] {"max_drawdown_duration_bars", "Max drawdown duration (bars)", "INT"},
      new String[] {"trades", "Closed trades", "INT"},
      new String[] {"open_trades", "Open trades", "INT"},
      new String[] {"win_rate_pct", "Win rate", "PCT"},
      new String[] {"profit_factor", "Profit factor", "NUM"},
      new String[] {"expectancy", "Expectancy (per trade)", "MONEY"},
      new String[] {"sqn", "SQN", "NUM"},
      new String[] {"exposure_pct", "Exposure", "PCT"},
      new String[] {"fees", "Fees paid (open positions' entry fees included)", "MONEY"},
      new String[] {"slippage", "Slippage cost", "MONEY"});

  private static final List<String> SETTINGS = List.of("strategy", "params", "cash", "commission", "slippage_bps",
      "close_at_end", "fee_stress_factor", "warm_up_bars", "code_version");

  /** The view of a run from its metrics, manifest, trades (closed then open) and chart. */
  public static RunReportView of(String runId, Map<String, Object> metrics, Map<String, Object> manifest,
      double periodsPerYear, List<Trade> trades, byte[] png) {
    List<Cell> rows = new ArrayList<>();
    for (String[] h : HEADLINE) {
      Object v = metrics.get(h[0]);
      Kind kind = Kind.valueOf(h[2]);
      rows.add(new Cell(h[1], v instanceof Number ? Numbers.fmt(v, kind) : String.valueOf(v),
          kind != Kind.INT && Numbers.num(v) < 0));
    }
    String stress = null;
    if (metrics.get("fee_stress") instanceof Map<?, ?> s) {
      stress = "With fees × " + Numbers.fmt(s.get("factor"), Kind.NUM) + ": final equity "
          + Numbers.fmt(s.get("final_equity"), Kind.MONEY) + ", total return " + Numbers.fmt(s.get("total_return_pct"),
          Kind.PCT) + ", Sharpe " + Numbers.fmt(s.get("sharpe"), Kind.NUM) + ", max drawdown "
          + Numbers.fmt(s.get("max_drawdown_pct"), Kind.PCT) + ".";
    }
    List<FillRow> fills = new ArrayList<>();
    String fillSpread = null;
    if (metrics.get("fill_sensitivity") instanceof Map<?, ?> f) {
      for (String a : List.of("same_close", "next_open", "pessimistic_intrabar")) {
        Map<?, ?> x = (Map<?, ?>) f.get(a);
        fills.add(new FillRow(a.replace('_', ' '), Numbers.fmt(x.get("final_equity"), Kind.MONEY),
            Numbers.fmt(x.get("total_return_pct"), Kind.PCT), Numbers.fmt(x.get("sharpe"), Kind.NUM),
            Numbers.fmt(x.get("max_drawdown_pct"), Kind.PCT), String.valueOf(x.get("trades"))));
      }
      fillSpread = "Spread: Sharpe " + Numbers.fmt(f.get("sharpe_spread"), Kind.NUM) + ", total return "
          + Numbers.fmt(f.get("return_spread_pct"), Kind.PCT) + " (largest − smallest)."
          + (Boolean.TRUE.equals(f.get("edge_lost_under_pessimistic_fills"))
              ? " The edge disappears under pessimistic fills." : "");
    }
    String attribution = null;
    boolean concentrated = false;
    if (metrics.get("attribution") instanceof Map<?, ?> a) {
      attribution = String.valueOf(a.get("headline"));
      concentrated = Boolean.TRUE.equals(a.get("concentrated"));
    }
    List<Cell> settings = new ArrayList<>();
    for (String key : SETTINGS) {
      settings.add(new Cell(key, String.valueOf(manifest.get(key)), false));
    }
    if (manifest.get("data_files") instanceof List<?> files) {
      for (Object f : files) {
        if (f instanceof Map<?, ?> file) {
          settings.add(new Cell("data", file.get("path") + " (sha256 " + String.valueOf(file.get("sha256"))
              .substring(0, 12) + "…)", false));
        }
      }
    }
    List<TradeRow> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(trades.size(), MAX_TRADE_ROWS); i++) {
      Trade t = trades.get(i);
      shown.add(new TradeRow(t.instrument(), t.direction() > 0 ? "long" : "short",
          Timestamps.formatDate(t.entryTime()), Numbers.fmt(t.entryPrice(), Kind.PRICE),
          t.open() ? "open" : Timestamps.formatDate(t.exitTime()), t.open() ? "" : Numbers.fmt(t.exitPrice(), Kind.PRICE),
          Numbers.fmt(t.quantity(), Kind.QTY), Numbers.fmt(t.pnl(), Kind.MONEY), t.pnl() < 0,
          Numbers.fmt(t.returnPct(), Kind.PCT), t.returnPct() < 0, t.barsHeld(), Numbers.fmt(t.maePct(), Kind.PCT),
          Numbers.fmt(t.mfePct(), Kind.PCT)));
    }
    String period = manifest.get("first_bar") + " to " + manifest.get("last_bar") + ", " + manifest.get("fill_model")
        + ", annualised with " + Numbers.fmt(periodsPerYear, Kind.INT) + " periods per year"
        + (metrics.get("periods_per_year_basis") instanceof String basis ? " (" + basis + ")" : "") + ".";
    List<String> warnings = new ArrayList<>();
    if (metrics.get("warnings") instanceof List<?> ws) {
      ws.forEach(w -> warnings.add(String.valueOf(w)));
    }
    Map<?, ?> sheet = metrics.get("tear_sheet") instanceof Map<?, ?> t ? t : Map.of();
    return new RunReportView(Chrome.file(runId + " — Momentic run", Theme.DEFAULT),
        String.valueOf(manifest.get("strategy")), runId, period, rows, stress, List.copyOf(fills), fillSpread,
        attribution, concentrated,
        png == null ? null : Base64.getEncoder().encodeToString(png), settings, shown, trades.size(), List.copyOf(warnings),
        monthly(sheet), drawdowns(sheet), risk(sheet), bySymbol(sheet), exitReasons(sheet), byYear(sheet),
        versus(metrics), List.of(), null);
  }

  /** Year rows of the monthly returns; each year's total from the yearly returns. */
  static List<YearRow> monthly(Map<?, ?> sheet) {
    Map<String, String[]> byYear = new java.util.TreeMap<>();
    Map<String, Double[]> values = new java.util.TreeMap<>();
    if (sheet.get("monthly_returns") instanceof List<?> months) {
      for (Object o : months) {
        Map<?, ?> m = (Map<?, ?>) o;
        String p = String.valueOf(m.get("period"));
        int month = Integer.parseInt(p.substring(5, 7));
        values.computeIfAbsent(p.substring(0, 4), k -> new Double[12])[month - 1] = Numbers.num(m.get("return_pct"));
      }
    }
    Map<String, Double> totals = new java.util.TreeMap<>();
    if (sheet.get("yearly_returns") instanceof List<?> years) {
      for (Object o : years) {
        Map<?, ?> y = (Map<?, ?>) o;
        totals.put(String.valueOf(y.get("period")), Numbers.num(y.get("return_pct")));
      }
    }
    List<YearRow> out = new ArrayList<>();
    for (Map.Entry<String, Double[]> e : values.entrySet()) {
      List<HeatCell> cells = new ArrayList<>();
      for (Double v : e.getValue()) {
        cells.add(heat(v, 10));
      }
      out.add(new YearRow(e.getKey(), cells, heat(totals.get(e.getKey()), 40)));
    }
    return out;
  }

  /** A percent in a cell shaded by its size against {@code full} percent (full colour at or beyond it). */
  private static HeatCell heat(Double pct, double full) {
    if (pct == null || pct.isNaN()) {
      return new HeatCell("", null);
    }
    double alpha = Math.min(1, Math.abs(pct) / full) * 0.75;
    String rgb = pct >= 0 ? "46,139,87" : "192,57,43";
    return new HeatCell(Numbers.fmt(pct, Kind.PCT), String.format(java.util.Locale.ROOT,
        "background:rgba(%s,%.2f)", rgb, alpha));
  }

  private static List<List<String>> drawdowns(Map<?, ?> sheet) {
    List<List<String>> out = new ArrayList<>();
    if (sheet.get("drawdown_periods") instanceof List<?> periods) {
      for (Object o : periods) {
        Map<?, ?> p = (Map<?, ?>) o;
        out.add(List.of(String.valueOf(p.get("start")), String.valueOf(p.get("valley")),
            p.get("recovery") == null ? "not recovered" : String.valueOf(p.get("recovery")),
            Numbers.fmt(p.get("depth_pct"), Kind.PCT), String.valueOf(p.get("length_bars"))));
      }
    }
    return out;
  }

  private static List<Cell> risk(Map<?, ?> sheet) {
    List<Cell> out = new ArrayList<>();
    if (sheet.get("extremes") instanceof Map<?, ?> x) {
      for (String[] k : new String[][] {{"best_bar", "Best bar"}, {"worst_bar", "Worst bar"}, {"best_month",
          "Best month"}, {"worst_month", "Worst month"}, {"best_year", "Best year"}, {"worst_year", "Worst year"}}) {
        if (x.get(k[0]) instanceof Map<?, ?> p) {
          double v = Numbers.num(p.get("return_pct"));
          out.add(new Cell(k[1], Numbers.fmt(v, Kind.PCT) + " (" + p.get("period") + ")", v < 0));
        }
      }
    }
    if (sheet.get("value_at_risk_95_pct") instanceof Number var) {
      out.add(new Cell("Value at risk, 95 % (one bar, historical)", Numbers.fmt(var, Kind.PCT), var.doubleValue() < 0));
    }
    if (sheet.get("conditional_value_at_risk_95_pct") instanceof Number cvar) {
      out.add(new Cell("Conditional value at risk, 95 %", Numbers.fmt(cvar, Kind.PCT), cvar.doubleValue() < 0));
    }
    return out;
  }

  private static List<List<String>> bySymbol(Map<?, ?> sheet) {
    List<List<String>> out = new ArrayList<>();
    if (sheet.get("by_symbol") instanceof List<?> rows) {
      for (Object o : rows) {
        Map<?, ?> r = (Map<?, ?>) o;
        out.add(List.of(String.valueOf(r.get("symbol")), String.valueOf(r.get("trades")),
            Numbers.fmt(r.get("win_rate_pct"), Kind.PCT), Numbers.fmt(r.get("pnl"), Kind.MONEY),
            r.get("share_of_pnl") == null ? "–" : Numbers.fmt(100 * Numbers.num(r.get("share_of_pnl")), Kind.PCT)));
      }
    }
    return out;
  }

  /** The run against its benchmark: the benchmark's numbers, then the relative ones. */
  private static List<Cell> versus(Map<String, Object> metrics) {
    List<Cell> out = new ArrayList<>();
    if (metrics.get("benchmark") instanceof Map<?, ?> b) {
      out.add(new Cell("benchmark", String.valueOf(b.get("name")), false));
      out.add(new Cell("benchmark total return", Numbers.fmt(b.get("total_return_pct"), Kind.PCT), false));
      out.add(new Cell("benchmark CAGR", Numbers.fmt(b.get("cagr_pct"), Kind.PCT), false));
      out.add(new Cell("benchmark Sharpe", Numbers.fmt(b.get("sharpe"), Kind.NUM), false));
      out.add(new Cell("benchmark max drawdown", Numbers.fmt(b.get("max_drawdown_pct"), Kind.PCT), false));
      out.add(new Cell("excess return", Numbers.fmt(b.get("excess_return_pct"), Kind.PCT), false));
      out.add(new Cell("alpha (annual)", Numbers.fmt(b.get("alpha_annual_pct"), Kind.PCT), false));
      out.add(new Cell("beta", Numbers.fmt(b.get("beta"), Kind.NUM), false));
      out.add(new Cell("correlation", Numbers.fmt(b.get("correlation"), Kind.NUM), false));
      out.add(new Cell("tracking error (annual)", Numbers.fmt(b.get("tracking_error_pct"), Kind.PCT), false));
      out.add(new Cell("information ratio", Numbers.fmt(b.get("information_ratio"), Kind.NUM), false));
    }
    return out;
  }

  /** The yearly breakdown: trades closed, wins / draws / losses, win rate, P&L, fees, the account's return. */
  private static List<List<String>> byYear(Map<?, ?> sheet) {
    List<List<String>> out = new ArrayList<>();
    if (sheet.get("breakdown_year") instanceof List<?> rows) {
      for (Object o : rows) {
        Map<?, ?> r = (Map<?, ?>) o;
        out.add(List.of(String.valueOf(r.get("period")), String.valueOf(r.get("trades")), r.get("wins") + " / "
            + r.get("draws") + " / " + r.get("losses"), r.get("win_rate_pct") == null ? "–"
            : Numbers.fmt(r.get("win_rate_pct"), Kind.PCT), Numbers.fmt(r.get("pnl"), Kind.MONEY),
            Numbers.fmt(r.get("fees"), Kind.MONEY), Numbers.fmt(r.get("return_pct"), Kind.PCT)));
      }
    }
    return out;
  }

  private static List<Cell> exitReasons(Map<?, ?> sheet) {
    List<Cell> out = new ArrayList<>();
    if (sheet.get("exit_reasons") instanceof Map<?, ?> reasons) {
      reasons.forEach((k, v) -> out.add(new Cell(String.valueOf(k), String.valueOf(v), false)));
    }
    return out;
  }
}
