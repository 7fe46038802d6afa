package io.momentic.app;

import static io.momentic.app.RunPage.esc;

import io.momentic.data.Timestamps;
import io.momentic.strategies.CrossScanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The golden/death-cross scan as a document (terminal table, {@code --json}, the dated snapshot,
 * the pipeline archive, the web API) and as a self-contained page (reference 000 §10).
 */
final class CrossReport {

  private CrossReport() {}

  /** The scan as a document (snake_case; an unknown measurement is null). */
  static Map<String, Object> document(CrossScanner.Result r, CrossScanner.Settings s, Instant generatedAt) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("as_of", Timestamps.formatDate(r.asOfMillis()));
    doc.put("generated_at", generatedAt.toString());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("fast", s.fast());
    settings.put("slow", s.slow());
    settings.put("window_days", s.windowDays());
    settings.put("volume_recent_bars", s.volumeRecent());
    settings.put("volume_base_bars", s.volumeBase());
    settings.put("slope_bars", s.slopeBars());
    doc.put("settings", settings);
    doc.put("scoring", List.of(
        "volume 0-4: 4 x (relative volume - 1); relative volume = mean volume of the " + s.volumeRecent()
            + " bars to the cross / mean of the " + s.volumeBase() + " bars before them",
        "slope 0-3: 3 x SMA" + s.fast() + " change over " + s.slopeBars() + " bars to the cross, in its direction, / 5%",
        "gap 0-3: 3 x (SMA" + s.fast() + " - SMA" + s.slow() + ") / SMA" + s.slow() + " at the last bar, in the cross's"
            + " direction, / 5%"));
    doc.put("scanned", r.scanned());
    doc.put("too_short", r.tooShort());
    doc.put("golden", hits(r.golden()));
    doc.put("death", hits(r.death()));
    return doc;
  }

  private static List<Map<String, Object>> hits(List<CrossScanner.Hit> hits) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CrossScanner.Hit h : hits) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symbol", h.symbol());
      m.put("cross_date", Timestamps.formatDate(h.crossTimeMillis()));
      m.put("bars_ago", h.barsAgo());
      m.put("close", finite(h.close()));
      m.put("sma_fast", finite(h.smaFast()));
      m.put("sma_slow", finite(h.smaSlow()));
      m.put("relative_volume", finite(h.relativeVolume()));
      m.put("slope_pct", finite(h.slopePct()));
      m.put("gap_pct", finite(h.gapPct()));
      m.put("volume_points", h.volumePoints());
      m.put("slope_points", h.slopePoints());
      m.put("gap_points", h.gapPoints());
      m.put("strength", h.strength());
      m.put("holding", h.holding());
      rows.add(m);
    }
    return rows;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Terminal tables, golden then death. */
  static void print(java.io.PrintWriter out, Map<String, Object> doc) {
    out.println("Crosses of SMA" + ((Map<?, ?>) doc.get("settings")).get("fast") + " and SMA"
        + ((Map<?, ?>) doc.get("settings")).get("slow") + " in the " + ((Map<?, ?>) doc.get("settings")).get("window_days")
        + " days to " + doc.get("as_of") + " (" + doc.get("scanned") + " symbols, " + doc.get("too_short")
        + " too short)");
    for (String kind : List.of("golden", "death")) {
      out.println();
      List<List<String>> rows = new ArrayList<>();
      for (Object o : (List<?>) doc.get(kind)) {
        Map<?, ?> h = (Map<?, ?>) o;
        rows.add(List.of(String.valueOf(h.get("symbol")), String.valueOf(h.get("cross_date")),
            String.valueOf(h.get("bars_ago")), fmt(h.get("strength"), "%.1f"), fmt(h.get("relative_volume"), "%.2f"),
            fmt(h.get("slope_pct"), "%.2f%%"), fmt(h.get("gap_pct"), "%.2f%%"),
            Boolean.TRUE.equals(h.get("holding")) ? "yes" : "no"));
      }
      out.println(kind.equals("golden") ? "Golden crosses (" + rows.size() + ")" : "Death crosses (" + rows.size() + ")");
      if (!rows.isEmpty()) {
        Tables.print(out, List.of("symbol", "crossed", "bars ago", "strength", "rel vol", "slope", "gap", "holding"),
            rows);
      }
    }
  }

  /** A number with a format pattern; anything else (null, missing) as "–". */
  static String fmt(Object v, String pattern) {
    return v instanceof Number n ? String.format(Locale.ROOT, pattern, n.doubleValue()) : "–";
  }

  /**
   * The self-contained page: the two tables, the scoring rule, the stamp. With a
   * {@code chartPrefix} each symbol links to {@code chartPrefix + SYMBOL} (the server's charts).
   */
  static String html(Map<String, Object> doc, String chartPrefix) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Golden and death crosses ").append(esc(String.valueOf(doc.get("as_of")))).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    h.append("<h1>Golden and death crosses</h1>\n<p class=\"meta\">SMA").append(settings.get("fast")).append(" crossing SMA")
        .append(settings.get("slow")).append(" in the ").append(settings.get("window_days")).append(" days to <b id=\"as-of\">")
        .append(esc(String.valueOf(doc.get("as_of")))).append("</b> · ").append(doc.get("scanned"))
        .append(" symbols scanned, ").append(doc.get("too_short")).append(" with too little history</p>\n");
    for (String kind : List.of("golden", "death")) {
      List<?> rows = (List<?>) doc.get(kind);
      h.append("<section id=\"").append(kind).append("\">\n<h2 class=\"").append(kind).append("\">")
          .append(kind.equals("golden") ? "Golden crosses" : "Death crosses").append(" <span class=\"count\">")
          .append(rows.size()).append("</span></h2>\n");
      if (rows.isEmpty()) {
        h.append("<p class=\"empty\">None in the window.</p>\n</section>\n");
        continue;
      }
      h.append("<table>\n<thead><tr><th>Symbol</th><th>Crossed</th><th>Bars ago</th><th>Strength</th>")
          .append("<th>Rel. volume</th><th>Slope</th><th>Gap</th><th>Close</th><th>Holding</th></tr></thead>\n<tbody>\n");
      for (Object o : rows) {
        Map<?, ?> r = (Map<?, ?>) o;
        String symbol = esc(String.valueOf(r.get("symbol")));
        h.append("<tr><td class=\"sym\">");
        if (chartPrefix != null) {
          h.append("<a href=\"").append(esc(chartPrefix)).append(symbol).append("\">").append(symbol).append("</a>");
        } else {
          h.append(symbol);
        }
        double strength = RunPage.num(r.get("strength"));
        h.append("</td><td>").append(esc(String.valueOf(r.get("cross_date")))).append("</td><td>").append(r.get("bars_ago"))
            .append("</td><td><span class=\"bar\" style=\"--w:").append(String.format(Locale.ROOT, "%.0f", 10 * strength))
            .append("%\"></span> ").append(fmt(strength, "%.1f")).append("</td><td title=\"").append(fmt(r.get("volume_points"), "%.2f"))
            .append(" points\">").append(fmt(r.get("relative_volume"), "%.2f×")).append("</td><td title=\"")
            .append(fmt(r.get("slope_points"), "%.2f")).append(" points\">").append(fmt(r.get("slope_pct"), "%.2f%%"))
            .append("</td><td title=\"").append(fmt(r.get("gap_points"), "%.2f")).append(" points\">")
            .append(fmt(r.get("gap_pct"), "%.2f%%")).append("</td><td>").append(fmt(r.get("close"), "%.4f"))
            .append("</td><td>").append(Boolean.TRUE.equals(r.get("holding")) ? "yes" : "<span class=\"neg\">undone</span>")
            .append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n</section>\n");
    }
    h.append("<h2>How strength is scored (0–10)</h2>\n<ul class=\"note\">\n");
    for (Object line : (List<?>) doc.get("scoring")) {
      h.append("<li>").append(esc(String.valueOf(line))).append("</li>\n");
    }
    h.append("</ul>\n<p class=\"stamp\">Last updated <time datetime=\"").append(esc(String.valueOf(doc.get("generated_at"))))
        .append("\">").append(esc(String.valueOf(doc.get("generated_at")))).append("</time></p>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1000px;\
      color:#1d232a;padding:0 1rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.8rem}\
      h2.golden{color:#8a6d00}h2.death{color:#7f1d1d}.count{font-size:.85rem;color:#5b6570}\
      table{border-collapse:collapse;font-variant-numeric:tabular-nums;width:100%}td,th{padding:.3rem .6rem;\
      border-bottom:1px solid #e3e6ea;text-align:right}th{background:#f5f7f9}td.sym,th:first-child{text-align:left}\
      a{color:#0b57d0;font-weight:600;text-decoration:none}a:hover{text-decoration:underline}\
      .bar{display:inline-block;height:.6rem;width:calc(var(--w) * .6);background:#0b57d0;border-radius:2px;\
      vertical-align:middle}.neg{color:#b3261e}.meta,.stamp,.note,.empty{color:#5b6570;font-size:.9rem}
      """;
}
