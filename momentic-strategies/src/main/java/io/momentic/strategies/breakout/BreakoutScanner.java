package io.momentic.strategies.breakout;

import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reference 001's scanner: a symbol's last closed candles scored against loose defaults — body at
 * least 60 % of the range, volume at least 1.8 × the 7-bar average — so borderline candles reach the
 * three gates rather than being missed. ADX is soft: it raises the score, it does not filter.
 */
public final class BreakoutScanner {

  /** The thresholds and how many of the last closed candles to look at. */
  public record Settings(double minBodyPct, double minVolMult, int candles) {

    public static final Settings DEFAULTS = new Settings(0.60, 1.8, 3);

    public Settings {
      Checks.inRangeInclusive(minBodyPct, 0, 1, "minBodyPct");
      Checks.positive(minVolMult, "minVolMult");
      Checks.positive(candles, "candles");
    }
  }

  private BreakoutScanner() {}

  /** The signals among the last {@code candles} bars of {@code bars} (all closed: the caller drops a forming one). */
  public static List<Signal> scan(String symbol, BarSeries bars, Settings settings, RegimeInputs inputs) {
    List<Signal> out = new ArrayList<>();
    BreakoutFeatures.Set longs = null;
    BreakoutFeatures.Set shorts = null;
    for (int bar = Math.max(0, bars.size() - settings.candles()); bar < bars.size(); bar++) {
      Direction d = Direction.ofCandle(bars.open(bar), bars.close(bar));
      if (d == null) {
        continue;
      }
      BreakoutFeatures.Set f;
      if (d == Direction.LONG) {
        f = longs != null ? longs : (longs = BreakoutFeatures.compute(bars, d, inputs));
      } else {
        f = shorts != null ? shorts : (shorts = BreakoutFeatures.compute(bars, d, inputs));
      }
      score(symbol, f, bar, settings).ifPresent(out::add);
    }
    return out;
  }

  /** The candle at {@code bar} as a signal in the features' direction, if it passes the thresholds. */
  public static Optional<Signal> score(String symbol, BreakoutFeatures.Set f, int bar, Settings settings) {
    double body = f.get(BreakoutFeatures.Feature.BODY_PCT, bar);
    double vol = f.get(BreakoutFeatures.Feature.VOL_MULT, bar);
    if (!(body >= settings.minBodyPct()) || !(vol >= settings.minVolMult())
        || Direction.ofCandle(f.series().open(bar), f.series().close(bar)) != f.direction()) {
      return Optional.empty();
    }
    return Optional.of(signal(symbol, f, bar));
  }

  /** The candle at {@code bar} as a signal, whatever its thresholds (manual mode). */
  public static Signal signal(String symbol, BreakoutFeatures.Set f, int bar) {
    BarSeries s = f.series();
    double body = f.get(BreakoutFeatures.Feature.BODY_PCT, bar);
    double vol = f.get(BreakoutFeatures.Feature.VOL_MULT, bar);
    double adx = f.get(BreakoutFeatures.Feature.ADX, bar);
    double sign = f.direction().sign();
    double entry = s.close(bar);
    double stop = entry * (1 - sign * MethodPlans.FIXED_SL);
    double target = entry + sign * 2 * Math.abs(entry - stop);
    double score = 40 * Math.min(1, body) + 30 * (Double.isNaN(vol) ? 0 : Math.min(1, vol / 5))
        + 30 * (Double.isNaN(adx) ? 0 : Math.min(1, adx / 40));
    Map<String, Double> features = new LinkedHashMap<>();
    for (BreakoutFeatures.Feature feature : BreakoutFeatures.Feature.values()) {
      features.put(feature.column(), f.get(feature, bar));
    }
    return new Signal(symbol, s.interval(), bar, s.time(bar), f.direction(), entry, stop, target, score, body, vol, adx,
        f.get(BreakoutFeatures.Feature.REGIME_SCORE, bar), f.regime().used(), f.regime().missing(),
        java.util.Collections.unmodifiableMap(features));
  }
}
