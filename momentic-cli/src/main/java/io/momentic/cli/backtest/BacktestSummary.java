package io.momentic.cli.backtest;

import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRecord;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal summary of a backtest: headline, metrics, attribution, fee stress, outputs. */
final class BacktestSummary {

  private BacktestSummary() {}

  static void print(PrintWriter o, RunRequest s, RunData d, RunRecord r) {
    Map<String, Object> m = r.metrics();
    List<String> symbols = d.panel().symbols();
    String on = symbols.size() <= 8 ? String.join(", ", symbols)
        : symbols.size() + " symbols (" + String.join(", ", symbols.subList(0, 3)) + ", … "
            + symbols.get(symbols.size() - 1) + ")";
    o.println(s.strategy() + " on " + on + " (" + r.result().times().length
        + " bars from " + r.manifest().get("first_bar").toString().substring(0, 10) + ", "
        + d.panel().interval().code() + ", " + Math.round(r.periodsPerYear()) + " periods/yr"
        + (m.get("periods_per_year_basis") instanceof String basis && basis.startsWith("set by") ? " " + basis : "")
        + "), fill " + s.fill());
    d.notes().forEach(n -> o.println("data: " + n));
    if (r.manifest().get("params") instanceof Map<?, ?> params && !params.isEmpty()) {
      StringBuilder p = new StringBuilder();
      params.forEach((k, v) -> p.append(p.isEmpty() ? "" : ", ").append(k).append('=').append(v));
      o.println("params: " + p + " — " + io.momentic.strategies.StrategyCatalog.get(s.strategy()).summary());
    }
    o.printf(Locale.ROOT, "costs: commission %s, slippage %s bps (%s)%n", s.commission(),
        io.momentic.report.Numbers.fmt(s.slippageBps(), io.momentic.report.Numbers.Kind.QTY), s.costBasis());
    o.printf(Locale.ROOT, "final equity %.2f (%.2f%%), CAGR %.2f%%, Sharpe %.2f, max drawdown %.2f%%, "
            + "%d trades, win rate %.1f%%, fees %.2f%n", r.result().finalEquity(), num(m.get("total_return_pct")),
        num(m.get("cagr_pct")), num(m.get("sharpe")), num(m.get("max_drawdown_pct")), r.result().trades().size(),
        num(m.get("win_rate_pct")), r.result().totalFees());
    if (m.get("warnings") instanceof List<?> warnings) {
      warnings.forEach(w -> o.println("warning: " + w));
    }
    if (m.get("trading_stopped") != null) {
      o.println("trading stopped: " + m.get("trading_stopped"));
    }
    if (m.get("attribution") instanceof Map<?, ?> a) {
      o.println("attribution: " + a.get("headline"));
    }
    if (m.get("meta_label") instanceof Map<?, ?> ml) {
      printMetaLabel(o, ml);
    }
    if (m.get("fill_sensitivity") instanceof Map<?, ?> f) {
      o.println(fillLine(f));
    }
    if (s.costFree()) {
      o.println("fee stress: empty (no costs to stress)");
    } else {
      o.printf(Locale.ROOT, "fee stress x%.2f: final equity %.2f, Sharpe %.2f%n", s.feeStress(),
          r.stressed().finalEquity(), num(((Map<?, ?>) m.get("fee_stress")).get("sharpe")));
    }
    o.println("outputs: " + r.dir() + " (report.html" + (java.nio.file.Files.exists(r.dir().resolve("plot.png"))
        ? ", plot.png" : "") + ", equity.csv, trades.csv, metrics.json"
        + (java.nio.file.Files.exists(r.dir().resolve("meta_samples.csv")) ? ", meta_samples.csv, meta_decisions.csv"
        : "") + ")");
  }

  /** The three fill assumptions on one line, with the spread of their Sharpe ratios. */
  static String fillLine(Map<?, ?> f) {
    StringBuilder line = new StringBuilder("fills: ");
    for (String a : io.momentic.research.FillSensitivity.ASSUMPTIONS) {
      Map<?, ?> x = (Map<?, ?>) f.get(a);
      line.append(a.replace('_', '-')).append(String.format(Locale.ROOT, " Sharpe %.2f (%.2f%%)", num(x.get("sharpe")),
          num(x.get("total_return_pct")))).append(a.equals("pessimistic_intrabar") ? "" : ", ");
    }
    return line.append(String.format(Locale.ROOT, "; spread %.2f", num(f.get("sharpe_spread")))).toString();
  }

  /** The meta-labelled run beside the unfiltered one, and how many entries the model judged. */
  private static void printMetaLabel(PrintWriter o, Map<?, ?> ml) {
    o.printf(Locale.ROOT, "meta-label (threshold %.2f): %s of %s entries scored, %s skipped, %s taken before "
            + "enough trades; model: %s%n", num(ml.get("threshold")), ml.get("entries_scored"),
        ml.get("entries_judged"), ml.get("entries_skipped"), ml.get("entries_taken_unscored"),
        ml.get("model") == null ? ml.get("model_reason") : ml.get("model"));
    for (String side : List.of("unfiltered", "filtered")) {
      Map<?, ?> x = (Map<?, ?>) ml.get(side);
      o.printf(Locale.ROOT, "  %-10s final equity %.2f (%.2f%%), Sharpe %.2f, max drawdown %.2f%%, %s trades, "
              + "win rate %.1f%%, profit factor %.2f%n", side, num(x.get("final_equity")), num(x.get("total_return_pct")),
          num(x.get("sharpe")), num(x.get("max_drawdown_pct")), x.get("trades"), num(x.get("win_rate_pct")),
          num(x.get("profit_factor")));
    }
  }

  private static double num(Object v) {
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
