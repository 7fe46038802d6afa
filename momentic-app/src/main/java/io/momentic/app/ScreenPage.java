package io.momentic.app;

import static io.momentic.app.RunPage.esc;

import io.momentic.core.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The momentum shortlist as a self-contained page (reference {@code 000} §7–9): regime banner,
 * ranked names linking to their TradingView daily charts, 13-week trend in green or red, ADDV,
 * a last-updated stamp and an hourly browser refresh. No scripts, fonts or images are fetched:
 * everything is inline, so the page works from a file, a web server or an e-mail attachment.
 *
 * <p>Two themes: {@code default} (the report style of every Momentic page) and {@code groovy}
 * (§8: plum and cream, a bubble-letter title, a hypnotic spiral, waves and daisies drawn in CSS at
 * low opacity behind a cream card). Data cells keep dark, high-contrast colours in both, and the
 * spiral's motion stops for readers who ask for reduced motion.
 */
final class ScreenPage {

  static final List<String> THEMES = List.of("default", "groovy");

  private ScreenPage() {}

  static String theme(String name) {
    String t = name == null ? "default" : name.strip().toLowerCase(Locale.ROOT);
    if (!THEMES.contains(t)) {
      throw new ConfigException("theme", "expected one of " + THEMES + ", found '" + name + "'");
    }
    return t;
  }

  static String html(Map<String, Object> doc, String theme) {
    boolean groovy = theme(theme).equals("groovy");
    Map<?, ?> regime = (Map<?, ?>) doc.get("regime");
    boolean riskOn = "RISK-ON".equals(regime.get("state"));
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"refresh\" content=\"3600\">\n")
        .append("<title>Momentum shortlist – week of ").append(esc(String.valueOf(doc.get("week_start"))))
        .append("</title>\n<style>\n").append(groovy ? GROOVY_CSS : DEFAULT_CSS).append("</style>\n</head>\n<body class=\"")
        .append(groovy ? "groovy" : "plain").append("\">\n");
    if (groovy) {
      h.append("<div class=\"decor\" aria-hidden=\"true\"><div class=\"spiral\"></div><div class=\"waves\"></div>")
          .append("<div class=\"daisies\"></div></div>\n");
    }
    h.append("<main class=\"card\">\n<h1 class=\"hero\">Momentum shortlist</h1>\n");
    Object breadth = regime.get("breadth");
    h.append("<p id=\"regime\" class=\"regime ").append(riskOn ? "risk-on" : "risk-off").append("\" data-state=\"")
        .append(esc(String.valueOf(regime.get("state")))).append("\" data-breadth=\"")
        .append(breadth == null ? "" : esc(breadth.toString())).append("\">").append(esc(String.valueOf(regime.get("state"))))
        .append(" · breadth ").append(breadthText(breadth)).append(" of names above their ").append(regime.get("ma_weeks"))
        .append("-week average (risk-on at ≥ ")
        .append(String.format(Locale.ROOT, "%.0f%%", 100 * RunPage.num(regime.get("risk_on_breadth")))).append(")</p>\n");
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    Map<?, ?> universe = (Map<?, ?>) doc.get("universe");
    h.append("<p class=\"meta\">Week of ").append(esc(String.valueOf(doc.get("week_start")))).append(" (last closed week) · ")
        .append(settings.get("lookback_weeks")).append("-week momentum skipping the last ").append(settings.get("skip_weeks"))
        .append(" · names under ").append(money(RunPage.num(settings.get("min_addv")))).append("/day are never shown (")
        .append(universe.get("below_floor")).append(" left out) · ").append(universe.get("trading"))
        .append(" names trading</p>\n");
    h.append("<table>\n<thead><tr><th>#</th><th>Symbol</th><th>Momentum</th><th>13-week trend</th>")
        .append("<th>ADDV</th><th>Last close</th></tr></thead>\n<tbody>\n");
    for (Object o : (List<?>) doc.get("shortlist")) {
      Map<?, ?> row = (Map<?, ?>) o;
      double trend = RunPage.num(row.get("trend_13w_pct"));
      h.append("<tr><td>").append(row.get("rank")).append("</td><td class=\"sym\"><a href=\"")
          .append(esc(String.valueOf(row.get("chart_url")))).append("\" target=\"_blank\" rel=\"noopener\">")
          .append(esc(String.valueOf(row.get("symbol")))).append("</a></td><td>")
          .append(pct(100 * RunPage.num(row.get("score")))).append("</td><td class=\"")
          .append(Double.isNaN(trend) ? "" : trend >= 0 ? "pos" : "neg").append("\">").append(pct(trend))
          .append("</td><td>").append(money(RunPage.num(row.get("addv")))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%,.2f", RunPage.num(row.get("close")))).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    h.append("<p class=\"stamp\">Last updated <time datetime=\"").append(esc(String.valueOf(doc.get("generated_at"))))
        .append("\">").append(esc(String.valueOf(doc.get("generated_at")))).append("</time> · refreshes hourly · ")
        .append("a shortlist to vet by hand, not a validated edge · Momentic ").append(esc(MomenticCommand.version()))
        .append("</p>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Breadth (a share, or null before any name has its average) as a percentage. */
  static String breadthText(Object breadth) {
    return breadth instanceof Number n ? String.format(Locale.ROOT, "%.1f%%", 100 * n.doubleValue()) : "n/a";
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.1f%%", v);
  }

  /** Dollars in M or B, as a trader reads liquidity. */
  static String money(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v >= 1e9) {
      return String.format(Locale.ROOT, "$%.2fB", v / 1e9);
    }
    return String.format(Locale.ROOT, "$%.1fM", v / 1e6);
  }

  private static final String DEFAULT_CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:900px;\
      color:#1d232a;padding:0 1rem}h1{font-size:1.5rem}\
      table{border-collapse:collapse;font-variant-numeric:tabular-nums;width:100%}td,th{padding:.3rem .6rem;\
      border-bottom:1px solid #e3e6ea;text-align:right}th{background:#f5f7f9}td.sym,th:nth-child(2){text-align:left}\
      a{color:#0b57d0;font-weight:600;text-decoration:none}a:hover{text-decoration:underline}\
      .pos{color:#1e7b34}.neg{color:#b3261e}.meta,.stamp{color:#5b6570;font-size:.9rem}\
      .regime{display:inline-block;padding:.4rem .9rem;border-radius:6px;font-weight:700}\
      .risk-on{background:#e3f4e8;color:#14532d}.risk-off{background:#fde8e4;color:#7f1d1d}
      """;

  private static final String GROOVY_CSS = """
      :root{--plum:#4a1942;--plum-deep:#2d0f29;--cream:#fff4d6;--acid:#c6f432;--orange:#ff8c1a;--pink:#ff5fa2;\
      --teal:#1fb5a8;--ink:#2a1027}\
      body{margin:0;min-height:100vh;background:var(--plum);color:var(--ink);\
      font-family:'Nunito','Fredoka','Trebuchet MS',system-ui,sans-serif;padding:2rem 1rem}\
      .decor{position:fixed;inset:0;z-index:0;pointer-events:none;opacity:.22;overflow:hidden}\
      .spiral{position:absolute;width:140vmax;height:140vmax;left:50%;top:50%;margin:-70vmax 0 0 -70vmax;\
      background:repeating-conic-gradient(from 0deg,var(--pink) 0 10deg,var(--plum-deep) 10deg 20deg,\
      var(--orange) 20deg 30deg,var(--plum-deep) 30deg 40deg);border-radius:50%;animation:spin 60s linear infinite}\
      .waves{position:absolute;inset:auto 0 0 0;height:35vh;background:repeating-linear-gradient(170deg,var(--acid) 0 18px,\
      transparent 18px 40px,var(--teal) 40px 58px,transparent 58px 80px)}\
      .daisies{position:absolute;inset:0;background-image:radial-gradient(circle,var(--orange) 0 7px,var(--cream) 8px 20px,\
      transparent 21px),radial-gradient(circle,var(--pink) 0 5px,var(--cream) 6px 14px,transparent 15px);\
      background-size:220px 220px,160px 160px;background-position:30px 40px,120px 150px}\
      @keyframes spin{to{transform:rotate(360deg)}}\
      @media (prefers-reduced-motion: reduce){.spiral{animation:none}*{transition:none!important}}\
      .card{position:relative;z-index:1;max-width:900px;margin:0 auto;background:var(--cream);border-radius:28px;\
      padding:1.5rem 2rem 1rem;border:4px solid var(--ink);box-shadow:10px 10px 0 var(--pink)}\
      .hero{font-family:'Bagel Fat One','Cooper Black','Arial Rounded MT Bold',system-ui,sans-serif;font-size:3rem;\
      line-height:1.05;margin:.2rem 0 1rem;color:var(--orange);letter-spacing:.02em;\
      -webkit-text-stroke:2px var(--ink);text-shadow:4px 4px 0 var(--pink),8px 8px 0 var(--plum)}\
      .regime{display:inline-block;transform:rotate(-2deg);padding:.5rem 1.3rem;border-radius:999px;\
      font-family:'Fredoka','Nunito',system-ui,sans-serif;font-weight:800;border:3px solid var(--ink);\
      box-shadow:4px 4px 0 var(--ink)}\
      .risk-on{background:var(--acid);color:var(--ink)}.risk-off{background:var(--orange);color:var(--ink)}\
      .meta,.stamp{font-size:.9rem;color:#5a3553}.stamp{font-family:'Space Mono',ui-monospace,monospace}\
      table{border-collapse:separate;border-spacing:0;width:100%;font-variant-numeric:tabular-nums;\
      font-family:'Space Mono',ui-monospace,monospace;font-size:.95rem}\
      th{background:var(--plum);color:var(--cream);padding:.45rem .6rem;text-align:right}\
      th:first-child{border-radius:12px 0 0 0}th:last-child{border-radius:0 12px 0 0}\
      td{padding:.35rem .6rem;border-bottom:2px dashed #e8d3a8;text-align:right}\
      td.sym,th:nth-child(2){text-align:left}a{color:var(--plum);font-weight:800;text-decoration:none}\
      a:hover,a:focus{text-decoration:underline}.pos{color:#146c2e;font-weight:700}.neg{color:#a4161a;font-weight:700}
      """;
}
