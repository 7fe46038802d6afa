package io.momentic.report.text;

import io.momentic.report.Numbers;
import io.momentic.report.Numbers.Kind;
import io.momentic.report.page.SweepReportView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal summaries of documents that the CLI and the demo both print: the sweep's honest
 * summary, the momentum shortlist and the cross scan.
 */
public final class Summaries {

  private Summaries() {}

  /** A sweep's summary document ({@code summary.json}): the winner, its trials, DSR, PBO, intervals, stress. */
  public static void sweep(PrintWriter o, Map<String, Object> s) {
    Map<?, ?> best = (Map<?, ?>) s.get("best");
    o.printf(Locale.ROOT, "%s: %s trials ranked by %s on the train period %s%n", s.get("strategy"), s.get("trials"),
        s.get("objective"), SweepReportView.period(s.get("train")));
    o.println("best: " + best.get("params"));
    Map<?, ?> attribution = (Map<?, ?>) s.get("attribution");
    o.println("  train: " + SweepReportView.line((Map<?, ?>) best.get("train")));
    attribution(o, attribution.get("train"));
    if (best.get("validate") instanceof Map<?, ?> validate) {
      o.println("  valid: " + SweepReportView.line(validate) + "   (" + SweepReportView.period(s.get("validate"))
          + "; chosen here among the top " + ((List<?>) s.get("top")).size() + ", train rank " + best.get("train_rank")
          + ")");
    }
    if (best.get("test") instanceof Map<?, ?> test) {
      o.println("  test:  " + SweepReportView.line(test) + "   (" + SweepReportView.period(s.get("test")) + ")");
      attribution(o, attribution.get("test"));
    }
    Map<?, ?> dsr = (Map<?, ?>) s.get("deflated_sharpe");
    o.printf(Locale.ROOT, "deflated Sharpe %.3f (PSR %.3f; the best of %s skill-less trials would reach Sharpe %.2f)%n",
        Numbers.num(dsr.get("dsr")), Numbers.num(dsr.get("psr")), s.get("trials"), Numbers.num(dsr.get("sr0")));
    if (s.get("pbo") instanceof Map<?, ?> pbo) {
      o.printf(Locale.ROOT, "probability of backtest overfitting %.3f (%s combinations)%n", Numbers.num(pbo.get("pbo")),
          pbo.get("combinations"));
    }
    Map<?, ?> boot = (Map<?, ?>) s.get("bootstrap");
    Map<?, ?> sh = (Map<?, ?>) boot.get("sharpe");
    o.printf(Locale.ROOT, "95%% bootstrap CI on %s: Sharpe [%.2f, %.2f]", boot.get("evaluated_on"),
        Numbers.num(sh.get("lower")), Numbers.num(sh.get("upper")));
    if (boot.get("profit_factor") instanceof Map<?, ?> pf) {
      o.printf(Locale.ROOT, ", profit factor [%.2f, %.2f]", Numbers.num(pf.get("lower")), Numbers.num(pf.get("upper")));
    }
    o.println();
    Map<?, ?> stress = (Map<?, ?>) s.get("fee_stress");
    Object stressed = stress.get("test") != null ? stress.get("test") : stress.get("train");
    o.printf(Locale.ROOT, "fee stress x%.2f (%s): %s%n", Numbers.num(stress.get("factor")),
        stress.get("test") != null ? "test" : "train", SweepReportView.line((Map<?, ?>) stressed));
  }

  /** Concentration beside a headline result (multi-instrument runs only: one name is always 100 %). */
  private static void attribution(PrintWriter o, Object period) {
    if (period instanceof Map<?, ?> a && a.get("by_instrument") instanceof Map<?, ?> by && by.size() > 1) {
      o.println("         " + a.get("headline"));
    }
  }

  /** The momentum shortlist document as the terminal table. */
  public static void shortlist(PrintWriter out, Map<String, Object> doc) {
    Map<?, ?> regime = (Map<?, ?>) doc.get("regime");
    Map<?, ?> universe = (Map<?, ?>) doc.get("universe");
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    out.printf(Locale.ROOT, "Momentum shortlist, week of %s (last closed week): %s-week momentum skipping %s; "
            + "%s names trading, %s below the %s/day floor%n", doc.get("week_start"), settings.get("lookback_weeks"),
        settings.get("skip_weeks"), universe.get("trading"), universe.get("below_floor"),
        Numbers.dollars(Numbers.num(settings.get("min_addv"))));
    out.printf(Locale.ROOT, "Regime: %s, breadth %s of names above their %s-week average (RISK-ON at >= %.0f%%)%n",
        regime.get("state"), Numbers.share(regime.get("breadth")), regime.get("ma_weeks"),
        100 * Numbers.num(regime.get("risk_on_breadth")));
    staleWarning(out, doc);
    List<List<String>> rows = new ArrayList<>();
    for (Object o : (List<?>) doc.get("shortlist")) {
      Map<?, ?> r = (Map<?, ?>) o;
      rows.add(List.of(String.valueOf(r.get("rank")), String.valueOf(r.get("symbol")),
          Numbers.signedPct(100 * Numbers.num(r.get("score"))), Numbers.signedPct(Numbers.num(r.get("trend_13w_pct"))),
          Numbers.dollars(Numbers.num(r.get("addv"))), String.format(Locale.ROOT, "%.2f", Numbers.num(r.get("close"))),
          r.get("exchange") == null ? "" : String.valueOf(r.get("exchange"))));
    }
    Tables.print(out, List.of("rank", "symbol", "momentum", "13w trend", "ADDV/day", "close", "exchange"), rows);
  }

  /** The cross scan document as terminal tables, golden then death. */
  public static void crosses(PrintWriter out, Map<String, Object> doc) {
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    out.println("Crosses of SMA" + settings.get("fast") + " and SMA" + settings.get("slow") + " in the "
        + settings.get("window_days") + " days to " + doc.get("as_of") + " (" + doc.get("scanned") + " symbols, "
        + doc.get("too_short") + " too short)");
    if (staleWarning(out, doc)) {
      out.println("  so no cross in the window means not known, not none (" + doc.get("stale_series")
          + " series ended before it)");
    }
    for (String kind : List.of("golden", "death")) {
      out.println();
      List<List<String>> rows = new ArrayList<>();
      for (Object o : (List<?>) doc.get(kind)) {
        Map<?, ?> h = (Map<?, ?>) o;
        rows.add(List.of(String.valueOf(h.get("symbol")), String.valueOf(h.get("cross_date")),
            String.valueOf(h.get("bars_ago")), Numbers.pattern(h.get("strength"), "%.1f"),
            Numbers.pattern(h.get("relative_volume"), "%.2f"), Numbers.pattern(h.get("slope_pct"), "%.2f%%"),
            Numbers.pattern(h.get("gap_pct"), "%.2f%%"), Boolean.TRUE.equals(h.get("holding")) ? "yes" : "no"));
      }
      out.println(kind.equals("golden") ? "Golden crosses (" + rows.size() + ")" : "Death crosses (" + rows.size() + ")");
      if (!rows.isEmpty()) {
        Tables.print(out, List.of("symbol", "crossed", "bars ago", "strength", "rel vol", "slope", "gap", "holding"),
            rows);
      }
    }
  }

  /** A number in a kind (for callers printing documents). */
  public static String fmt(Object v, Kind kind) {
    return Numbers.fmt(v, kind);
  }

  /** The document's {@code stale_data} warning as a line of its own; whether there was one. */
  private static boolean staleWarning(PrintWriter out, Map<String, Object> doc) {
    if (doc.get("stale_data") instanceof String w) {
      out.println("WARNING stale data: " + w);
      return true;
    }
    return false;
  }
}
