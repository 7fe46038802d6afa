package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The regime page of a {@code feed.json} document (spec §4.12): state and window tables that read
 * without JavaScript, and two charts — the close on a log scale coloured by the Viterbi state, and
 * the posterior bands — drawn as inline SVG by a small bundled script from the feed embedded in
 * {@code <script id="feed">}. No external assets.
 */
public record RegimeView(Chrome chrome, String asset, String meta, boolean hasNu, List<StateRow> states,
    List<String> stateNames, List<WindowRow> windows, String pass2022, String feedJson, String script) {

  public record StateRow(String name, String color, String mu, String sigma, String nu, String stay) {}

  public record WindowRow(String name, String label, String start, String end, String days, String flips,
      List<String> shares) {}

  public static RegimeView of(Map<String, Object> feed, String feedJson) {
    Map<?, ?> model = (Map<?, ?>) feed.get("model");
    Map<?, ?> window = (Map<?, ?>) model.get("fit_window");
    String meta = model.get("label") + " of " + ((Map<?, ?>) model.get("observation")).get("label") + " · fitted "
        + window.get("start") + " to " + window.get("end") + " · log-likelihood " + model.get("log_likelihood")
        + " · generated " + feed.get("generated_at");
    List<?> states = (List<?>) model.get("states");
    List<?> matrix = (List<?>) model.get("transition_matrix");
    boolean hasNu = states.stream().anyMatch(s -> ((Map<?, ?>) ((Map<?, ?>) s).get("params")).containsKey("nu"));
    List<StateRow> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      Map<?, ?> s = (Map<?, ?>) states.get(i);
      Map<?, ?> p = (Map<?, ?>) s.get("params");
      names.add(String.valueOf(s.get("name")));
      rows.add(new StateRow(String.valueOf(s.get("name")), "background:" + s.get("color"), String.valueOf(p.get("mu")),
          String.valueOf(p.get("sigma")), p.containsKey("nu") ? String.valueOf(p.get("nu")) : "–",
          String.valueOf(((List<?>) matrix.get(i)).get(i))));
    }
    List<WindowRow> windows = new ArrayList<>();
    for (Object o : (List<?>) feed.get("windows")) {
      Map<?, ?> w = (Map<?, ?>) o;
      Map<?, ?> metrics = (Map<?, ?>) w.get("metrics");
      Map<?, ?> shares = (Map<?, ?>) metrics.get("regime_shares");
      List<String> shareCells = new ArrayList<>();
      for (String name : names) {
        shareCells.add(String.format(Locale.ROOT, "%.1f%%", 100 * Numbers.num(shares.get(name))));
      }
      windows.add(new WindowRow(String.valueOf(w.get("name")), String.valueOf(w.get("label")),
          String.valueOf(w.get("start")), String.valueOf(w.get("end")), String.valueOf(metrics.get("n_days")),
          String.valueOf(metrics.get("viterbi_flips")), shareCells));
    }
    return new RegimeView(Chrome.file(feed.get("asset") + " regimes – " + model.get("label"), Theme.DEFAULT),
        String.valueOf(feed.get("asset")), meta, hasNu, rows, names, windows, pass2022(feed), Assets.scriptSafe(feedJson),
        Assets.scriptSafe(Assets.text("regime.js")));
  }

  public RegimeView withChrome(Chrome newChrome) {
    return new RegimeView(newChrome, asset, meta, hasNu, states, stateNames, windows, pass2022, feedJson, script);
  }

  /** The notebooks' 2022 verdict in one sentence, or null when the feed has none (no 2022 days). */
  static String pass2022(Map<String, Object> feed) {
    Map<?, ?> p = (Map<?, ?>) feed.get("pass_2022");
    if (p == null) {
      return null;
    }
    Map<?, ?> t = (Map<?, ?>) p.get("student_t");
    Map<?, ?> g = (Map<?, ?>) p.get("gaussian");
    return String.format(Locale.ROOT, "2022 pass criterion (Student-t against the Gaussian, smoothed): %s — median "
            + "bear posterior %.2f (Gaussian %.2f), %s Viterbi changes in 2022 (Gaussian %s); crit1 %s, crit2 %s, "
            + "crit3 %s.", p.get("verdict"), Numbers.num(t.get("median_bear_posterior")),
        Numbers.num(g.get("median_bear_posterior")), t.get("viterbi_changes"), g.get("viterbi_changes"),
        held(p.get("crit1")), held(p.get("crit2")), held(p.get("crit3")));
  }

  private static String held(Object criterion) {
    return Boolean.TRUE.equals(criterion) ? "held" : "not held";
  }
}
