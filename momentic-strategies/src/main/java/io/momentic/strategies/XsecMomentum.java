package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.TradingCalendar;
import io.momentic.engine.BarContext;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.indicators.MovingAverages;

/**
 * Cross-sectional momentum (reference {@code 000}): at the close of every (weekly) bar, rank the
 * symbols by their total return over {@code lookback} bars ending {@code skip} bars ago, and hold
 * the top {@code topN} at equal weight {@code 1/topN}, rebalanced at the next open.
 *
 * <ul>
 *   <li><b>Score</b> at t: {@code close[t−skip] / close[t−skip−lookback] − 1}. A symbol is ranked
 *       only when it has a bar at t and both closes exist (the full lookback since listing).</li>
 *   <li><b>Liquidity floor</b>: {@link #addv ADDV} ≥ {@code minAddv}; a name below it is never
 *       ranked or held.</li>
 *   <li><b>Breadth gate</b> (off when {@code gate = 0}): the share of symbols trading at t whose
 *       close is above their {@code gateMa}-bar SMA; below {@code gate} the portfolio goes to cash.</li>
 *   <li><b>Delisting</b>: a held symbol with no bar at t has stopped trading; it is sold at its last
 *       close at once ({@link BarContext#closeDelisted}), never carried.</li>
 * </ul>
 * Ties in score go to the symbol listed first in the panel, so runs are deterministic.
 */
public final class XsecMomentum implements Strategy {

  /** Bars (weeks) over which ADDV is averaged, reference {@code 000} §6. */
  public static final int ADDV_BARS = 13;

  /** Every setting; lengths are in bars of the run's panel (weeks for the weekly screen). */
  public record Params(int lookback, int skip, int topN, double gate, int gateMa, double minAddv) {

    /** Classic "12-1" momentum, ungated, with the reference's $5M/day floor. */
    public static final Params DEFAULTS = new Params(52, 4, 10, 0.0, 40, 5_000_000);

    public Params {
      if (lookback < 1) {
        throw new ConfigException("lookback", "expected a lookback >= 1 bar, found " + lookback);
      }
      if (skip < 0) {
        throw new ConfigException("skip", "expected skip >= 0 bars, found " + skip);
      }
      if (topN < 1) {
        throw new ConfigException("top-n", "expected top-n >= 1, found " + topN);
      }
      if (!(gate >= 0 && gate <= 1)) {
        throw new ConfigException("gate", "expected a breadth threshold in [0, 1] (0 = off), found " + gate);
      }
      if (gateMa < 1) {
        throw new ConfigException("gate-ma", "expected a moving-average length >= 1 bar, found " + gateMa);
      }
      if (!(minAddv >= 0) || Double.isInfinite(minAddv)) {
        throw new ConfigException("min-addv", "expected a finite dollar amount >= 0, found " + minAddv);
      }
    }
  }

  private final Params params;
  private double[] breadth;
  private int[] chosen;
  private double[] chosenScore;
  private int[] heldBuffer;
  /** In a sweep: each bar's best eligible symbols, best first, shared by every top-n (null alone). */
  private int[][] ranking;
  /** The arrays of its momentum_score and addv features (what the ranking reads). */
  private double[][] scoreValues;
  private double[][] liquidValues;

  public XsecMomentum(Params params) {
    this.params = params;
  }

  public Params params() {
    return params;
  }

  //-------------------------------------------------------------------------
  // The measures, shared with the shortlist screen so both rank names the same way.

  /** Total return over {@code lookback} bars ending {@code skip} bars before each bar; NaN where a close is missing. */
  public static double[] score(double[] close, int lookback, int skip) {
    double[] out = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      int end = t - skip;
      int start = end - lookback;
      out[t] = start < 0 ? Double.NaN : close[end] / close[start] - 1;
    }
    return out;
  }

  /**
   * Average daily dollar volume at each bar: the mean of {@code close × volume} over the last
   * {@link #ADDV_BARS} bars that have data, divided by the trading days in a bar
   * ({@code daysPerBar}: 5 for a week of an exchange-traded name, 7 for crypto, 1 for daily bars) —
   * the reference's {@code mean(close×volume) over 13 weeks / 5}. NaN until the first bar.
   */
  public static double[] addv(double[] close, double[] volume, double daysPerBar) {
    double[] out = new double[close.length];
    double sum = 0;
    int count = 0;
    for (int t = 0; t < close.length; t++) {
      double dv = close[t] * volume[t];
      if (dv == dv) {
        sum += dv;
        count++;
      }
      int leaving = t - ADDV_BARS;
      if (leaving >= 0) {
        double old = close[leaving] * volume[leaving];
        if (old == old) {
          sum -= old;
          count--;
        }
      }
      out[t] = count == 0 ? Double.NaN : sum / count / daysPerBar;
    }
    return out;
  }

  /** Trading days in one bar of {@code panel}: 5 or 7 a week, 1 a day (used to turn bar dollar volume into daily). */
  public static double daysPerBar(Panel panel) {
    boolean continuous = panel.instruments().get(0).calendar() == TradingCalendar.CONTINUOUS;
    return switch (panel.interval()) {
      case W1 -> continuous ? 7 : 5;
      case MN1 -> continuous ? 365.0 / 12 : 252.0 / 12;
      default -> Math.max(1.0, panel.interval().millis() / 86_400_000.0);
    };
  }

  /**
   * Breadth at each bar: among the symbols with a bar and a defined {@code ma}-bar SMA, the share
   * whose close is above it (NaN when no symbol qualifies).
   */
  public static double[] breadth(Panel panel, int ma) {
    int n = panel.size();
    int[] above = new int[n];
    int[] counted = new int[n];
    for (int s = 0; s < panel.symbolCount(); s++) {
      double[] close = panel.closes(s);
      double[] sma = MovingAverages.sma(close, ma);
      for (int t = 0; t < n; t++) {
        if (close[t] == close[t] && sma[t] == sma[t]) {
          counted[t]++;
          if (close[t] > sma[t]) {
            above[t]++;
          }
        }
      }
    }
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[t] = counted[t] == 0 ? Double.NaN : (double) above[t] / counted[t];
    }
    return out;
  }

  /** Whether the gate lets the strategy invest: off, or breadth at or above the threshold. */
  public static boolean riskOn(double breadth, double gate) {
    return gate <= 0 || breadth >= gate;
  }

  //-------------------------------------------------------------------------

  @Override
  public void prepare(PrepareContext context) {
    Panel data = context.data();
    int symbols = data.symbolCount();
    // In a sweep, configurations with the same lookback and skip share one score matrix, and all of
    // them one ADDV matrix and one breadth series per average length (computed by the first to ask).
    double[][] scores = context.shared(java.util.List.of("xsec-momentum.score", params.lookback(), params.skip()),
        () -> {
          double[][] out = new double[symbols][];
          for (int s = 0; s < symbols; s++) {
            out[s] = score(data.closes(s), params.lookback(), params.skip());
          }
          return out;
        });
    double[][] liquid = context.shared("xsec-momentum.addv", () -> {
      double[][] out = new double[symbols][];
      double days = daysPerBar(data);
      for (int s = 0; s < symbols; s++) {
        out[s] = addv(data.closes(s), data.volumes(s), days);
      }
      return out;
    });
    // Registered for charts and the look-ahead audit; the ranking reads the same arrays at bar t.
    context.feature("momentum_score", scores);
    context.feature("addv", liquid);
    breadth = params.gate() > 0 ? context.shared(java.util.List.of("xsec-momentum.breadth", params.gateMa()),
        () -> breadth(data, params.gateMa())) : null;
    chosen = new int[params.topN()];
    chosenScore = new double[params.topN()];
    heldBuffer = new int[symbols];
    scoreValues = scores;
    liquidValues = liquid;
    if (context.sharing()) {
      // The ranking depends on the scores and the floor, not on how many are held: configurations
      // that differ only in top-n or the gate read one ranking, as long as its depth covers them.
      // Which names are eligible at each bar (a bar, ADDV at the floor) is one list for all of them.
      int depth = Math.max(RANKING_DEPTH, params.topN());
      int[][] eligible = context.shared(java.util.List.of("xsec-momentum.eligible", params.minAddv()),
          () -> eligible(data, liquid, params.minAddv()));
      ranking = context.shared(java.util.List.of("xsec-momentum.ranking", params.lookback(), params.skip(),
          params.minAddv(), depth), () -> ranking(scores, eligible, depth));
    }
  }

  /** How many names a shared ranking keeps per bar (more when a configuration holds more). */
  static final int RANKING_DEPTH = 32;

  /** Per bar, the symbols (ascending) with a bar and ADDV at or above the floor. */
  private static int[][] eligible(Panel data, double[][] liquid, double minAddv) {
    int[][] out = new int[data.size()][];
    int[] names = new int[liquid.length];
    for (int t = 0; t < out.length; t++) {
      int count = 0;
      for (int s = 0; s < liquid.length; s++) {
        if (data.hasBar(s, t) && liquid[s][t] >= minAddv) {
          names[count++] = s;
        }
      }
      out[t] = java.util.Arrays.copyOf(names, count);
    }
    return out;
  }

  /** Each bar's {@link #rank} to {@code depth} names over its eligible symbols: the symbols, best first. */
  private static int[][] ranking(double[][] scores, int[][] eligible, int depth) {
    int[][] out = new int[eligible.length][];
    int[] names = new int[depth];
    double[] values = new double[depth];
    for (int t = 0; t < out.length; t++) {
      int count = 0;
      for (int s : eligible[t]) {
        double v = scores[s][t];
        if (v == v) {
          count = offer(s, v, count, depth, names, values);
        }
      }
      out[t] = java.util.Arrays.copyOf(names, count);
    }
    return out;
  }

  @Override
  public void onBar(BarContext c) {
    // The held names, ascending (a few of a universe of hundreds): the same visits, in the same order,
    // as a pass over every symbol asking for its position.
    int held = c.heldSymbols(heldBuffer);
    for (int i = 0; i < held; i++) {
      if (!c.hasBar(heldBuffer[i])) {
        c.closeDelisted(heldBuffer[i]);
      }
    }
    int picked = 0;
    if (breadth == null || riskOn(breadth[c.bar()], params.gate())) {
      if (ranking != null) {
        int[] best = ranking[c.bar()];
        picked = Math.min(params.topN(), best.length);
        System.arraycopy(best, 0, chosen, 0, picked);
      } else {
        picked = rank(c);
      }
    }
    double weight = 1.0 / params.topN();
    for (int i = 0; i < held; i++) {
      int s = heldBuffer[i];
      if (c.position(s) != 0 && c.hasBar(s) && !contains(chosen, picked, s)) {
        c.targetWeight(s, 0);
      }
    }
    for (int i = 0; i < picked; i++) {
      c.targetWeight(chosen[i], weight);
    }
  }

  /**
   * Fills {@link #chosen} with the top-n best-scoring eligible symbols at this bar, best first;
   * returns how many. Eligible: a bar (as the context shows it), a score, ADDV at or above the
   * floor. Ties in score go to the lower symbol, so the first k of a deeper ranking are the ranking
   * to k.
   */
  private int rank(BarContext c) {
    int t = c.bar();
    int count = 0;
    for (int s = 0; s < scoreValues.length; s++) {
      if (!c.hasBar(s)) {
        continue;
      }
      double v = scoreValues[s][t];
      if (v == v && liquidValues[s][t] >= params.minAddv()) {
        count = offer(s, v, count, params.topN(), chosen, chosenScore);
      }
    }
    return count;
  }

  /**
   * Offers symbol s with score v to the best {@code count} of at most {@code top} (best first);
   * returns the new count. Not better than the last place when full: left out (ties keep the
   * earlier symbol, the names being offered in ascending order).
   */
  private static int offer(int s, double v, int count, int top, int[] chosen, double[] chosenScore) {
    if (count == top && v <= chosenScore[count - 1]) {
      return count;
    }
    int i = count == top ? count - 1 : count++;
    while (i > 0 && chosenScore[i - 1] < v) {
      chosen[i] = chosen[i - 1];
      chosenScore[i] = chosenScore[i - 1];
      i--;
    }
    chosen[i] = s;
    chosenScore[i] = v;
    return count;
  }

  private static boolean contains(int[] values, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }
}
