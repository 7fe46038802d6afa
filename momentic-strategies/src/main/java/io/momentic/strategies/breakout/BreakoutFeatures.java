package io.momentic.strategies.breakout;

import io.momentic.core.BarSeries;
import io.momentic.indicators.DirectionalMovement;
import io.momentic.indicators.MovingAverages;
import io.momentic.indicators.RelativeStrength;
import io.momentic.indicators.RollingStats;
import io.momentic.indicators.TrueRange;
import java.util.Arrays;
import java.util.List;

/**
 * The 22 per-bar features of reference 001 as column kernels: each an array as long as the series,
 * NaN while warming up, and causal — the value at t uses bars ≤ t only (the look-ahead audit
 * proves it, {@link #asIndicator}). Where the reference is strict about the past, so is this: the
 * EMAs are of the closes before the bar ({@code shift(1).ewm()}), the volume average is of the 7
 * bars before it. Direction-aware features (DI gap, EMA alignment, distance from EMA21, regime)
 * are signed so that "for the trade" is positive whatever the direction.
 */
public final class BreakoutFeatures {

  /** A feature, its column name, and whether the ML step (Step 2) uses it. */
  public enum Feature {
    BODY_PCT("body_pct", true),
    VOL_MULT("vol_mult", true),
    ADX("adx", true),
    PLUS_DI("plus_di", false),
    MINUS_DI("minus_di", false),
    DI_GAP("di_gap", true),
    ATR("atr", false),
    ATR_RATIO("atr_ratio", true),
    EMA9("ema9", false),
    EMA21("ema21", false),
    EMA50("ema50", false),
    EMA_ALIGNMENT("ema_alignment", true),
    DIST_FROM_EMA21_PCT("dist_from_ema21_pct", true),
    CANDLE_RANK_20("candle_rank_20", true),
    VOL_RANK_20("vol_rank_20", true),
    BODY_VS_ATR("body_vs_atr", true),
    REGIME_SCORE("regime_score", true),
    RANGE_PCT("range_pct", false),
    UPPER_WICK_PCT("upper_wick_pct", false),
    LOWER_WICK_PCT("lower_wick_pct", false),
    CLOSE_POSITION("close_position", false),
    RSI14("rsi14", false);

    private final String column;
    private final boolean ml;

    Feature(String column, boolean ml) {
      this.column = column;
      this.ml = ml;
    }

    public String column() {
      return column;
    }

    /** One of the 11 features the ML meta-label trains on. */
    public boolean ml() {
      return ml;
    }
  }

  /** The 11 ML features, in column order. */
  public static final List<Feature> ML_FEATURES = Arrays.stream(Feature.values()).filter(Feature::ml).toList();

  public static final int VOLUME_WINDOW = 7;
  public static final int RANK_WINDOW = 20;
  public static final int ADX_PERIOD = 14;
  public static final int ATR_PERIOD = 14;
  /** ATR ratio = ATR(14) over its own mean of the last 50 bars: above 1, volatility is expanding. */
  public static final int ATR_RATIO_WINDOW = 50;
  public static final int RSI_PERIOD = 14;

  /** Every feature of a series for one direction: {@code values[feature.ordinal()][bar]}. */
  public record Set(BarSeries series, Direction direction, double[][] values, RegimeScore.Result regime) {

    public double[] column(Feature f) {
      return values[f.ordinal()];
    }

    public double get(Feature f, int bar) {
      return values[f.ordinal()][bar];
    }
  }

  private BreakoutFeatures() {}

  /** The features of {@code bars} for a trade in {@code direction}, with the regime score from {@code inputs}. */
  public static Set compute(BarSeries bars, Direction direction, RegimeInputs inputs) {
    int n = bars.size();
    double[] o = bars.opens();
    double[] h = bars.highs();
    double[] l = bars.lows();
    double[] c = bars.closes();
    double[] v = bars.volumes();
    double sign = direction.sign();
    double[][] f = new double[Feature.values().length][];

    double[] body = new double[n];
    double[] bodyPct = new double[n];
    double[] rangePct = new double[n];
    double[] upper = new double[n];
    double[] lower = new double[n];
    double[] closePos = new double[n];
    for (int t = 0; t < n; t++) {
      double range = h[t] - l[t];
      body[t] = Math.abs(c[t] - o[t]);
      // A bar without range (a flat print) has no shape: 0 body, centred close.
      bodyPct[t] = range > 0 ? body[t] / range : 0;
      rangePct[t] = range / c[t] * 100;
      upper[t] = range > 0 ? (h[t] - Math.max(o[t], c[t])) / range : 0;
      lower[t] = range > 0 ? (Math.min(o[t], c[t]) - l[t]) / range : 0;
      closePos[t] = range > 0 ? (c[t] - l[t]) / range : 0.5;
    }
    f[Feature.BODY_PCT.ordinal()] = bodyPct;
    f[Feature.RANGE_PCT.ordinal()] = rangePct;
    f[Feature.UPPER_WICK_PCT.ordinal()] = upper;
    f[Feature.LOWER_WICK_PCT.ordinal()] = lower;
    f[Feature.CLOSE_POSITION.ordinal()] = closePos;

    // Volume multiple: this bar's volume over the mean of the 7 bars before it (the current bar excluded).
    double[] volMult = nans(n);
    double sum = 0;
    for (int t = 0; t < n; t++) {
      if (t >= VOLUME_WINDOW) {
        double mean = sum / VOLUME_WINDOW;
        volMult[t] = mean > 0 ? v[t] / mean : Double.NaN;
        sum -= v[t - VOLUME_WINDOW];
      }
      sum += v[t];
    }
    f[Feature.VOL_MULT.ordinal()] = volMult;

    DirectionalMovement.Result dm = DirectionalMovement.compute(h, l, c, ADX_PERIOD);
    f[Feature.ADX.ordinal()] = dm.adx();
    f[Feature.PLUS_DI.ordinal()] = dm.plusDi();
    f[Feature.MINUS_DI.ordinal()] = dm.minusDi();
    double[] diGap = new double[n];
    for (int t = 0; t < n; t++) {
      diGap[t] = sign * (dm.plusDi()[t] - dm.minusDi()[t]);
    }
    f[Feature.DI_GAP.ordinal()] = diGap;

    double[] atr = TrueRange.atr(h, l, c, ATR_PERIOD);
    f[Feature.ATR.ordinal()] = atr;
    double[] atrMean = RollingStats.mean(atr, ATR_RATIO_WINDOW);
    double[] atrRatio = new double[n];
    double[] bodyVsAtr = new double[n];
    for (int t = 0; t < n; t++) {
      atrRatio[t] = atrMean[t] > 0 ? atr[t] / atrMean[t] : Double.NaN;
      bodyVsAtr[t] = atr[t] > 0 ? body[t] / atr[t] : Double.NaN;
    }
    f[Feature.ATR_RATIO.ordinal()] = atrRatio;
    f[Feature.BODY_VS_ATR.ordinal()] = bodyVsAtr;

    // EMAs of the closes before the bar (shift(1).ewm() in the reference): strictly past.
    double[] ema9 = shiftedByOne(MovingAverages.ema(c, 9));
    double[] ema21 = shiftedByOne(MovingAverages.ema(c, 21));
    double[] ema50 = shiftedByOne(MovingAverages.ema(c, 50));
    f[Feature.EMA9.ordinal()] = ema9;
    f[Feature.EMA21.ordinal()] = ema21;
    f[Feature.EMA50.ordinal()] = ema50;
    double[] alignment = nans(n);
    double[] dist = nans(n);
    for (int t = 0; t < n; t++) {
      if (!Double.isNaN(ema50[t])) {
        // 0..3: how many of close > EMA9 > EMA21 > EMA50 hold in the trade's direction.
        alignment[t] = (sign * (c[t] - ema9[t]) > 0 ? 1 : 0) + (sign * (ema9[t] - ema21[t]) > 0 ? 1 : 0)
            + (sign * (ema21[t] - ema50[t]) > 0 ? 1 : 0);
      }
      if (!Double.isNaN(ema21[t])) {
        // Sign-flipped: stretched against the trade is always negative.
        dist[t] = sign * (c[t] - ema21[t]) / ema21[t] * 100;
      }
    }
    f[Feature.EMA_ALIGNMENT.ordinal()] = alignment;
    f[Feature.DIST_FROM_EMA21_PCT.ordinal()] = dist;

    f[Feature.CANDLE_RANK_20.ordinal()] = RollingStats.percentRank(bodyPct, RANK_WINDOW);
    f[Feature.VOL_RANK_20.ordinal()] = RollingStats.percentRank(v, RANK_WINDOW);
    f[Feature.RSI14.ordinal()] = RelativeStrength.rsi(c, RSI_PERIOD);

    RegimeScore.Result regime = RegimeScore.compute(bars, direction, dm.adx(), inputs);
    f[Feature.REGIME_SCORE.ordinal()] = regime.score();
    return new Set(bars, direction, f, regime);
  }

  /** The bars before which every feature is defined (the slowest: EMA50 of the previous closes, ATR ratio). */
  public static int warmup() {
    return Math.max(MovingAverages.emaWarmup(50) + 1, TrueRange.atrWarmup(ATR_PERIOD) + ATR_RATIO_WINDOW - 1);
  }

  private static double[] shiftedByOne(double[] x) {
    double[] out = nans(x.length);
    System.arraycopy(x, 0, out, 1, Math.max(0, x.length - 1));
    return out;
  }

  private static double[] nans(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  /**
   * All 22 features as one indicator for the look-ahead audit (offline regime inputs: ADX only);
   * {@code leaking} makes it read one bar ahead on purpose, to show the audit flags it.
   */
  public static io.momentic.indicators.BarIndicator asIndicator(Direction direction) {
    return new io.momentic.indicators.BarIndicator() {
      @Override
      public String name() {
        return "breakout_features(" + direction.name().toLowerCase(java.util.Locale.ROOT) + ")";
      }

      @Override
      public int warmup() {
        return BreakoutFeatures.warmup();
      }

      @Override
      public List<String> outputs() {
        return Arrays.stream(Feature.values()).map(Feature::column).toList();
      }

      @Override
      public double[][] compute(BarSeries bars) {
        return BreakoutFeatures.compute(bars, direction, RegimeInputs.NONE).values();
      }

      @Override
      public boolean recursive() {
        return true; // EMAs, ATR, ADX and RSI carry all earlier history
      }
    };
  }
}
