package io.momentic.strategies.breakout;

import io.momentic.core.BarSeries;
import io.momentic.engine.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Step 1 of reference 001: the signal's historical analogs, the 72 methods on them, and the two
 * candidates.
 *
 * <p><b>Analogs</b> are the earlier candles of the same direction whose body share and volume
 * multiple are at least a ratio of the signal's: the <b>ratchet</b> tries the ratios 0.70, 0.55,
 * 0.45, 0.35, 0.25, 0.20, each floored at body 0.20 and volume 1.10 (so no analog is dust), and
 * stops at the first level with {@value #TARGET_ANALOGS} analogs — a counting pass per level, the
 * 72-method simulation once. When no level reaches the target, the loosest is used with what it
 * found. The badge says how tight the match is: STRICT (0.70), RELAXED, LOOSE (0.20).
 *
 * <p><b>Candidates</b>: A is the method with the best EV in the newest decay bucket, B the method
 * with the best EVw (never raw EV: a method that shone in 2021 and has gone dormant must not win).
 * Only methods whose zone is valid for the signal and with at least {@value #MIN_CANDIDATE_TRADES}
 * trades take part; the invalid zones are listed.
 */
public final class Step1Backtest {

  public static final double[] RATCHET_RATIOS = {0.70, 0.55, 0.45, 0.35, 0.25, 0.20};
  public static final double BODY_FLOOR = 0.20;
  public static final double VOLUME_FLOOR = 1.10;
  public static final int TARGET_ANALOGS = 50;
  public static final int MIN_CANDIDATE_TRADES = 5;

  /** How tight the analog match is. */
  public enum Badge { STRICT, RELAXED, LOOSE }

  /** One ratchet level: its ratio, thresholds and how many analogs passed. */
  public record Level(double ratio, double minBody, double minVolume, int analogs) {}

  /** The ratchet's outcome: the levels tried, the one used, its badge. */
  public record Ratchet(List<Level> levels, Level used, Badge badge, boolean targetReached) {}

  /** A candidate: the method, its stats and its canonical prices for the signal. */
  public record Candidate(String rule, MethodStats stats, MethodPlans.Prices prices) {}

  /** Step 1's record. */
  public record Result(Signal signal, Ratchet ratchet, int[] analogBars, List<MethodStats> methods,
      List<String> invalidZones, Candidate candidateNewest, Candidate candidateWeighted) {}

  private Step1Backtest() {}

  /** Step 1 for {@code signal}, whose features (in its direction) are {@code f}. */
  public static Result run(Signal signal, BreakoutFeatures.Set f, ExecutionConfig config) {
    BarSeries s = f.series();
    Ratchet ratchet = ratchet(signal, f);
    int[] analogs = analogs(f, signal.bar(), ratchet.used());
    SimTrades sim = new SimTrades(f, signal.bar(), config);
    double atr = f.get(BreakoutFeatures.Feature.ATR, signal.bar());
    List<MethodStats> methods = new ArrayList<>(TradeMethod.ALL.size());
    List<String> invalid = new ArrayList<>();
    List<MethodStats> eligible = new ArrayList<>();
    for (TradeMethod m : TradeMethod.ALL) {
      MethodStats stats = MethodStats.of(m, sim.run(m, analogs, signal.regimeScore()));
      methods.add(stats);
      Optional<MethodPlans.Prices> own = MethodPlans.prices(m, signal.direction(), s.open(signal.bar()),
          s.close(signal.bar()), atr);
      if (own.isEmpty()) {
        String zone = m.zone().label() + " · " + m.stop().label();
        if (!invalid.contains(zone)) {
          invalid.add(zone);
        }
      } else if (stats.n() >= MIN_CANDIDATE_TRADES) {
        eligible.add(stats);
      }
    }
    Candidate a = best(eligible, MethodStats::newestEv, "best EV in the newest bucket", signal, s, atr);
    Candidate b = best(eligible, MethodStats::evWeighted, "best EVw", signal, s, atr);
    return new Result(signal, ratchet, analogs, List.copyOf(methods), List.copyOf(invalid), a, b);
  }

  /** The highest by {@code key} (NaN never wins; ties: more trades, then the earlier method in {@link TradeMethod#ALL}). */
  private static Candidate best(List<MethodStats> eligible, ToDoubleFunction<MethodStats> key, String rule,
      Signal signal, BarSeries s, double atr) {
    MethodStats best = bestBy(eligible, key);
    if (best == null) {
      return null;
    }
    MethodPlans.Prices p = MethodPlans.prices(best.method(), signal.direction(), s.open(signal.bar()),
        s.close(signal.bar()), atr).orElseThrow();
    return new Candidate(rule, best, p);
  }

  /** The method with the highest {@code key} (NaN never wins; ties: more trades, then the earlier one), or null. */
  static MethodStats bestBy(List<MethodStats> eligible, ToDoubleFunction<MethodStats> key) {
    MethodStats best = null;
    for (MethodStats m : eligible) {
      double v = key.applyAsDouble(m);
      if (Double.isNaN(v)) {
        continue;
      }
      double top = best == null ? Double.NaN : key.applyAsDouble(best);
      if (best == null || v > top || (v == top && m.n() > best.n())) {
        best = m;
      }
    }
    return best;
  }

  /** The ratchet's levels for the signal, each counted, up to the first that reaches the target. */
  public static Ratchet ratchet(Signal signal, BreakoutFeatures.Set f) {
    return ratchet(signal, f, TARGET_ANALOGS);
  }

  /** The ratchet with another target (the ML step's is 80), the same ratios and floors. */
  public static Ratchet ratchet(Signal signal, BreakoutFeatures.Set f, int target) {
    List<Level> levels = new ArrayList<>();
    for (double ratio : RATCHET_RATIOS) {
      double minBody = Math.max(BODY_FLOOR, ratio * signal.bodyPct());
      double minVolume = Math.max(VOLUME_FLOOR, ratio * signal.volMult());
      Level level = new Level(ratio, minBody, minVolume, count(f, signal.bar(), minBody, minVolume));
      levels.add(level);
      if (level.analogs() >= target) {
        return new Ratchet(List.copyOf(levels), level, badge(ratio), true);
      }
    }
    Level loosest = levels.get(levels.size() - 1);
    return new Ratchet(List.copyOf(levels), loosest, badge(loosest.ratio()), false);
  }

  static Badge badge(double ratio) {
    return ratio >= RATCHET_RATIOS[0] ? Badge.STRICT : ratio <= RATCHET_RATIOS[RATCHET_RATIOS.length - 1]
        ? Badge.LOOSE : Badge.RELAXED;
  }

  private static boolean isAnalog(BreakoutFeatures.Set f, int bar, double minBody, double minVolume) {
    BarSeries s = f.series();
    return f.get(BreakoutFeatures.Feature.BODY_PCT, bar) >= minBody
        && f.get(BreakoutFeatures.Feature.VOL_MULT, bar) >= minVolume
        && Direction.ofCandle(s.open(bar), s.close(bar)) == f.direction();
  }

  /** The cheap pass: how many candles before the signal pass the level. */
  static int count(BreakoutFeatures.Set f, int signalBar, double minBody, double minVolume) {
    int n = 0;
    for (int bar = BreakoutFeatures.warmup(); bar < signalBar; bar++) {
      if (isAnalog(f, bar, minBody, minVolume)) {
        n++;
      }
    }
    return n;
  }

  /** The analog bars of a level, oldest first. */
  public static int[] analogs(BreakoutFeatures.Set f, int signalBar, Level level) {
    int[] out = new int[Math.max(0, level.analogs())];
    int k = 0;
    for (int bar = BreakoutFeatures.warmup(); bar < signalBar && k < out.length; bar++) {
      if (isAnalog(f, bar, level.minBody(), level.minVolume())) {
        out[k++] = bar;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }
}
