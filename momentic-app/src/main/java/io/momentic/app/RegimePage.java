package io.momentic.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The regime page: one self-contained HTML file built from a {@code feed.json} document (spec
 * §4.12). The state and window tables are written here, so they read without JavaScript; the
 * two charts — the close on a log scale coloured by the Viterbi state, and the posterior bands —
 * are drawn as inline SVG by a small script from the feed embedded in {@code <script id="feed">},
 * like the reference dashboard. No external assets.
 */
final class RegimePage {

  private RegimePage() {}

  static String html(Map<String, Object> feed, String feedJson) {
    Map<?, ?> model = (Map<?, ?>) feed.get("model");
    Map<?, ?> window = (Map<?, ?>) model.get("fit_window");
    String title = feed.get("asset") + " regimes – " + model.get("label");
    StringBuilder h = new StringBuilder(feedJson.length() + 16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(RunPage.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>").append(RunPage.esc(String.valueOf(feed.get("asset")))).append(" market regimes</h1>\n")
        .append("<p class=\"meta\">").append(RunPage.esc(String.valueOf(model.get("label")))).append(" of ")
        .append(RunPage.esc(String.valueOf(((Map<?, ?>) model.get("observation")).get("label"))))
        .append(" · fitted ").append(RunPage.esc(String.valueOf(window.get("start")))).append(" to ")
        .append(RunPage.esc(String.valueOf(window.get("end")))).append(" · log-likelihood ")
        .append(model.get("log_likelihood")).append(" · generated ").append(RunPage.esc(String.valueOf(feed.get("generated_at"))))
        .append("</p>\n")
        .append("<p class=\"note\">Shading uses <em>smoothed</em> posteriors, which look at the whole sample: they "
            + "describe history and are not a trading signal. A regime gate uses the filtered (causal) posterior.</p>\n")
        .append("<figure><figcaption>Close (log scale), coloured by the Viterbi state</figcaption>"
            + "<svg id=\"price\" role=\"img\" aria-label=\"close coloured by state\" viewBox=\"0 0 1000 300\"></svg></figure>\n")
        .append("<figure><figcaption>Posterior probability of each state</figcaption>"
            + "<svg id=\"posterior\" role=\"img\" aria-label=\"posterior bands\" viewBox=\"0 0 1000 160\"></svg></figure>\n");

    List<?> states = (List<?>) model.get("states");
    List<?> matrix = (List<?>) model.get("transition_matrix");
    h.append("<h2>States</h2>\n<table id=\"states\"><thead><tr><th>state</th><th>μ</th><th>σ</th>");
    boolean hasNu = states.stream().anyMatch(s -> ((Map<?, ?>) ((Map<?, ?>) s).get("params")).containsKey("nu"));
    if (hasNu) {
      h.append("<th>ν</th>");
    }
    h.append("<th>P(stay)</th></tr></thead><tbody>\n");
    for (int i = 0; i < states.size(); i++) {
      Map<?, ?> s = (Map<?, ?>) states.get(i);
      Map<?, ?> p = (Map<?, ?>) s.get("params");
      h.append("<tr data-state=\"").append(RunPage.esc(String.valueOf(s.get("name")))).append("\"><td><span class=\"swatch\" style=\"background:")
          .append(RunPage.esc(String.valueOf(s.get("color")))).append("\"></span>").append(RunPage.esc(String.valueOf(s.get("name"))))
          .append("</td><td>").append(p.get("mu")).append("</td><td>").append(p.get("sigma")).append("</td>");
      if (hasNu) {
        h.append("<td>").append(p.containsKey("nu") ? p.get("nu") : "–").append("</td>");
      }
      h.append("<td>").append(((List<?>) matrix.get(i)).get(i)).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<h2>Windows</h2>\n<table id=\"windows\"><thead><tr><th>window</th><th>from</th><th>to</th>"
        + "<th>days</th><th>Viterbi flips</th>");
    for (Object s : states) {
      h.append("<th>").append(RunPage.esc(String.valueOf(((Map<?, ?>) s).get("name")))).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (Object o : (List<?>) feed.get("windows")) {
      Map<?, ?> w = (Map<?, ?>) o;
      Map<?, ?> metrics = (Map<?, ?>) w.get("metrics");
      Map<?, ?> shares = (Map<?, ?>) metrics.get("regime_shares");
      h.append("<tr data-window=\"").append(RunPage.esc(String.valueOf(w.get("name")))).append("\"><td>")
          .append(RunPage.esc(String.valueOf(w.get("label")))).append("</td><td>").append(w.get("start")).append("</td><td>")
          .append(w.get("end")).append("</td><td>").append(metrics.get("n_days")).append("</td><td>")
          .append(metrics.get("viterbi_flips")).append("</td>");
      for (Object s : states) {
        double share = RunPage.num(shares.get(((Map<?, ?>) s).get("name")));
        h.append("<td>").append(String.format(Locale.ROOT, "%.1f%%", 100 * share)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n</main>\n")
        // "</" cannot end the script early: the JSON writer never emits it raw inside strings we make,
        // but escape it anyway so any asset name is safe.
        .append("<script id=\"feed\" type=\"application/json\">").append(feedJson.replace("</", "<\\/"))
        .append("</script>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#fafafa;color:#222}
      main{max-width:1040px;margin:0 auto;padding:24px}
      h1{margin:0 0 4px;font-size:1.6rem}.meta{color:#555;margin:0 0 8px}
      .note{background:#fff8e1;border-left:4px solid #f0b400;padding:6px 10px;font-size:.9rem}
      figure{margin:16px 0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}
      figcaption{font-size:.85rem;color:#555;margin-bottom:4px}svg{width:100%;height:auto;display:block}
      table{border-collapse:collapse;background:#fff;margin-bottom:16px}
      th,td{border:1px solid #ddd;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}
      .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
      """;

  private static final String SCRIPT = """
      (function () {
        var feed = JSON.parse(document.getElementById('feed').textContent);
        var s = feed.series, states = feed.model.states, n = s.dates.length;
        var NS = 'http://www.w3.org/2000/svg';
        var colour = {};
        states.forEach(function (st) { colour[st.name] = st.color; });
        function el(name, attrs, parent) {
          var e = document.createElementNS(NS, name);
          for (var k in attrs) { e.setAttribute(k, attrs[k]); }
          parent.appendChild(e);
          return e;
        }
        function x(i) { return 40 + 950 * i / Math.max(1, n - 1); }
        // Price: log scale, one polyline per run of the same Viterbi state.
        var price = document.getElementById('price');
        var logs = s.close.map(Math.log), lo = Math.min.apply(null, logs), hi = Math.max.apply(null, logs);
        function y(v) { return 280 - 260 * (v - lo) / Math.max(1e-12, hi - lo); }
        var start = 0;
        for (var i = 1; i <= n; i++) {
          if (i === n || s.viterbi[i] !== s.viterbi[start]) {
            var pts = [];
            for (var j = Math.max(0, start - 1); j < i; j++) { pts.push(x(j).toFixed(1) + ',' + y(logs[j]).toFixed(1)); }
            el('polyline', {points: pts.join(' '), fill: 'none', stroke: colour[s.viterbi[start]], 'stroke-width': 1.5,
              'data-state': s.viterbi[start]}, price);
            start = i;
          }
        }
        [lo, hi].forEach(function (v) {
          el('text', {x: 2, y: y(v) + 4, 'font-size': 11, fill: '#555'}, price).textContent = Math.round(Math.exp(v));
        });
        el('text', {x: 40, y: 296, 'font-size': 11, fill: '#555'}, price).textContent = s.dates[0];
        el('text', {x: 990, y: 296, 'font-size': 11, fill: '#555', 'text-anchor': 'end'}, price).textContent = s.dates[n - 1];
        // Posterior: stacked bands, first state at the bottom.
        var post = document.getElementById('posterior');
        var base = new Array(n).fill(0);
        states.forEach(function (st) {
          var p = s.posterior[st.name], top = [], bottom = [];
          for (var i = 0; i < n; i++) {
            top.push(x(i).toFixed(1) + ',' + (150 - 140 * (base[i] + p[i])).toFixed(1));
            bottom.push(x(i).toFixed(1) + ',' + (150 - 140 * base[i]).toFixed(1));
          }
          el('polygon', {points: top.concat(bottom.reverse()).join(' '), fill: st.color, 'fill-opacity': 0.75,
            'data-state': st.name}, post);
          for (var k = 0; k < n; k++) { base[k] += p[k]; }
        });
      })();
      """;
}
