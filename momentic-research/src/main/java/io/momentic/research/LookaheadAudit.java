package io.momentic.research;

import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.Strategy;
import io.momentic.indicators.BarIndicator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Proves, by recomputation, that an indicator or strategy does not look ahead. The full-history
 * result is compared with results computed on histories truncated at many cut points (seeded random
 * ones and every bar near the end): a causal computation gives the same value at every bar before
 * the cut, whether or not later bars exist. Indicators are compared output by output; strategies by
 * the features they register in {@code prepare} and by every decision they make per bar (orders,
 * cancels, target weights). Each leak is reported with the first bar where it differs and by how
 * much.
 *
 * <p>Comparison is exact (same bits, NaN equal to NaN) unless {@link Options#tolerance} is set;
 * truncating the end of a history never changes a causal value, recursive filters included, so the
 * default tolerance is 0. How much history a recursive value needs before it stops depending on its
 * start is a different question, answered by {@link #convergence}.
 */
public final class LookaheadAudit {

  /**
   * @param randomCuts seeded random cut points between {@code minBars} and the end
   * @param tailCuts every cut among the last {@code tailCuts} bars (where one-bar leaks show)
   * @param minBars the shortest truncated history tried
   * @param tolerance largest accepted |difference| relative to max(1, |full value|); 0 = exact
   * @param convergenceTolerance relative difference under which a recursive value counts as converged
   */
  public record Options(int randomCuts, int tailCuts, int minBars, long seed, double tolerance,
      double convergenceTolerance) {

    public static final Options DEFAULTS = new Options(25, 20, 50, 42, 0, 1e-9);

    public Options {
      Checks.notNegative(randomCuts, "randomCuts");
      Checks.notNegative(tailCuts, "tailCuts");
      Checks.positive(minBars, "minBars");
      Checks.notNegative(tolerance, "tolerance");
      Checks.positive(convergenceTolerance, "convergenceTolerance");
    }
  }

  /**
   * One leak: in {@code target}, the {@code kind} ("feature" or "decision") named {@code name} differs
   * first at bar {@code firstBar} (open time {@code firstTimeMillis}) when the history is cut at
   * {@code cut} bars; {@code difference} is |full − truncated| there (NaN for decisions or a
   * value present in one and missing in the other); {@code detail} says what each side had.
   */
  public record Finding(String target, String kind, String name, int firstBar, long firstTimeMillis, int cut,
      double difference, String detail) {}

  /** How many bars after its start a value needs to match a longer history (within the tolerance). */
  public record Convergence(String output, boolean recursive, int warmup, int barsToConverge, double tolerance) {

    /** Whether it converged at all within the history tried. */
    public boolean converged() {
      return barsToConverge >= 0;
    }
  }

  /** The audit of one target. */
  public record Result(String target, String type, int cutsChecked, List<Finding> findings,
      List<Convergence> convergence) {

    public boolean clean() {
      return findings.isEmpty();
    }
  }

  private LookaheadAudit() {}

  /** The cut points (history lengths) tried on {@code n} bars: seeded random ones plus the last bars. */
  public static int[] cuts(int n, Options o) {
    TreeSet<Integer> cuts = new TreeSet<>();
    int lo = Math.min(o.minBars(), n - 1);
    for (int c = Math.max(lo, n - o.tailCuts()); c < n; c++) {
      cuts.add(c);
    }
    SplittableRandom rng = new SplittableRandom(o.seed());
    for (int i = 0; i < o.randomCuts() && n - lo > 1; i++) {
      cuts.add(lo + rng.nextInt(n - lo));
    }
    cuts.remove(n);
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  //---------------------------------------------------------------------------
  // Indicators

  public static Result auditIndicator(BarIndicator indicator, BarSeries series, Options o) {
    String target = indicator.name();
    double[][] full = indicator.compute(series);
    List<String> names = indicator.outputs();
    Leaks leaks = new Leaks(target, "feature", series.times());
    int[] cuts = cuts(series.size(), o);
    for (int cut : cuts) {
      double[][] part = indicator.compute(series.upTo(cut));
      for (int k = 0; k < names.size(); k++) {
        leaks.compare(names.get(k), full[k], part[k], cut, o.tolerance());
      }
    }
    return new Result(target, "indicator", cuts.length, leaks.findings(), convergence(indicator, series, o));
  }

  /**
   * For each output: computed on the history from several later start points, how many bars after
   * its start it takes until every later value is within the tolerance of the full-history value
   * (-1 if it never gets there). A non-recursive output converges exactly at its warm-up.
   */
  public static List<Convergence> convergence(BarIndicator indicator, BarSeries series, Options o) {
    int n = series.size();
    double[][] full = indicator.compute(series);
    List<Convergence> out = new ArrayList<>();
    int[] worst = new int[full.length];
    for (int start : new int[] {n / 8, n / 4, n / 2}) {
      if (start < 1 || n - start < 2) {
        continue;
      }
      double[][] later = indicator.compute(series.subSeries(start, n));
      for (int k = 0; k < full.length; k++) {
        if (worst[k] < 0) {
          continue;
        }
        int m = barsToConverge(full[k], later[k], start, o.convergenceTolerance());
        worst[k] = m < 0 ? -1 : Math.max(worst[k], m);
      }
    }
    for (int k = 0; k < full.length; k++) {
      out.add(new Convergence(indicator.outputs().get(k), indicator.recursive(), indicator.warmup(), worst[k],
          o.convergenceTolerance()));
    }
    return out;
  }

  /** Bars after {@code start} from which {@code later[j − start]} stays within tolerance of {@code full[j]}. */
  static int barsToConverge(double[] full, double[] later, int start, double tol) {
    int lastBad = -1;
    for (int j = start; j < full.length; j++) {
      if (!close(full[j], later[j - start], tol)) {
        lastBad = j - start;
      }
    }
    return lastBad == later.length - 1 ? -1 : lastBad + 1;
  }

  //---------------------------------------------------------------------------
  // Strategies

  /**
   * Audits a strategy: a fresh instance from {@code factory} per run, on the full panel and on each
   * truncated one, with the same config. Its registered features are compared bar by bar (one value
   * series per feature and symbol) and its decisions at every bar before the cut must be identical.
   */
  public static Result auditStrategy(String name, Supplier<Strategy> factory, Panel panel, BacktestConfig config,
      Options o) {
    return auditWalk(name, "strategy", panel.times(), bars -> {
      DecisionRecorder recorder = new DecisionRecorder(factory.get());
      BacktestEngine.run(panel.upTo(bars), recorder, config);
      Map<String, double[]> values = new LinkedHashMap<>();
      for (Map.Entry<String, double[][]> f : recorder.features().entrySet()) {
        for (int s = 0; s < f.getValue().length; s++) {
          values.put(f.getValue().length == 1 ? f.getKey() : f.getKey() + "[" + panel.symbol(s) + "]",
              f.getValue()[s]);
        }
      }
      return new Trace(values, recorder.decisions());
    }, o);
  }

  /** One decision a walk took at a bar, in words that print every field that matters. */
  public record Decision(int bar, String what) {}

  /**
   * What a walk computed on a history: named values with one entry per bar (features, portfolio
   * value, …) and its decisions in bar order.
   */
  public record Trace(Map<String, double[]> values, List<Decision> decisions) {}

  /**
   * Audits any computation that walks a history bar by bar — a strategy in the engine, or a system
   * with its own walk such as GEM: {@code runOnFirst.apply(n)} runs it on the first {@code n} of the
   * {@code times.length} bars. Every value before the cut and every decision before the cut must be
   * the same as on the full history.
   */
  public static Result auditWalk(String name, String type, long[] times, IntFunction<Trace> runOnFirst, Options o) {
    Trace full = runOnFirst.apply(times.length);
    Leaks leaks = new Leaks(name, "feature", times);
    List<Finding> decisions = new ArrayList<>();
    int[] cuts = cuts(times.length, o);
    for (int cut : cuts) {
      Trace part = runOnFirst.apply(cut);
      for (Map.Entry<String, double[]> v : full.values().entrySet()) {
        double[] p = part.values().get(v.getKey());
        if (p == null) {
          leaks.missing(v.getKey(), cut);
        } else {
          leaks.compare(v.getKey(), v.getValue(), p, cut, o.tolerance());
        }
      }
      Finding d = firstDecisionDifference(name, full.decisions(), part.decisions(), cut, times);
      if (d != null && decisions.stream().noneMatch(x -> x.firstBar() <= d.firstBar())) {
        decisions.removeIf(x -> x.firstBar() > d.firstBar());
        decisions.add(d);
      }
    }
    List<Finding> all = new ArrayList<>(leaks.findings());
    all.addAll(decisions);
    return new Result(name, type, cuts.length, all, List.of());
  }

  private static Finding firstDecisionDifference(String target, List<Decision> full, List<Decision> part, int cut,
      long[] times) {
    int i = 0;
    while (true) {
      Decision a = i < full.size() && full.get(i).bar() < cut ? full.get(i) : null;
      Decision b = i < part.size() ? part.get(i) : null;
      if (a == null && b == null) {
        return null;
      }
      if (a == null || !a.equals(b)) {
        int bar = Math.min(a == null ? Integer.MAX_VALUE : a.bar(), b == null ? Integer.MAX_VALUE : b.bar());
        return new Finding(target, "decision", "onBar", bar, times[bar], cut, Double.NaN,
            "full history: " + (a == null ? "nothing" : a.what()) + "; truncated: " + (b == null ? "nothing" : b.what()));
      }
      i++;
    }
  }

  //---------------------------------------------------------------------------

  static boolean close(double full, double part, double tol) {
    if (Double.doubleToLongBits(full) == Double.doubleToLongBits(part)) {
      return true;
    }
    if (Double.isNaN(full) || Double.isNaN(part)) {
      return false;
    }
    return tol > 0 && Math.abs(full - part) <= tol * Math.max(1, Math.abs(full));
  }

  /** Collects, per name, the earliest differing bar over all cuts. */
  private static final class Leaks {
    private final String target;
    private final String kind;
    private final long[] times;
    private final Map<String, Finding> byName = new java.util.LinkedHashMap<>();

    Leaks(String target, String kind, long[] times) {
      this.target = target;
      this.kind = kind;
      this.times = times;
    }

    void compare(String name, double[] full, double[] part, int cut, double tol) {
      int len = Math.min(cut, full.length);
      if (part.length != cut) {
        record(new Finding(target, kind, name, Math.min(part.length, cut - 1), times[Math.min(part.length, cut - 1)],
            cut, Double.NaN, "expected " + cut + " values on a " + cut + "-bar history, found " + part.length));
        return;
      }
      for (int t = 0; t < len; t++) {
        if (!close(full[t], part[t], tol)) {
          double diff = Double.isNaN(full[t]) || Double.isNaN(part[t]) ? Double.NaN : Math.abs(full[t] - part[t]);
          record(new Finding(target, kind, name, t, times[t], cut, diff, "full history: " + full[t]
              + "; truncated at " + cut + " bars: " + part[t]));
          return;
        }
      }
    }

    void missing(String name, int cut) {
      record(new Finding(target, kind, name, cut - 1, times[cut - 1], cut, Double.NaN,
          "registered on the full history but not on a " + cut + "-bar one"));
    }

    private void record(Finding f) {
      Finding prev = byName.get(f.name());
      if (prev == null || f.firstBar() < prev.firstBar()) {
        byName.put(f.name(), f);
      }
    }

    List<Finding> findings() {
      return List.copyOf(byName.values());
    }
  }
}
