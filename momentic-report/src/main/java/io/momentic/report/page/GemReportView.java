package io.momentic.report.page;

import io.momentic.report.Numbers;
import io.momentic.report.Numbers.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a GEM run (reference {@code 004}): the walk in its fill timing with its
 * 1.5× fee stress, the other timing, and the equal-weight buy-and-hold side by side; the
 * notebook's monthly win rate; the equity curve and the underwater curve against the
 * buy-and-hold. Built from {@code gem.json}'s own document.
 */
public record GemReportView(Chrome chrome, String lead, List<Row> rows, String winRate, String heldWinRate,
    String params, String equitySvg, String underwaterSvg) {

  /** One line of the comparison, formatted. */
  public record Row(String name, String totalReturn, String annualReturn, String maxDrawdown, String sharpe,
      String sortino, String calmar, String rebalances, String hhi, String finalValue, String score) {}

  public static GemReportView of(String id, Map<String, Object> doc, String equitySvg, String underwaterSvg) {
    String timing = String.valueOf(doc.get("timing"));
    List<Row> rows = new ArrayList<>();
    rows.add(row(timing, doc));
    rows.add(row(timing + ", fees × 1.5", (Map<?, ?>) doc.get("stress")));
    for (String other : List.of("same_close", "next_open")) {
      if (doc.get(other) instanceof Map<?, ?> alt && !other.equals(timing.replace('-', '_'))) {
        rows.add(row(other.replace('_', '-'), alt));
        rows.add(row(other.replace('_', '-') + ", fees × 1.5", (Map<?, ?>) alt.get("stress")));
      }
    }
    rows.add(row("equal-weight buy and hold", (Map<?, ?>) doc.get("buy_and_hold")));
    Map<?, ?> manifest = (Map<?, ?>) doc.get("manifest");
    StringBuilder params = new StringBuilder();
    ((Map<?, ?>) doc.get("params")).forEach((k, v) -> params.append(params.isEmpty() ? "" : ", ").append(k)
        .append('=').append(v));
    String lead = "GEM bear specialist on " + manifest.get("data") + ": " + doc.get("fit") + " fit, " + timing
        + " fills, fee " + manifest.get("fee_rate") + " a side" + (Boolean.TRUE.equals(doc.get("contract_fees"))
        ? " (the scoring contract's)" : " (not the contract's: the score is not comparable)") + ".";
    return new GemReportView(Chrome.file(id + " — Momentic GEM run", Theme.DEFAULT), lead, List.copyOf(rows),
        Numbers.fmt(doc.get("monthly_win_rate_pct"), Kind.PCT),
        Numbers.fmt(doc.get("buy_and_hold_monthly_win_rate_pct"), Kind.PCT), params.toString(), equitySvg,
        underwaterSvg);
  }

  private static Row row(String name, Map<?, ?> m) {
    Object score = m.get("score");
    return new Row(name, Numbers.fmt(m.get("total_return_pct"), Kind.PCT),
        Numbers.fmt(m.get("annualized_return_pct"), Kind.PCT), Numbers.fmt(m.get("max_drawdown_pct"), Kind.PCT),
        Numbers.fmt(m.get("sharpe_ratio"), Kind.NUM), Numbers.fmt(m.get("sortino_ratio"), Kind.NUM),
        Numbers.fmt(m.get("calmar_ratio"), Kind.NUM), Numbers.fmt(m.get("rebalance_count"), Kind.INT),
        Numbers.fmt(m.get("hhi"), Kind.NUM), Numbers.fmt(m.get("final_value"), Kind.MONEY),
        Boolean.TRUE.equals(m.get("rejected")) ? "rejected" : score instanceof Number ? Numbers.fmt(score, Kind.NUM)
            : "");
  }
}
