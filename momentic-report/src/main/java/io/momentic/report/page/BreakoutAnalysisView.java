package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A signal's analysis page: the signal, its candle chart with the bar marked, the Step 1 button and
 * — once pressed — the 72-method table, the two candidate cards with their canonical prices and the
 * walk-forward panel. Steps 2 and 3 show as disabled buttons until the ML step is wired.
 */
public record BreakoutAnalysisView(Chrome chrome, String symbol, String interval, String barTime, String direction,
    boolean flagged, List<Fact> facts, String chartUrl, long markerTimeSeconds, String markerShape,
    boolean step1Done, Step1 step1, int stepDone, String grade, String gradeRule, List<MlCard> ml, VerdictCard verdict,
    String pulse) {

  /** Step 2's card for one candidate's model. */
  public record MlCard(String candidate, String method, String pWin, String model, String reason, String samples,
      String calibration, String auc, String brier, String svg) {}

  /** Step 3's card. */
  public record VerdictCard(boolean ok, String reason, String winner, String a, String b, String rationale,
      String model) {}

  /** A labelled value of the signal. */
  public record Fact(String name, String value) {}

  /** Step 1's results, formatted. */
  public record Step1(String ratchet, List<String> invalidZones, List<MethodRow> methods, Card candidateA,
      Card candidateB, WalkForward walkForward, String folder) {}

  /** One of the 72 methods. */
  public record MethodRow(String label, String n, String winRate, String ev, String evWeighted, String wrWeighted,
      String pf, String honestPf, String fills, String fillRate, boolean survivorWarning, boolean invalidHere,
      double evWeightedSort) {}

  /** A candidate card: the method and the prices everything else reads. */
  public record Card(String name, String rule, String method, String entry, String entryType, String stop, String tp1,
      String tp2, String n, String evWeighted, String winRate, String pf) {}

  /** The walk-forward panel. */
  public record WalkForward(String verdict, String method, String oos, String ci, String is, String edge,
      String purge, String labels, String tier, List<Window> windows, List<Regime> regimes, String reason) {}

  public record Window(String span, String isN, String isPf, String oosN, String oosPf, boolean edge) {}

  public record Regime(String name, String n, String pf, String winRate) {}

  /** The page before Step 1 runs. */
  public static BreakoutAnalysisView of(Map<String, Object> signal, boolean flagged, String chartUrl,
      long markerTimeSeconds) {
    return build(signal, flagged, chartUrl, markerTimeSeconds, null);
  }

  /** The page with Step 1's document (see the workflow's analysis document). */
  public static BreakoutAnalysisView withStep1(Map<String, Object> doc, String chartUrl, long markerTimeSeconds,
      String folder) {
    @SuppressWarnings("unchecked")
    Map<String, Object> signal = (Map<String, Object>) doc.get("signal");
    return build(signal, Boolean.TRUE.equals(doc.get("flagged_by_scanner")), chartUrl, markerTimeSeconds,
        step1(doc, folder));
  }

  private static BreakoutAnalysisView build(Map<String, Object> s, boolean flagged, String chartUrl, long marker,
      Step1 step1) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("direction", String.valueOf(s.get("direction"))));
    facts.add(new Fact("scanner", flagged ? "flagged (body ≥ 0.60, volume ≥ 1.8×)" : "not flagged (manual analysis)"));
    facts.add(new Fact("score", Numbers.pattern(s.get("score"), "%.1f")));
    facts.add(new Fact("body share", Numbers.pattern(s.get("body_pct"), "%.2f")));
    facts.add(new Fact("volume multiple", Numbers.pattern(s.get("vol_mult"), "%.2f×")));
    facts.add(new Fact("ADX", Numbers.pattern(s.get("adx"), "%.1f")));
    facts.add(new Fact("regime score", Numbers.pattern(s.get("regime_score"), "%.1f") + " (inputs: "
        + s.get("regime_inputs_used") + "; missing: " + s.get("regime_inputs_missing") + ")"));
    facts.add(new Fact("entry (close)", Numbers.pattern(s.get("entry"), "%.6g")));
    facts.add(new Fact("stop (fixed 1.5 %)", Numbers.pattern(s.get("stop"), "%.6g")));
    facts.add(new Fact("target (2 R)", Numbers.pattern(s.get("target"), "%.6g")));
    String dir = String.valueOf(s.get("direction"));
    return new BreakoutAnalysisView(Chrome.served(s.get("symbol") + " " + s.get("interval") + " breakout"),
        String.valueOf(s.get("symbol")), String.valueOf(s.get("interval")), String.valueOf(s.get("bar_time")), dir,
        flagged, facts, chartUrl, marker, dir.equals("LONG") ? "arrowUp" : "arrowDown", step1 != null, step1,
        step1 != null ? 1 : 0, null, null, List.of(), null, null);
  }

  /** The page with Steps 2 and 3 as far as they ran (the document's {@code step2}, {@code step3}, {@code grade}). */
  @SuppressWarnings("unchecked")
  public static BreakoutAnalysisView withSteps(Map<String, Object> doc, String chartUrl, long markerTimeSeconds,
      String folder) {
    BreakoutAnalysisView v = withStep1(doc, chartUrl, markerTimeSeconds, folder);
    int done = doc.containsKey("step3") ? 3 : doc.containsKey("step2") ? 2 : 1;
    Map<String, Object> g = (Map<String, Object>) doc.get("grade");
    List<MlCard> ml = new ArrayList<>();
    if (doc.get("step2") instanceof Map<?, ?> s2) {
      for (Object o : (List<Object>) s2.get("models")) {
        Map<String, Object> m = (Map<String, Object>) o;
        Map<String, Object> cv = (Map<String, Object>) m.get("cv");
        ml.add(new MlCard(String.valueOf(m.get("candidate")), String.valueOf(m.get("method")),
            Numbers.share(m.get("p_win")), String.valueOf(m.get("description")), String.valueOf(m.get("reason")),
            m.get("samples") + " labelled (" + m.get("wins") + " wins; " + m.get("neutral_excluded")
                + " NEUTRAL left out) at ratchet " + m.get("ratchet_ratio") + " (" + m.get("ratchet_badge") + ")",
            Boolean.TRUE.equals(m.get("calibrated")) ? "isotonic on " + m.get("calibration_folds") : "none",
            Numbers.pattern(cv.get("auc"), "%.3f") + " (" + cv.get("splits") + " purged splits; " + cv.get("note") + ")",
            Numbers.pattern(cv.get("brier_uncalibrated"), "%.4f") + " → " + Numbers.pattern(cv.get("brier_calibrated"),
                "%.4f"), reliabilitySvg((List<Object>) cv.get("reliability"))));
      }
    }
    VerdictCard verdict = null;
    if (doc.get("step3") instanceof Map<?, ?> s3) {
      verdict = new VerdictCard(Boolean.TRUE.equals(s3.get("ok")), (String) s3.get("reason"),
          String.valueOf(s3.get("winner")), decision(s3.get("candidate_a")), decision(s3.get("candidate_b")),
          (String) s3.get("winner_rationale"), String.valueOf(s3.get("model")));
    }
    String pulse = null;
    if (doc.get("pulse") instanceof Map<?, ?> p) {
      pulse = p.get("label") + " (" + Numbers.pattern(p.get("total"), "%+.1f") + " of ±15; inputs " + p.get("inputs")
          + "; missing " + ((Map<?, ?>) p.get("missing")).keySet() + ")";
    }
    return new BreakoutAnalysisView(v.chrome(), v.symbol(), v.interval(), v.barTime(), v.direction(), v.flagged(),
        v.facts(), v.chartUrl(), v.markerTimeSeconds(), v.markerShape(), true, v.step1(), done,
        g == null ? null : String.valueOf(g.get("grade")), g == null ? null : String.valueOf(g.get("rule")), ml, verdict,
        pulse);
  }

  private static String decision(Object o) {
    if (!(o instanceof Map<?, ?> m)) {
      return "–";
    }
    return m.get("decision") + " (confidence " + Numbers.pattern(m.get("confidence"), "%.0f") + "): "
        + m.get("rationale");
  }

  /** A small reliability plot: predicted (x) against observed (y), the diagonal for reference. */
  static String reliabilitySvg(List<Object> bins) {
    StringBuilder sb = new StringBuilder("<svg class=\"reliability\" viewBox=\"0 0 120 120\" width=\"160\" "
        + "height=\"160\" role=\"img\" aria-label=\"reliability curve\"><rect x=\"10\" y=\"10\" width=\"100\" "
        + "height=\"100\" fill=\"none\" stroke=\"#ccc\"/><line x1=\"10\" y1=\"110\" x2=\"110\" y2=\"10\" "
        + "stroke=\"#bbb\" stroke-dasharray=\"3\"/>");
    StringBuilder path = new StringBuilder();
    for (Object o : bins) {
      List<?> b = (List<?>) o;
      double x = 10 + 100 * ((Number) b.get(0)).doubleValue();
      double y = 110 - 100 * ((Number) b.get(1)).doubleValue();
      path.append(path.isEmpty() ? "M" : "L").append(String.format(java.util.Locale.ROOT, "%.1f %.1f ", x, y));
      sb.append(String.format(java.util.Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#0b57d0\"/>",
          x, y));
    }
    if (!path.isEmpty()) {
      sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#0b57d0\"/>");
    }
    return sb.append("<text x=\"10\" y=\"120\" font-size=\"8\">predicted →</text></svg>").toString();
  }

  @SuppressWarnings("unchecked")
  private static Step1 step1(Map<String, Object> doc, String folder) {
    Map<String, Object> r = (Map<String, Object>) doc.get("ratchet");
    String ratchet = r.get("badge") + " — " + r.get("analogs") + " analogs at ratio " + r.get("ratio") + " (body ≥ "
        + Numbers.pattern(r.get("min_body"), "%.2f") + ", volume ≥ " + Numbers.pattern(r.get("min_vol_mult"), "%.2f")
        + "×)" + (Boolean.TRUE.equals(r.get("target_reached")) ? "" : "; fewer than 50 found even at the floors");
    List<String> invalid = new ArrayList<>();
    for (Object z : (List<Object>) doc.get("invalid_zones")) {
      invalid.add(String.valueOf(z));
    }
    List<MethodRow> methods = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("methods")) {
      Map<String, Object> m = (Map<String, Object>) o;
      String label = String.valueOf(m.get("method"));
      boolean invalidHere = invalid.stream().anyMatch(label::startsWith);
      double evw = Numbers.num(m.get("ev_weighted"));
      methods.add(new MethodRow(label, String.valueOf(m.get("n")), Numbers.share(m.get("win_rate")),
          Numbers.pattern(m.get("ev"), "%.2f"), Numbers.pattern(m.get("ev_weighted"), "%.2f"),
          Numbers.share(m.get("wr_weighted")), pf(m.get("pf")), pf(m.get("honest_pf")),
          m.get("n_filled") + "/" + m.get("n_qualifying") + " (" + m.get("n_expired") + " expired)",
          Numbers.share(m.get("fill_rate")), Boolean.TRUE.equals(m.get("survivor_bias_warning")), invalidHere,
          Double.isNaN(evw) ? -1e9 : evw));
    }
    return new Step1(ratchet, invalid, methods, card("A", (Map<String, Object>) doc.get("candidate_a")),
        card("B", (Map<String, Object>) doc.get("candidate_b")), walkForward((Map<String, Object>) doc.get(
            "walk_forward")), folder);
  }

  private static String pf(Object v) {
    return v instanceof Number n && Double.isInfinite(n.doubleValue()) ? "∞" : Numbers.pattern(v, "%.2f");
  }

  private static Card card(String name, Map<String, Object> c) {
    if (c == null) {
      return null;
    }
    return new Card(name, String.valueOf(c.get("rule")), String.valueOf(c.get("method")),
        Numbers.pattern(c.get("entry"), "%.6g"), String.valueOf(c.get("entry_type")), Numbers.pattern(c.get("stop"),
        "%.6g"), Numbers.pattern(c.get("tp1"), "%.6g"), Numbers.pattern(c.get("tp2"), "%.6g"), String.valueOf(c.get("n")),
        Numbers.pattern(c.get("ev_weighted"), "%.2f"), Numbers.share(c.get("win_rate")), pf(c.get("pf")));
  }

  @SuppressWarnings("unchecked")
  private static WalkForward walkForward(Map<String, Object> w) {
    Map<String, Object> ci = (Map<String, Object>) w.get("oos_pf_ci");
    Map<String, Object> purge = (Map<String, Object>) w.get("purge_diag");
    Map<String, Object> label = (Map<String, Object>) w.get("label_diag");
    Map<String, Object> rolling = (Map<String, Object>) w.get("rolling_wfo");
    List<Window> windows = new ArrayList<>();
    for (Object o : (List<Object>) rolling.get("windows")) {
      Map<String, Object> x = (Map<String, Object>) o;
      windows.add(new Window(Numbers.share(x.get("from")) + "–" + Numbers.share(x.get("to")),
          String.valueOf(x.get("is_n")), pf(x.get("is_pf")), String.valueOf(x.get("oos_n")), pf(x.get("oos_pf")),
          Boolean.TRUE.equals(x.get("edge"))));
    }
    List<Regime> regimes = new ArrayList<>();
    ((Map<String, Object>) w.get("regime_breakdown")).forEach((k, v) -> {
      Map<String, Object> x = (Map<String, Object>) v;
      regimes.add(new Regime(k, String.valueOf(x.get("n")), pf(x.get("pf")), Numbers.share(x.get("wr"))));
    });
    return new WalkForward(String.valueOf(w.get("verdict")), String.valueOf(w.get("method")),
        w.get("oos_n") + " trades, PF " + pf(w.get("oos_pf")) + ", win rate " + Numbers.share(w.get("oos_wr"))
            + " (honest PF " + pf(w.get("oos_pf_clean")) + ")",
        "95 % CI of the OOS PF: " + pf(ci.get("lo")) + " to " + pf(ci.get("hi")) + " (" + ci.get("resamples")
            + " block resamples)",
        "IS PF " + pf(w.get("is_pf")) + " (honest " + pf(w.get("is_pf_clean")) + ")",
        "edge (OOS PF ≥ 1) in " + Numbers.share(rolling.get("edge_hit_rate")) + " of the rolling windows",
        purge.get("n_purged") + " purged, " + purge.get("n_embargoed") + " embargoed (" + purge.get("embargo_bars")
            + " bars)", label.get("n_neutral") + " NEUTRAL; raw PF " + pf(label.get("raw_pf")) + " vs honest "
            + pf(label.get("honest_pf")) + " (inflation " + Numbers.pattern(label.get("pf_inflation_pct"), "%.1f%%")
            + ")", String.valueOf(w.get("tier_label")), windows, regimes, (String) w.get("reason"));
  }
}
