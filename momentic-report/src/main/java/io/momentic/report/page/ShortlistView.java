package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weekly momentum shortlist (reference {@code 000} §7–9): regime banner, ranked names linking to
 * their TradingView daily charts, 13-week trend in green or red, ADDV, a last-updated stamp and an
 * hourly refresh; a warning above it all when the bars are older than the date screened
 * ({@code stale_data}). Self-contained: nothing is fetched, so it works from a file, a server or a mail.
 */
public record ShortlistView(Chrome chrome, String weekStart, String state, boolean riskOn, String breadthData,
    String regimeText, String meta, List<Row> rows, String generatedAt, String staleWarning) {

  public record Row(String rank, String symbol, String chartUrl, String momentum, String trend, String trendClass,
      String addv, String close) {}

  /** The page of a shortlist document ({@code MomentumShortlist.document}) in a theme. */
  public static ShortlistView of(Map<String, Object> doc, Theme theme) {
    Map<?, ?> regime = (Map<?, ?>) doc.get("regime");
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    Map<?, ?> universe = (Map<?, ?>) doc.get("universe");
    Object breadth = regime.get("breadth");
    String state = String.valueOf(regime.get("state"));
    String regimeText = state + " · breadth " + Numbers.share(breadth) + " of names above their "
        + regime.get("ma_weeks") + "-week average (risk-on at ≥ "
        + String.format(Locale.ROOT, "%.0f%%", 100 * Numbers.num(regime.get("risk_on_breadth"))) + ")";
    String meta = "Week of " + doc.get("week_start") + " (last closed week) · " + settings.get("lookback_weeks")
        + "-week momentum skipping the last " + settings.get("skip_weeks") + " · names under "
        + Numbers.dollars(Numbers.num(settings.get("min_addv"))) + "/day are never shown (" + universe.get("below_floor")
        + " left out) · " + universe.get("trading") + " names trading"
        + (doc.get("survivorship") instanceof String sv ? " · " + sv : "");
    List<Row> rows = new ArrayList<>();
    for (Object o : (List<?>) doc.get("shortlist")) {
      Map<?, ?> r = (Map<?, ?>) o;
      double trend = Numbers.num(r.get("trend_13w_pct"));
      rows.add(new Row(String.valueOf(r.get("rank")), String.valueOf(r.get("symbol")), String.valueOf(r.get("chart_url")),
          Numbers.signedPct(100 * Numbers.num(r.get("score"))), Numbers.signedPct(trend),
          Double.isNaN(trend) ? null : trend >= 0 ? "pos" : "neg", Numbers.dollars(Numbers.num(r.get("addv"))),
          String.format(Locale.ROOT, "%,.2f", Numbers.num(r.get("close")))));
    }
    return new ShortlistView(Chrome.file("Momentum shortlist – week of " + doc.get("week_start"), theme)
        .withRefresh(3600), String.valueOf(doc.get("week_start")), state, "RISK-ON".equals(state),
        breadth == null ? "" : breadth.toString(), regimeText, meta, rows, String.valueOf(doc.get("generated_at")),
        doc.get("stale_data") instanceof String w ? w : null);
  }

  public ShortlistView withChrome(Chrome newChrome) {
    return new ShortlistView(newChrome, weekStart, state, riskOn, breadthData, regimeText, meta, rows, generatedAt,
        staleWarning);
  }
}
