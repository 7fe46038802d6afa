package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.hmm.UnivariateHmm;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regime dashboard's {@code feed.json} (reference {@code 004}, spec §4.12): a K-state HMM of
 * the running-max drawdown fitted to the whole file (first row dropped), its smoothed posteriors
 * and Viterbi path, and the four study windows with their flips and state shares. The field
 * names, order and rounding are the spec's; the document is a tree of maps and lists for any JSON
 * writer. Smoothed posteriors use the future: this feed describes history, it is not a signal.
 */
public final class RegimeFeed {

  /** The study windows (name, label, first and last day, inclusive). */
  public record Window(String name, String label, LocalDate start, LocalDate end) {}

  public static final List<Window> WINDOWS = List.of(
      new Window("2018_bear", "2018 bear", LocalDate.parse("2017-12-17"), LocalDate.parse("2018-12-15")),
      new Window("covid_2020", "COVID Q1 2020", LocalDate.parse("2020-01-01"), LocalDate.parse("2020-04-30")),
      new Window("bull_2020_21", "2020–21 bull", LocalDate.parse("2020-10-01"), LocalDate.parse("2021-11-10")),
      new Window("2022_bear", "2022 bear", LocalDate.parse("2021-11-10"), LocalDate.parse("2022-12-31")));

  /** State colours of build_feed.py, by ascending mean. */
  static final List<String> COLOURS_3 = List.of("#d62728", "#7f7f7f", "#2ca02c");

  private RegimeFeed() {}

  /** State names by ascending mean (spec §4.6). */
  public static List<String> stateNames(int k) {
    return switch (k) {
      case 2 -> List.of("bear", "bull");
      case 3 -> List.of("bear", "ranging", "bull");
      case 4 -> List.of("bear", "ranging_deep", "ranging_shallow", "bull");
      default -> {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < k; s++) {
          names.add("state_" + s);
        }
        yield names;
      }
    };
  }

  static List<String> colours(int k) {
    return switch (k) {
      case 2 -> List.of("#d62728", "#2ca02c");
      case 3 -> COLOURS_3;
      case 4 -> List.of("#d62728", "#ff7f0e", "#7f7f7f", "#2ca02c");
      default -> throw new IllegalArgumentException("Expected 2 to 4 states, but found " + k);
    };
  }

  /**
   * Fits and builds the feed.
   *
   * @param asset instrument name, e.g. BTCUSDT
   * @param dates one per close
   * @param close daily closes, oldest first
   * @param settings the fit (the spec's feed: Gaussian, K = 3, notebook settings)
   * @param generatedOn the build date written as {@code generated_at}
   */
  public static Map<String, Object> build(String asset, List<LocalDate> dates, double[] close,
      UnivariateHmm.Settings settings, LocalDate generatedOn) {
    if (dates.size() != close.length || close.length < 3) {
      throw new IllegalArgumentException("Expected at least 3 dated closes, but found " + close.length + " closes and "
          + dates.size() + " dates");
    }
    double[] drawdown = RegimeFeatures.runningMaxDrawdown(close);
    int n = close.length - 1; // the first row is dropped with its undefined return
    double[] x = java.util.Arrays.copyOfRange(drawdown, 1, close.length);
    UnivariateHmm.Fit fit = UnivariateHmm.fit(x, settings);
    UnivariateHmm.Model m = fit.model();
    int k = m.states();
    List<String> names = stateNames(k);
    List<String> colours = colours(k);
    double[][] smoothed = UnivariateHmm.smoothed(m, x);
    int[] path = UnivariateHmm.viterbi(m, x);

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated_at", generatedOn + "T00:00:00Z");
    doc.put("asset", asset);
    doc.put("frequency", "1d");
    Map<String, Object> model = new LinkedHashMap<>();
    String family = m.family().code();
    boolean gaussian = m.family() == UnivariateHmm.Family.GAUSSIAN;
    model.put("name", "drawdown-" + family + "-k" + k);
    model.put("label", "Drawdown HMM — " + (gaussian ? "Gaussian" : "Student-t") + ", K=" + k);
    model.put("family", family);
    model.put("K", k);
    model.put("observation", map("code", "drawdown_from_rolling_max", "label", "d_t = log(p_t) − max_{s≤t} log(p_s)"));
    model.put("fit_window", map("start", dates.get(1).toString(), "end", dates.get(n).toString()));
    model.put("log_likelihood", round(fit.logLikelihood(), 2));
    List<Object> states = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("mu", round(m.mean()[s], 4));
      params.put("sigma", round(m.sigma()[s], 4));
      if (!gaussian && Double.isFinite(m.nu()[s])) {
        params.put("nu", round(m.nu()[s], 2));
      }
      states.add(map("name", names.get(s), "color", colours.get(s), "params", params));
    }
    model.put("states", states);
    List<Object> matrix = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      List<Double> row = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        row.add(round(Math.exp(m.logA()[i][j]), 4));
      }
      matrix.add(row);
    }
    model.put("transition_matrix", matrix);
    doc.put("model", model);

    List<String> seriesDates = new ArrayList<>(n);
    List<Double> closes = new ArrayList<>(n);
    List<Double> observation = new ArrayList<>(n);
    List<String> viterbi = new ArrayList<>(n);
    Map<String, Object> posterior = new LinkedHashMap<>();
    List<List<Double>> columns = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      List<Double> column = new ArrayList<>(n);
      columns.add(column);
      posterior.put(names.get(s), column);
    }
    for (int i = 0; i < n; i++) {
      seriesDates.add(dates.get(i + 1).toString());
      closes.add(round(close[i + 1], 2));
      observation.add(round(x[i], 5));
      viterbi.add(names.get(path[i]));
      for (int s = 0; s < k; s++) {
        columns.get(s).add(round(smoothed[i][s], 4));
      }
    }
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("dates", seriesDates);
    series.put("close", closes);
    series.put("observation", observation);
    series.put("posterior", posterior);
    series.put("viterbi", viterbi);
    doc.put("series", series);

    List<Object> windows = new ArrayList<>();
    for (Window w : WINDOWS) {
      int days = 0;
      int flips = 0;
      int[] counts = new int[k];
      int previous = -1;
      for (int i = 0; i < n; i++) {
        LocalDate d = dates.get(i + 1);
        if (d.isBefore(w.start()) || d.isAfter(w.end())) {
          continue;
        }
        days++;
        counts[path[i]]++;
        if (previous >= 0 && path[i] != previous) {
          flips++;
        }
        previous = path[i];
      }
      Map<String, Object> shares = new LinkedHashMap<>();
      for (int s = 0; s < k; s++) {
        shares.put(names.get(s), days == 0 ? 0.0 : round((double) counts[s] / days, 4));
      }
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("viterbi_flips", flips);
      metrics.put("n_days", days);
      metrics.put("regime_shares", shares);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", w.name());
      entry.put("label", w.label());
      entry.put("start", w.start().toString());
      entry.put("end", w.end().toString());
      entry.put("metrics", metrics);
      windows.add(entry);
    }
    doc.put("windows", windows);
    // Not in the reference's schema (an addition after its last field): the notebooks' 2022 verdict.
    PassCriterion2022.Result pass2022 = PassCriterion2022.evaluate(x, dates.subList(1, close.length), settings, fit);
    doc.put("pass_2022", pass2022 == null ? null : PassCriterion2022.document(pass2022));
    return doc;
  }

  /** Half-even decimal rounding of the value's shortest decimal form. */
  static double round(double v, int places) {
    if (!Double.isFinite(v)) {
      return v;
    }
    return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
