package io.momentic.strategies.breakout;

import io.momentic.analytics.Bootstrap;
import io.momentic.analytics.TradeStats;
import io.momentic.engine.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference 001's mini walk-forward of a method over the whole history before the signal: every
 * candle passing the scanner's thresholds in the signal's direction is traded with the method (no
 * regime weighting — the walk-forward tests generalisation across regimes on purpose).
 *
 * <p>The main split is at 70 % of the bars: in-sample trades whose label reaches the out-of-sample
 * part are <b>purged</b> (their outcome overlaps it), and an <b>embargo</b> of ⌈1 % × bars⌉ bars
 * separates the parts (trades signalled in it are dropped) — a forward split has no training after
 * its test fold, so the embargo is the gap between them. Five rolling windows test at 50–60 %,
 * 60–70 %, 70–80 %, 80–90 % and 90–100 % against everything before, purged and embargoed alike.
 * Verdict from the main split: fewer than 5 out-of-sample trades INSUFFICIENT; an out-of-sample
 * profit factor below 1 FAIL; at least 8 PASS; else BORDERLINE.
 */
public final class MiniWalkForward {

  public static final double MAIN_CUT = 0.70;
  public static final double[] ROLLING_CUTS = {0.50, 0.60, 0.70, 0.80, 0.90};
  public static final double EMBARGO_PCT = 0.01;
  public static final int PASS_TRADES = 8;
  public static final int BORDERLINE_TRADES = 5;
  public static final int RESAMPLES = 1000;
  /** ATR-ratio proxy for the regime breakdown: STRONG at or above, WEAK below {@link #WEAK_ATR_RATIO}. */
  public static final double STRONG_ATR_RATIO = 1.2;
  public static final double WEAK_ATR_RATIO = 0.9;

  /** One rolling window. */
  public record Window(double from, double to, int isN, double isPf, int oosN, double oosPf, double oosWr, boolean edge) {}

  /** The record of reference 001, field by field (see {@link #toMap}). */
  public record Result(boolean ok, String reason, String verdict, String method, double isPf, double oosPf, double oosWr,
      double isPfClean, double oosPfClean, int oosN, int nPurged, int nEmbargoed, int embargoBars, int nNeutral,
      double rawPf, double honestPf, double pfInflationPct, Bootstrap.Interval oosPfCi, double edgeHitRate,
      List<Window> windows, Map<String, Map<String, Object>> regimeBreakdown, String tierLabel) {}

  private MiniWalkForward() {}

  public static Result run(Signal signal, BreakoutFeatures.Set f, TradeMethod method, ExecutionConfig config,
      BreakoutScanner.Settings thresholds, long seed) {
    int first = BreakoutFeatures.warmup();
    int cutoff = signal.bar();
    List<Integer> qualifying = new ArrayList<>();
    for (int bar = first; bar < cutoff; bar++) {
      if (BreakoutScanner.score(signal.symbol(), f, bar, thresholds).isPresent()) {
        qualifying.add(bar);
      }
    }
    int[] bars = qualifying.stream().mapToInt(Integer::intValue).toArray();
    // Not regime-weighted: NaN as the current regime gives every trade weight 1.
    List<SimTrades.Trade> trades = new SimTrades(f, cutoff, config).run(method, bars, Double.NaN).trades();
    int span = cutoff - first;
    int embargo = (int) Math.ceil(EMBARGO_PCT * (cutoff + 1));
    String tier = "PURGED IS/OOS split (70%/30%, embargo 1%)";
    if (span < 10 || trades.isEmpty()) {
      return new Result(false, trades.isEmpty() ? "no trade of the method in the history" : "too short a history",
          "INSUFFICIENT", method.label(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, embargo,
          0, Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, List.of(), Map.of(), tier);
    }
    Split main = split(trades, first + (int) Math.round(MAIN_CUT * span), cutoff, embargo);
    List<Window> windows = new ArrayList<>();
    int withTrades = 0;
    int edges = 0;
    for (int k = 0; k < ROLLING_CUTS.length; k++) {
      int from = first + (int) Math.round(ROLLING_CUTS[k] * span);
      int to = k + 1 < ROLLING_CUTS.length ? first + (int) Math.round(ROLLING_CUTS[k + 1] * span) : cutoff;
      Split w = split(trades, from, to, embargo);
      double oosPf = pf(w.oos());
      boolean edge = !w.oos().isEmpty() && (Double.isNaN(oosPf) || oosPf >= 1);
      if (!w.oos().isEmpty()) {
        withTrades++;
        edges += edge ? 1 : 0;
      }
      windows.add(new Window(ROLLING_CUTS[k], k + 1 < ROLLING_CUTS.length ? ROLLING_CUTS[k + 1] : 1.0, w.is().size(),
          pf(w.is()), w.oos().size(), oosPf, SimTrades.winRate(w.oos()), edge));
    }
    List<SimTrades.Trade> oos = main.oos();
    double oosPf = pf(oos);
    int nNeutral = (int) oos.stream().filter(t -> t.outcome() == SimTrades.Outcome.NEUTRAL).count();
    double honest = SimTrades.honestProfitFactor(oos);
    Bootstrap.Interval ci = oos.size() >= 2 ? Bootstrap.interval(SimTrades.rs(oos), TradeStats::profitFactor,
        Bootstrap.Method.BLOCK, Bootstrap.defaultBlockLength(oos.size()), RESAMPLES, 0.95, seed) : null;
    String verdict = verdict(oos.size(), oosPf);
    return new Result(true, null, verdict, method.label(), pf(main.is()), oosPf, SimTrades.winRate(oos),
        SimTrades.honestProfitFactor(main.is()), honest, oos.size(), main.purged(), main.embargoed(), embargo, nNeutral,
        oosPf, honest, Double.isNaN(honest) || honest == 0 || Double.isNaN(oosPf) ? Double.NaN
            : (oosPf - honest) / honest * 100, ci, withTrades == 0 ? Double.NaN : (double) edges / withTrades,
        List.copyOf(windows), regimes(oos), tier);
  }

  /**
   * Fewer than 5 out-of-sample trades: INSUFFICIENT; a profit factor below 1: FAIL; at least 8: PASS;
   * else BORDERLINE. A profit factor that is undefined (no losing trade) is not below 1.
   */
  static String verdict(int oosN, double oosPf) {
    return oosN < BORDERLINE_TRADES ? "INSUFFICIENT" : !Double.isNaN(oosPf) && oosPf < 1 ? "FAIL"
        : oosN >= PASS_TRADES ? "PASS" : "BORDERLINE";
  }

  /** In-sample before {@code from} (purged), out-of-sample signalled in [from + embargo, to). */
  record Split(List<SimTrades.Trade> is, List<SimTrades.Trade> oos, int purged, int embargoed) {}

  static Split split(List<SimTrades.Trade> trades, int from, int to, int embargo) {
    List<SimTrades.Trade> is = new ArrayList<>();
    List<SimTrades.Trade> oos = new ArrayList<>();
    int purged = 0;
    int embargoed = 0;
    for (SimTrades.Trade t : trades) {
      if (t.signalBar() < from) {
        if (t.labelEndBar() >= from) {
          purged++; // its outcome was settled inside the test part
        } else {
          is.add(t);
        }
      } else if (t.signalBar() < Math.min(to, from + embargo)) {
        embargoed++;
      } else if (t.signalBar() < to) {
        oos.add(t);
      }
    }
    return new Split(is, oos, purged, embargoed);
  }

  private static double pf(List<SimTrades.Trade> trades) {
    return SimTrades.profitFactor(trades);
  }

  private static Map<String, Map<String, Object>> regimes(List<SimTrades.Trade> oos) {
    Map<String, List<SimTrades.Trade>> by = new LinkedHashMap<>();
    by.put("STRONG", new ArrayList<>());
    by.put("MID", new ArrayList<>());
    by.put("WEAK", new ArrayList<>());
    for (SimTrades.Trade t : oos) {
      String r = t.atrRatio() >= STRONG_ATR_RATIO ? "STRONG" : t.atrRatio() < WEAK_ATR_RATIO ? "WEAK" : "MID";
      by.get(r).add(t);
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    by.forEach((k, v) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", v.size());
      m.put("pf", pf(v));
      m.put("wr", SimTrades.winRate(v));
      out.put(k, m);
    });
    return out;
  }

  /** The record with reference 001's keys. */
  public static Map<String, Object> toMap(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", r.ok());
    if (r.reason() != null) {
      m.put("reason", r.reason());
    }
    m.put("verdict", r.verdict());
    m.put("method", r.method());
    m.put("is_pf", r.isPf());
    m.put("oos_pf", r.oosPf());
    m.put("oos_wr", r.oosWr());
    m.put("is_pf_clean", r.isPfClean());
    m.put("oos_pf_clean", r.oosPfClean());
    m.put("oos_n", r.oosN());
    m.put("purge_diag", new LinkedHashMap<>(Map.of("n_purged", r.nPurged(), "n_embargoed", r.nEmbargoed(),
        "embargo_bars", r.embargoBars())));
    Map<String, Object> label = new LinkedHashMap<>();
    label.put("n_neutral", r.nNeutral());
    label.put("raw_pf", r.rawPf());
    label.put("honest_pf", r.honestPf());
    label.put("pf_inflation_pct", r.pfInflationPct());
    m.put("label_diag", label);
    Map<String, Object> ci = new LinkedHashMap<>();
    ci.put("lo", r.oosPfCi() == null ? Double.NaN : r.oosPfCi().lower());
    ci.put("hi", r.oosPfCi() == null ? Double.NaN : r.oosPfCi().upper());
    ci.put("resamples", r.oosPfCi() == null ? 0 : r.oosPfCi().resamples());
    ci.put("block", r.oosPfCi() == null ? 0 : r.oosPfCi().blockLength());
    m.put("oos_pf_ci", ci);
    List<Map<String, Object>> windows = new ArrayList<>();
    for (Window w : r.windows()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("from", w.from());
      x.put("to", w.to());
      x.put("is_n", w.isN());
      x.put("is_pf", w.isPf());
      x.put("oos_n", w.oosN());
      x.put("oos_pf", w.oosPf());
      x.put("oos_wr", w.oosWr());
      x.put("edge", w.edge());
      windows.add(x);
    }
    Map<String, Object> rolling = new LinkedHashMap<>();
    rolling.put("edge_hit_rate", r.edgeHitRate());
    rolling.put("windows", windows);
    m.put("rolling_wfo", rolling);
    m.put("regime_breakdown", r.regimeBreakdown());
    m.put("tier_label", r.tierLabel());
    return m;
  }
}
