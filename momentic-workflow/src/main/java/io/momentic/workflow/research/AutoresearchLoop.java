package io.momentic.workflow.research;

import io.momentic.analytics.ReturnMetrics;
import io.momentic.analytics.SharpeStatistics;
import io.momentic.core.ConfigException;
import io.momentic.research.BacktestOverfitting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The autoresearch loop of reference {@code 004} (spec §3.1–§3.2) as a driver instead of an
 * agent: sweep one parameter at a time over its candidates, every other parameter held at the
 * current defaults, in the program's priority order; a sweep's finite best that scores strictly
 * higher than the current defaults is locked in as the new default; a sweep where every
 * candidate is rejected (−∞) changes nothing and marks the zone hostile. The loop stops when its
 * budget (trials or wall time, checked before each trial) is spent or the priority list is done
 * {@code rounds} times; a sweep the budget cuts short still locks in a winner it has measured. The
 * score is the target's fixed contract: the loop only chooses
 * parameters.
 *
 * <p>Every configuration is evaluated once: a candidate equal to the current defaults is the
 * incumbent, and a configuration seen earlier (a later round) reuses its result without spending
 * a trial. A configuration the target refuses as a whole (say a univariate emission on three
 * channels) is recorded as invalid and costs no trial either.
 */
public final class AutoresearchLoop {

  /** What the loop optimises: the parameters it may set, their start values, and the fixed score. */
  public interface Target {

    /** The score's name in reports: {@code ensemble_score}, {@code regime_score}. */
    String scoreName();

    /** The parameters at the start, by name (text values, in the target's order). */
    Map<String, String> start();

    /** Evaluates one configuration; a {@link ConfigException} means the combination is invalid. */
    Evaluation evaluate(int trial, Map<String, String> params);

    /** The series the overfitting statistics use (daily returns or day scores) and how many a year. */
    default String seriesName() {
      return "daily returns";
    }

    /** Whether the series is a return series, so a deflated Sharpe ratio means something. */
    default boolean seriesIsReturns() {
      return true;
    }

    default double periodsPerYear() {
      return 365;
    }
  }

  /** One evaluation: the score (−∞ = rejected), its series for DSR/PBO, and the figures the report shows. */
  public record Evaluation(double score, double[] series, Map<String, Object> figures) {}

  /** One parameter of the priority list with its candidate values (text, as the target parses them). */
  public record Parameter(String name, List<String> values) {}

  public enum Outcome { BASELINE, KEPT, DISCARDED, REJECTED, INVALID, FAILED }

  /**
   * One evaluated (or refused) configuration; {@code number} counts trials from 0 (the baseline),
   * −1 for an invalid configuration or one answered from an earlier trial ({@code reusedFrom}).
   */
  public record Trial(int number, int round, String param, String value, Map<String, String> params,
      Evaluation evaluation, Outcome outcome, String message, double seconds, int reusedFrom) {

    public double score() {
      return evaluation == null ? Double.NaN : evaluation.score();
    }
  }

  /** One parameter's sweep: its candidates, its within-sweep winner, and whether it was locked in. */
  public record Sweep(int round, String param, String before, List<Trial> candidates, Trial winner,
      double scoreBefore, double scoreAfter, boolean locked, boolean hostile, boolean cutShort) {}

  public record Budget(int maxTrials, double maxSeconds) {

    public Budget {
      if (maxTrials < 1) {
        throw new ConfigException("max_trials", "expected at least 1 trial, found " + maxTrials);
      }
      if (!(maxSeconds > 0)) {
        throw new ConfigException("max_seconds", "expected a positive number of seconds, found " + maxSeconds);
      }
    }
  }

  /** What happens as the loop runs: each trial once it is done, each lock-in. */
  public interface Listener {
    default void trial(Trial t, double bestScore) {}

    default void locked(Sweep s, Map<String, String> defaults) {}
  }

  /**
   * The loop's whole record. {@code deflated} (null when not applicable) is the deflated Sharpe
   * ratio of the final defaults' series against all trials; {@code pbo} (null when fewer than two
   * trials or too short a series) the CSCV probability of backtest overfitting over the trials.
   */
  public record Result(List<Trial> trials, List<Sweep> sweeps, Map<String, String> startParams,
      Map<String, String> finalParams, Trial baseline, Trial best, String stopReason, double seconds,
      int trialCount, SharpeStatistics.Deflated deflated, BacktestOverfitting.Result pbo, String seriesName) {}

  static final int PBO_PARTITIONS = 8;

  private AutoresearchLoop() {}

  /**
   * Runs the loop.
   *
   * @param rounds passes over the priority list (a later pass re-sweeps with the new defaults)
   * @param zoom whether a numeric winner adds the midpoints to its neighbours to the next pass
   * @param nanoTime the clock the time budget reads (System::nanoTime; a fake one in tests)
   */
  public static Result run(Target target, List<Parameter> priority, int rounds, boolean zoom, Budget budget,
      LongSupplier nanoTime, Listener listener) {
    if (rounds < 1) {
      throw new ConfigException("rounds", "expected at least 1 pass over the parameters, found " + rounds);
    }
    long started = nanoTime.getAsLong();
    Map<String, String> defaults = new LinkedHashMap<>(target.start());
    for (Parameter p : priority) {
      if (!defaults.containsKey(p.name())) {
        throw new ConfigException("parameter", "expected one of " + defaults.keySet() + ", found '" + p.name() + "'");
      }
    }
    List<Trial> trials = new ArrayList<>();
    List<Sweep> sweeps = new ArrayList<>();
    Map<Map<String, String>, Trial> seen = new HashMap<>();
    int[] count = {0};

    Trial baseline = evaluate(target, 0, 0, null, null, defaults, Outcome.BASELINE, Double.NEGATIVE_INFINITY,
        nanoTime, count);
    trials.add(baseline);
    seen.put(baseline.params(), baseline);
    listener.trial(baseline, baseline.score());
    double incumbent = baseline.score();
    Trial best = baseline;
    String stop = null;
    List<List<String>> grids = new ArrayList<>();
    priority.forEach(p -> grids.add(new ArrayList<>(p.values())));

    rounds:
    for (int round = 1; round <= rounds; round++) {
      for (int pi = 0; pi < priority.size(); pi++) {
        String param = priority.get(pi).name();
        String before = defaults.get(param);
        double scoreBefore = incumbent;
        List<Trial> candidates = new ArrayList<>();
        Trial winner = null;
        boolean cutShort = false;
        for (String value : grids.get(pi)) {
          if (same(value, before)) {
            continue; // the incumbent itself
          }
          Map<String, String> params = new LinkedHashMap<>(defaults);
          params.put(param, value);
          Trial earlier = seen.get(params);
          double bar = winner == null ? incumbent : Math.max(incumbent, winner.score()); // the best so far
          Trial t;
          if (earlier != null) {
            Outcome again = earlier.evaluation() == null ? earlier.outcome() : outcome(earlier.score(), bar);
            t = new Trial(-1, round, param, value, params, earlier.evaluation(), again, earlier.message(), 0,
                earlier.number());
          } else {
            String spent = spent(budget, count[0], nanoTime.getAsLong() - started);
            if (spent != null) {
              stop = spent;
              cutShort = true;
              break;
            }
            t = evaluate(target, count[0], round, param, value, params, null, bar, nanoTime, count);
            trials.add(t);
            seen.put(t.params(), t);
            double measured = t.evaluation() == null || Double.isNaN(t.score()) ? Double.NEGATIVE_INFINITY : t.score();
            listener.trial(t, Math.max(bar, measured));
          }
          candidates.add(t);
          if (t.evaluation() != null && Double.isFinite(t.score()) && (winner == null || t.score() > winner.score())) {
            winner = t;
          }
        }
        boolean locked = winner != null && winner.score() > incumbent;
        if (locked) {
          defaults.put(param, winner.value());
          incumbent = winner.score();
          best = winner;
          if (zoom && round < rounds) {
            grids.set(pi, zoomed(grids.get(pi), winner.value()));
          }
        }
        Sweep s = sweep(round, param, before, candidates, winner, scoreBefore, incumbent, locked, cutShort);
        sweeps.add(s);
        if (locked) {
          listener.locked(s, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults)));
        }
        if (cutShort) {
          break rounds; // a winner measured before the budget ran out is still locked in
        }
      }
    }
    if (stop == null) {
      stop = "the priority list was swept " + (rounds == 1 ? "once" : rounds + " times");
    }
    double seconds = (nanoTime.getAsLong() - started) / 1e9;
    SharpeStatistics.Deflated deflated = null;
    BacktestOverfitting.Result pbo = null;
    List<Trial> withSeries = trials.stream().filter(t -> t.evaluation() != null && t.evaluation().series() != null
        && t.evaluation().series().length > 0).toList();
    if (best.evaluation() != null && best.evaluation().series() != null && target.seriesIsReturns()) {
      double[] r = best.evaluation().series();
      double sd = ReturnMetrics.std(r);
      if (r.length > 2 && sd > 0) { // an all-cash best has no Sharpe ratio to deflate
        double[] sharpes = withSeries.stream().mapToDouble(t -> {
          double s = ReturnMetrics.sharpe(t.evaluation().series(), target.periodsPerYear());
          return Double.isNaN(s) ? 0 : s;
        }).toArray();
        double variance = sharpes.length > 1 ? Math.pow(ReturnMetrics.std(sharpes), 2) : 0;
        deflated = SharpeStatistics.deflated(r, target.periodsPerYear(), Math.max(1, count[0]), variance);
      }
    }
    if (withSeries.size() > 1) {
      int rows = withSeries.get(0).evaluation().series().length;
      boolean aligned = withSeries.stream().allMatch(t -> t.evaluation().series().length == rows);
      if (aligned && rows >= 2 * PBO_PARTITIONS) {
        double[][] matrix = new double[rows][withSeries.size()];
        for (int n = 0; n < withSeries.size(); n++) {
          double[] s = withSeries.get(n).evaluation().series();
          for (int t = 0; t < rows; t++) {
            matrix[t][n] = s[t];
          }
        }
        pbo = BacktestOverfitting.cscv(matrix, PBO_PARTITIONS);
      }
    }
    return new Result(List.copyOf(trials), List.copyOf(sweeps), ordered(target.start()), ordered(defaults),
        baseline, best, stop, seconds, count[0], deflated, pbo, target.seriesName());
  }

  private static Map<String, String> ordered(Map<String, String> m) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  private static Sweep sweep(int round, String param, String before, List<Trial> candidates, Trial winner,
      double scoreBefore, double scoreAfter, boolean locked, boolean cutShort) {
    boolean hostile = !candidates.isEmpty() && candidates.stream().allMatch(t -> t.outcome() == Outcome.REJECTED
        || t.outcome() == Outcome.INVALID || t.outcome() == Outcome.FAILED) && !cutShort;
    return new Sweep(round, param, before, List.copyOf(candidates), winner, scoreBefore, scoreAfter, locked, hostile,
        cutShort);
  }

  /** Null while the budget lasts, else why it is spent. */
  static String spent(Budget budget, int trials, long elapsedNanos) {
    if (trials >= budget.maxTrials()) {
      return "the trial budget (" + budget.maxTrials() + ") was spent";
    }
    if (elapsedNanos / 1e9 >= budget.maxSeconds()) {
      return "the time budget (" + budget.maxSeconds() + " s) was spent";
    }
    return null;
  }

  private static Trial evaluate(Target target, int number, int round, String param, String value,
      Map<String, String> params, Outcome fixed, double bar, LongSupplier nanoTime, int[] count) {
    Map<String, String> frozen = ordered(params);
    long t0 = nanoTime.getAsLong();
    try {
      Evaluation e = target.evaluate(number, frozen);
      count[0]++;
      double seconds = (nanoTime.getAsLong() - t0) / 1e9;
      return new Trial(number, round, param, value, frozen, e, fixed != null ? fixed : outcome(e.score(), bar), null,
          seconds, -1);
    } catch (ConfigException invalid) {
      if (fixed == Outcome.BASELINE) {
        throw invalid; // the start itself is impossible: nothing to search from
      }
      return new Trial(-1, round, param, value, frozen, null, Outcome.INVALID, invalid.getMessage(), 0, -1);
    } catch (RuntimeException crash) {
      if (fixed == Outcome.BASELINE) {
        throw crash;
      }
      count[0]++;
      return new Trial(number, round, param, value, frozen, null, Outcome.FAILED,
          crash.getClass().getSimpleName() + ": " + crash.getMessage(), (nanoTime.getAsLong() - t0) / 1e9, -1);
    }
  }

  private static Outcome outcome(double score, double bar) {
    if (!Double.isFinite(score)) {
      return Outcome.REJECTED;
    }
    return score > bar ? Outcome.KEPT : Outcome.DISCARDED;
  }

  /** Two texts name the same value: equal, or equal as numbers (5 and 5.0). */
  static boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The grid with the midpoints between {@code winner} and its numeric neighbours added (whole
   * numbers stay whole; a midpoint already present is not repeated). A non-numeric grid is kept.
   */
  static List<String> zoomed(List<String> grid, String winner) {
    TreeSet<Double> values = new TreeSet<>();
    boolean whole = true;
    try {
      for (String v : grid) {
        double d = Double.parseDouble(v);
        values.add(d);
        whole &= !v.contains(".") && !v.contains("e") && !v.contains("E");
      }
    } catch (NumberFormatException e) {
      return grid;
    }
    double w = Double.parseDouble(winner);
    List<String> out = new ArrayList<>(grid);
    for (Double neighbour : new Double[] {values.lower(w), values.higher(w)}) {
      if (neighbour == null) {
        continue;
      }
      double mid = (w + neighbour) / 2;
      String text = whole ? Long.toString(Math.round(mid)) : Double.toString(mid);
      if (out.stream().noneMatch(v -> same(v, text))) {
        out.add(text);
      }
    }
    return out;
  }
}
