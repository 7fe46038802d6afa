package io.momentic.app;

import io.momentic.data.Timestamps;
import io.momentic.engine.account.Trade;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS, the chart as a data URI, no scripts
 * or network fetches) with the headline metrics, the fee-stress result, the run's settings and the
 * trades.
 */
final class RunPage {

  /** Beyond this many trades the page shows the first ones and points to trades.csv. */
  static final int MAX_TRADE_ROWS = 1000;

  private static final List<String[]> HEADLINE = List.of(
      new String[] {"final_equity", "Final equity", "money"},
      new String[] {"total_return_pct", "Total return", "pct"},
      new String[] {"cagr_pct", "CAGR", "pct"},
      new String[] {"annual_volatility_pct", "Annual volatility", "pct"},
      new String[] {"sharpe", "Sharpe", "num"},
      new String[] {"sortino", "Sortino", "num"},
      new String[] {"calmar", "Calmar", "num"},
      new String[] {"max_drawdown_pct", "Max drawdown", "pct"},
      new String[] {"max_drawdown_duration_bars", "Max drawdown duration (bars)", "int"},
      new String[] {"trades", "Closed trades", "int"},
      new String[] {"open_trades", "Open trades", "int"},
      new String[] {"win_rate_pct", "Win rate", "pct"},
      new String[] {"profit_factor", "Profit factor", "num"},
      new String[] {"expectancy", "Expectancy (per trade)", "money"},
      new String[] {"sqn", "SQN", "num"},
      new String[] {"exposure_pct", "Exposure", "pct"},
      new String[] {"fees", "Fees paid", "money"},
      new String[] {"slippage", "Slippage cost", "money"});

  private RunPage() {}

  static String html(BacktestRunner.Outcome o, byte[] png) {
    Map<String, Object> m = o.metrics();
    StringBuilder h = new StringBuilder(16_384);
    head(h, o.runId() + " — Momentic run", "");
    h.append("<h1>").append(esc(String.valueOf(o.manifest().get("strategy")))).append(" — run ")
        .append(esc(o.runId())).append("</h1>\n");
    h.append("<p class=\"note\">").append(esc(String.valueOf(o.manifest().get("first_bar")))).append(" to ")
        .append(esc(String.valueOf(o.manifest().get("last_bar")))).append(", ")
        .append(esc(String.valueOf(o.manifest().get("fill_model")))).append(", annualised with ")
        .append(fmt(o.periodsPerYear(), "int")).append(" periods per year.</p>\n");

    h.append("<h2>Metrics</h2>\n<table id=\"metrics\">\n<tr><th>metric</th><th>value</th></tr>\n");
    for (String[] row : HEADLINE) {
      Object v = m.get(row[0]);
      h.append("<tr><td>").append(esc(row[1])).append("</td><td").append(signClass(v, row[2])).append('>')
          .append(v instanceof Number n ? fmt(n.doubleValue(), row[2]) : esc(String.valueOf(v))).append("</td></tr>\n");
    }
    h.append("</table>\n");

    if (m.get("fee_stress") instanceof Map<?, ?> stress) {
      h.append("<h2>Fee stress</h2>\n<p>With fees × ").append(fmt(num(stress.get("factor")), "num"))
          .append(": final equity ").append(fmt(num(stress.get("final_equity")), "money"))
          .append(", total return ").append(fmt(num(stress.get("total_return_pct")), "pct"))
          .append(", Sharpe ").append(fmt(num(stress.get("sharpe")), "num"))
          .append(", max drawdown ").append(fmt(num(stress.get("max_drawdown_pct")), "pct")).append(".</p>\n");
    }

    if (m.get("attribution") instanceof Map<?, ?> attribution) {
      h.append("<h2>Attribution</h2>\n<p id=\"attribution\"").append(Boolean.TRUE.equals(attribution.get("concentrated"))
          ? " class=\"neg\"" : "").append('>').append(esc(String.valueOf(attribution.get("headline")))).append("</p>\n");
    }

    h.append("<h2>Charts</h2>\n<img alt=\"equity, drawdown and rolling Sharpe\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");

    h.append("<h2>Settings</h2>\n<table id=\"settings\">\n");
    for (String key : List.of("strategy", "params", "cash", "commission", "slippage_bps", "close_at_end",
        "fee_stress_factor", "warm_up_bars", "code_version")) {
      h.append("<tr><td>").append(esc(key)).append("</td><td>").append(esc(String.valueOf(o.manifest().get(key))))
          .append("</td></tr>\n");
    }
    if (o.manifest().get("data_files") instanceof List<?> files) {
      for (Object f : files) {
        if (f instanceof Map<?, ?> file) {
          h.append("<tr><td>data</td><td>").append(esc(String.valueOf(file.get("path")))).append(" (sha256 ")
              .append(esc(String.valueOf(file.get("sha256")).substring(0, 12))).append("…)</td></tr>\n");
        }
      }
    }
    h.append("</table>\n");

    List<Trade> trades = RunOutputs.allTrades(o.result());
    h.append("<h2>Trades (").append(trades.size()).append(")</h2>\n");
    if (trades.size() > MAX_TRADE_ROWS) {
      h.append("<p class=\"note\">The first ").append(MAX_TRADE_ROWS).append(" of ").append(trades.size())
          .append(" trades; all are in trades.csv.</p>\n");
    }
    h.append("<table id=\"trades\">\n<tr><th>instrument</th><th>side</th><th>entry</th><th>entry price</th>")
        .append("<th>exit</th><th>exit price</th><th>quantity</th><th>P&amp;L</th><th>return</th><th>bars</th>")
        .append("<th>MAE</th><th>MFE</th></tr>\n");
    for (int i = 0; i < Math.min(trades.size(), MAX_TRADE_ROWS); i++) {
      Trade t = trades.get(i);
      h.append("<tr><td>").append(esc(t.instrument())).append("</td><td>").append(t.direction() > 0 ? "long" : "short")
          .append("</td><td>").append(Timestamps.formatDate(t.entryTime())).append("</td><td>")
          .append(fmt(t.entryPrice(), "price")).append("</td><td>")
          .append(t.open() ? "open" : Timestamps.formatDate(t.exitTime())).append("</td><td>")
          .append(t.open() ? "" : fmt(t.exitPrice(), "price")).append("</td><td>").append(fmt(t.quantity(), "qty"))
          .append("</td><td").append(signClass(t.pnl(), "money")).append('>').append(fmt(t.pnl(), "money"))
          .append("</td><td").append(signClass(t.returnPct(), "pct")).append('>').append(fmt(t.returnPct(), "pct"))
          .append("</td><td>").append(t.barsHeld()).append("</td><td>").append(fmt(t.maePct(), "pct"))
          .append("</td><td>").append(fmt(t.mfePct(), "pct")).append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"note\">Generated by Momentic ").append(esc(MomenticCommand.version()))
        .append(". Files beside this page: equity.csv, trades.csv, fills.csv, metrics.json, manifest.json.</p>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  /** Opens a page: the shared inline style sheet plus {@code extraCss}, no scripts, no fetches. */
  static void head(StringBuilder h, String title, String extraCss) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1040px;")
        .append("color:#1d232a;padding:0 1rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}")
        .append("table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:.25rem .6rem;")
        .append("border-bottom:1px solid #e3e6ea;text-align:right}th{background:#f5f7f9}td:first-child,")
        .append("th:first-child{text-align:left}.neg{color:#b3261e}.pos{color:#1e7b34}.note{color:#5b6570;")
        .append("font-size:.9rem}img{max-width:100%;height:auto;border:1px solid #e3e6ea}\n").append(extraCss)
        .append("</style>\n</head>\n<body>\n");
  }

  static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String signClass(Object v, String kind) {
    if (!(v instanceof Number n) || kind.equals("int")) {
      return "";
    }
    double d = n.doubleValue();
    return d < 0 ? " class=\"neg\"" : "";
  }

  static String fmt(double v, String kind) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return switch (kind) {
      case "pct" -> String.format(Locale.ROOT, "%.2f%%", v);
      case "money" -> String.format(Locale.ROOT, "%,.2f", v);
      case "int" -> String.format(Locale.ROOT, "%d", Math.round(v));
      case "price" -> String.format(Locale.ROOT, "%.4f", v);
      case "qty" -> v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v)
          : String.format(Locale.ROOT, "%.6f", v);
      default -> String.format(Locale.ROOT, "%.3f", v);
    };
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
