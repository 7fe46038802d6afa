package io.momentic.strategies;

import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import io.momentic.indicators.Crosses;
import io.momentic.indicators.MovingAverages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The golden/death-cross scanner (reference {@code 000} §10): for every symbol, the most recent
 * strict cross of SMA(50) over SMA(200) of the close whose bar lies in the rolling window of
 * calendar days ending at the as-of time — golden (up) and death (down) reported separately —
 * each with a 0–10 strength score made of three documented terms:
 * <ul>
 *   <li><b>volume, 0–4</b>: relative volume = mean volume of the 5 bars ending at the cross bar ÷
 *       mean volume of the 50 bars before them; 4·(rv − 1), clipped to [0, 4] (double the usual
 *       volume earns the full 4);</li>
 *   <li><b>slope, 0–3</b>: SMA(50) change over the 10 bars to the cross bar, in the cross's
 *       direction (up for golden, down for death), in %; 3·slope/5 %, clipped to [0, 3];</li>
 *   <li><b>gap, 0–3</b>: (SMA50 − SMA200)/SMA200 at the last bar, in the cross's direction, in %;
 *       3·gap/5 %, clipped to [0, 3] — a cross that has widened scores, one that has been undone
 *       scores 0 here.</li>
 * </ul>
 * The reference names the three terms but not their scaling; these weights are ours. Every value
 * reads bars at or before the as-of time only.
 */
public final class CrossScanner {

  /** A cross's direction. */
  public enum Kind { GOLDEN, DEATH }

  /** Scanner settings: averages, window (calendar days), volume and slope spans (bars). */
  public record Settings(int fast, int slow, int windowDays, int volumeRecent, int volumeBase, int slopeBars) {

    public static final Settings DEFAULT = new Settings(50, 200, 30, 5, 50, 10);

    public Settings withWindowDays(int days) {
      return new Settings(fast, slow, days, volumeRecent, volumeBase, slopeBars);
    }

    public Settings {
      Checks.positive(fast, "fast");
      Checks.positive(windowDays, "windowDays");
      Checks.positive(volumeRecent, "volumeRecent");
      Checks.positive(volumeBase, "volumeBase");
      Checks.positive(slopeBars, "slopeBars");
      if (slow <= fast) {
        throw new IllegalArgumentException("Expected slow > fast, but found fast=" + fast + " slow=" + slow);
      }
    }
  }

  /**
   * One cross: when, how long ago (bars), the last close and averages, the three measurements
   * (relative volume, slope %, gap %), their points, the total strength, and whether the fast
   * average is still on the cross's side at the last bar.
   */
  public record Hit(String symbol, Kind kind, long crossTimeMillis, int barsAgo, double close, double smaFast,
      double smaSlow, double relativeVolume, double slopePct, double gapPct, double volumePoints, double slopePoints,
      double gapPoints, double strength, boolean holding) {}

  /** Golden and death hits, strongest first; how many symbols were scanned and how many were too short. */
  public record Result(long asOfMillis, List<Hit> golden, List<Hit> death, int scanned, int tooShort) {}

  private CrossScanner() {}

  public static Result scan(List<BarSeries> universe, long asOfMillis, Settings settings) {
    List<Hit> golden = new ArrayList<>();
    List<Hit> death = new ArrayList<>();
    int tooShort = 0;
    long windowStart = asOfMillis - settings.windowDays() * 86_400_000L;
    for (BarSeries full : universe) {
      int n = 0;
      while (n < full.size() && full.time(n) <= asOfMillis) {
        n++;
      }
      if (n < settings.slow() + 1) {
        tooShort++;
        continue;
      }
      BarSeries s = full.upTo(n);
      double[] close = s.closes();
      double[] volume = s.volumes();
      double[] fast = MovingAverages.sma(close, settings.fast());
      double[] slow = MovingAverages.sma(close, settings.slow());
      double[] cross = Crosses.of(fast, slow);
      int lastGolden = -1;
      int lastDeath = -1;
      for (int t = n - 1; t >= 0 && s.time(t) > windowStart; t--) {
        if (cross[t] == Crosses.UP && lastGolden < 0) {
          lastGolden = t;
        } else if (cross[t] == Crosses.DOWN && lastDeath < 0) {
          lastDeath = t;
        }
      }
      if (lastGolden >= 0) {
        golden.add(hit(s, Kind.GOLDEN, lastGolden, volume, fast, slow, settings));
      }
      if (lastDeath >= 0) {
        death.add(hit(s, Kind.DEATH, lastDeath, volume, fast, slow, settings));
      }
    }
    Comparator<Hit> strongestFirst = Comparator.comparingDouble(Hit::strength).reversed()
        .thenComparing(Hit::symbol);
    golden.sort(strongestFirst);
    death.sort(strongestFirst);
    return new Result(asOfMillis, List.copyOf(golden), List.copyOf(death), universe.size(), tooShort);
  }

  private static Hit hit(BarSeries s, Kind kind, int t, double[] volume, double[] fast, double[] slow,
      Settings settings) {
    int last = s.size() - 1;
    double direction = kind == Kind.GOLDEN ? 1 : -1;
    double relativeVolume = Double.NaN;
    int recentFrom = t - settings.volumeRecent() + 1;
    int baseFrom = recentFrom - settings.volumeBase();
    if (baseFrom >= 0) {
      double recent = mean(volume, recentFrom, t + 1);
      double base = mean(volume, baseFrom, recentFrom);
      relativeVolume = base > 0 ? recent / base : Double.NaN;
    }
    double slopePct = t - settings.slopeBars() >= 0 && fast[t - settings.slopeBars()] > 0
        ? direction * 100 * (fast[t] / fast[t - settings.slopeBars()] - 1) : Double.NaN;
    double gapPct = direction * 100 * (fast[last] - slow[last]) / slow[last];
    double volumePoints = points(4 * (relativeVolume - 1), 4);
    double slopePoints = points(3 * slopePct / 5, 3);
    double gapPoints = points(3 * gapPct / 5, 3);
    double strength = Math.round(10 * (volumePoints + slopePoints + gapPoints)) / 10.0;
    return new Hit(s.symbol(), kind, s.time(t), last - t, s.close(last), fast[last], slow[last], relativeVolume,
        slopePct, gapPct, volumePoints, slopePoints, gapPoints, strength, direction * (fast[last] - slow[last]) > 0);
  }

  /** {@code value} clipped to [0, max]; an unknown value (NaN) earns nothing. */
  private static double points(double value, double max) {
    return Double.isNaN(value) ? 0 : Math.max(0, Math.min(max, value));
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i];
    }
    return sum / (to - from);
  }
}
