package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.indicators.Dynamics;
import io.momentic.indicators.MovingAverages;
import java.util.ArrayList;
import java.util.List;

/**
 * Strategy 1 of reference {@code 002} §8.2: the trend of a signal instrument (QQQ) decides how
 * much to hold of a levered long (TQQQ), a levered short (SQQQ) or, optionally, a volatility hedge
 * (UVXY). All features are of the signal's close at t; allocations are target weights filled at
 * the next open.
 *
 * <p>Features (signal close {@code c}):
 * <ul>
 *   <li>{@code spread_fast_mid = (SMA_fast − SMA_mid) / c}, {@code spread_fast_slow = (SMA_fast − SMA_slow) / c}
 *       — the reference's spreads, divided by the close so one threshold fits any price level;</li>
 *   <li>{@code velocity}: OLS slope of {@code ln c} over {@code velocityWindow} bars (log growth per bar);</li>
 *   <li>{@code acceleration}: OLS slope of that velocity over {@code accelerationWindow} bars.</li>
 * </ul>
 * Regimes (thresholds {@code s, v, a} ≥ 0; anything not listed, including warm-up, is MIXED):
 * <ul>
 *   <li>STRONG_UP: both spreads {@code > s}, velocity {@code > v}, acceleration {@code > a};</li>
 *   <li>TIRING_UP: both spreads {@code > s}, acceleration {@code < −a} (still up, slowing);</li>
 *   <li>DOWN: both spreads {@code < −s}, velocity {@code < −v}, acceleration {@code ≤ a};</li>
 *   <li>MIXED: signs disagree or a measure sits inside its threshold band.</li>
 * </ul>
 * Targets: STRONG_UP → long {@code strongUpWeight}; TIRING_UP → long {@code tiringUpWeight};
 * DOWN → short instrument {@code downWeight}; MIXED → hedge {@code mixedHedgeWeight} (0 = cash).
 * The sum of weights is capped at {@code maxGross}. Targets are sent when the regime changes (and
 * once at the first decision), so holdings drift with prices in between, as a held ETF does.
 *
 * <p><b>Volatility constraint</b> (reference {@code 002} §8: leverage sized to risk): with
 * {@code targetVol > 0} each leg's weight is scaled by {@code min(1, targetVol / σ)}, σ the leg's
 * realised volatility — the sample standard deviation of its log returns over the {@code volWindow}
 * bars to the close t, annualised by the data's periods per year. A 3× fund at 60 % volatility
 * under a 30 % target is held at half its weight. The targets are then also re-sent between regime
 * changes whenever a leg's scaled weight moves by more than {@link #VOL_REBALANCE_BAND} from the
 * weight last sent (a band, so that daily noise in σ does not trade every day). Until σ is known the
 * leg is not bought.
 */
public final class QqqLongShort implements Strategy {

  /** Trend regimes, in the reference's words. */
  public enum Regime {
    STRONG_UP, TIRING_UP, DOWN, MIXED
  }

  /** Every setting of the strategy; the defaults are {@code config/strategy/qqq_long_short.toml}. */
  public record Params(String signal, String longSymbol, String shortSymbol, String hedgeSymbol, int maFast,
      int maMid, int maSlow, int velocityWindow, int accelerationWindow, double spreadThreshold,
      double velocityThreshold, double accelerationThreshold, double strongUpWeight, double tiringUpWeight,
      double downWeight, double mixedHedgeWeight, double maxGross, double targetVol, int volWindow) {

    public static final Params DEFAULTS = new Params("QQQ", "TQQQ", "SQQQ", "UVXY", 50, 100, 250, 20, 10, 0.0, 0.0,
        0.0, 1.0, 0.5, 1.0, 0.0, 1.0, 0.0, 20);

    /** Without a volatility constraint. */
    public Params(String signal, String longSymbol, String shortSymbol, String hedgeSymbol, int maFast, int maMid,
        int maSlow, int velocityWindow, int accelerationWindow, double spreadThreshold, double velocityThreshold,
        double accelerationThreshold, double strongUpWeight, double tiringUpWeight, double downWeight,
        double mixedHedgeWeight, double maxGross) {
      this(signal, longSymbol, shortSymbol, hedgeSymbol, maFast, maMid, maSlow, velocityWindow, accelerationWindow,
          spreadThreshold, velocityThreshold, accelerationThreshold, strongUpWeight, tiringUpWeight, downWeight,
          mixedHedgeWeight, maxGross, 0.0, 20);
    }

    public Params {
      if (!(maFast >= 1 && maFast < maMid && maMid < maSlow)) {
        throw new ConfigException("ma-fast/ma-mid/ma-slow",
            "expected 1 <= ma-fast < ma-mid < ma-slow, found " + maFast + "/" + maMid + "/" + maSlow);
      }
      if (velocityWindow < 2 || accelerationWindow < 2) {
        throw new ConfigException("velocity-window/acceleration-window",
            "expected windows >= 2 (a slope needs two points), found " + velocityWindow + "/" + accelerationWindow);
      }
      nonNegative("spread-threshold", spreadThreshold);
      nonNegative("velocity-threshold", velocityThreshold);
      nonNegative("acceleration-threshold", accelerationThreshold);
      nonNegative("strong-up-weight", strongUpWeight);
      nonNegative("tiring-up-weight", tiringUpWeight);
      nonNegative("down-weight", downWeight);
      nonNegative("mixed-hedge-weight", mixedHedgeWeight);
      nonNegative("target-vol", targetVol);
      if (volWindow < 2) {
        throw new ConfigException("vol-window", "expected a window >= 2 (a standard deviation needs two returns), "
            + "found " + volWindow);
      }
      if (!(maxGross > 0) || Double.isInfinite(maxGross)) {
        throw new ConfigException("max-gross", "expected a finite cap > 0, found " + maxGross);
      }
      for (String[] named : new String[][] {{"signal", signal}, {"long", longSymbol}, {"short", shortSymbol}}) {
        if (named[1] == null || named[1].isBlank()) {
          throw new ConfigException(named[0], "expected a symbol, found nothing");
        }
      }
    }

    /** Symbols the run needs: the signal, long and short, and the hedge only when it gets a weight. */
    public List<String> symbols() {
      List<String> out = new ArrayList<>(List.of(signal, longSymbol, shortSymbol));
      if (mixedHedgeWeight > 0) {
        if (hedgeSymbol == null || hedgeSymbol.isBlank()) {
          throw new ConfigException("hedge", "expected a hedge symbol because mixed-hedge-weight > 0");
        }
        out.add(hedgeSymbol);
      }
      return out.stream().distinct().toList();
    }

    private static void nonNegative(String key, double v) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new ConfigException(key, "expected a finite value >= 0, found " + v);
      }
    }
  }

  private static final Regime[] REGIMES = Regime.values();
  /** Weight change that re-sends the targets between regime changes when volatility-targeted. */
  public static final double VOL_REBALANCE_BAND = 0.05;

  private final Params params;
  private int signal;
  private int longS;
  private int shortS;
  private int hedge = -1;
  private Feature regimeFeature;
  private Feature volFeature;
  private Regime held;
  private final double[] sent = new double[3];
  private final double[] target = new double[3];

  public QqqLongShort(Params params) {
    this.params = params;
  }

  public Params params() {
    return params;
  }

  /** The regime at every bar of a signal close series (MIXED during warm-up). */
  public static Regime[] regimes(double[] close, Params p) {
    double[][] m = measures(close, p);
    return regimes(close, m, p);
  }

  /** The measures the regime reads: the fast, mid and slow averages, velocity and acceleration of log price. */
  static double[][] measures(double[] close, Params p) {
    double[] fast = MovingAverages.sma(close, p.maFast());
    double[] mid = MovingAverages.sma(close, p.maMid());
    double[] slow = MovingAverages.sma(close, p.maSlow());
    double[] logClose = new double[close.length];
    for (int t = 0; t < close.length; t++) {
      logClose[t] = Math.log(close[t]);
    }
    double[] velocity = Dynamics.velocity(logClose, p.velocityWindow());
    double[] acceleration = Dynamics.velocity(velocity, p.accelerationWindow());
    return new double[][] {fast, mid, slow, velocity, acceleration};
  }

  private static Regime[] regimes(double[] close, double[][] m, Params p) {
    double[] fast = m[0];
    double[] mid = m[1];
    double[] slow = m[2];
    double[] velocity = m[3];
    double[] acceleration = m[4];
    Regime[] out = new Regime[close.length];
    for (int t = 0; t < close.length; t++) {
      out[t] = classify((fast[t] - mid[t]) / close[t], (fast[t] - slow[t]) / close[t], velocity[t], acceleration[t],
          p);
    }
    return out;
  }

  /** The regime rules above, on one bar's measures (NaN anywhere → MIXED). */
  public static Regime classify(double spreadFastMid, double spreadFastSlow, double velocity, double acceleration,
      Params p) {
    double s = p.spreadThreshold();
    double v = p.velocityThreshold();
    double a = p.accelerationThreshold();
    if (Double.isNaN(spreadFastMid) || Double.isNaN(spreadFastSlow) || Double.isNaN(velocity)
        || Double.isNaN(acceleration)) {
      return Regime.MIXED;
    }
    if (spreadFastMid > s && spreadFastSlow > s) {
      if (velocity > v && acceleration > a) {
        return Regime.STRONG_UP;
      }
      return acceleration < -a ? Regime.TIRING_UP : Regime.MIXED;
    }
    if (spreadFastMid < -s && spreadFastSlow < -s && velocity < -v && acceleration <= a) {
      return Regime.DOWN;
    }
    return Regime.MIXED;
  }

  @Override
  public void prepare(PrepareContext context) {
    Panel data = context.data();
    signal = index(data, "signal", params.signal());
    longS = index(data, "long", params.longSymbol());
    shortS = index(data, "short", params.shortSymbol());
    hedge = params.mixedHedgeWeight() > 0 ? index(data, "hedge", params.hedgeSymbol()) : -1;
    double[] close = data.closes(signal);
    double[][] m = measures(close, params);
    Regime[] regimes = regimes(close, m, params);
    double[] codes = new double[regimes.length];
    for (int t = 0; t < codes.length; t++) {
      codes[t] = regimes[t].ordinal();
    }
    regimeFeature = context.feature("regime", shared(codes, data.symbolCount()));
    // The regime's inputs, registered so the audit checks them, the warm-up waits for them and the
    // feature table shows them (reference 002 §5.3's processed columns).
    String[] names = {"moving_average_" + params.maFast(), "moving_average_" + params.maMid(),
        "moving_average_" + params.maSlow(), "velocity", "acceleration"};
    for (int i = 0; i < names.length; i++) {
      context.feature(names[i], shared(m[i], data.symbolCount()));
    }
    volFeature = null;
    if (params.targetVol() > 0) {
      double periodsPerYear = io.momentic.core.Annualisation.of(data.interval(), data.instruments().get(signal)
          .calendar(), data.times(), Double.NaN).periodsPerYear();
      double[][] vol = new double[data.symbolCount()][];
      for (int s = 0; s < vol.length; s++) {
        vol[s] = io.momentic.indicators.RollingStats.sampleStd(io.momentic.indicators.Returns.log(data.closes(s)),
            params.volWindow());
        for (int t = 0; t < vol[s].length; t++) {
          vol[s][t] *= Math.sqrt(periodsPerYear);
        }
      }
      volFeature = context.feature("realised_vol_" + params.volWindow(), vol);
    }
    held = null;
    java.util.Arrays.fill(sent, Double.NaN);
  }

  /** One series of the signal symbol, the same array for every symbol (the feature table shows it once). */
  private static double[][] shared(double[] values, int symbols) {
    double[][] bySymbol = new double[symbols][];
    java.util.Arrays.fill(bySymbol, values);
    return bySymbol;
  }

  @Override
  public void onBar(BarContext c) {
    if (!c.hasBar(signal)) {
      return;
    }
    Regime now = REGIMES[(int) c.get(regimeFeature, signal)];
    if (now == held && volFeature == null) {
      return;
    }
    double longW = (now == Regime.STRONG_UP ? params.strongUpWeight()
        : now == Regime.TIRING_UP ? params.tiringUpWeight() : 0) * volScale(c, longS);
    double shortW = (now == Regime.DOWN ? params.downWeight() : 0) * volScale(c, shortS);
    double hedgeW = (now == Regime.MIXED && hedge >= 0 ? params.mixedHedgeWeight() : 0)
        * (hedge >= 0 ? volScale(c, hedge) : 0);
    double gross = longW + shortW + hedgeW;
    double scale = gross > params.maxGross() ? params.maxGross() / gross : 1;
    double[] target = this.target; // reused: this runs every bar when volatility-targeted
    target[0] = longW * scale;
    target[1] = shortW * scale;
    target[2] = hedgeW * scale;
    if (now == held && !movedPastBand(target)) {
      return;
    }
    c.targetWeight(longS, target[0]);
    c.targetWeight(shortS, target[1]);
    if (hedge >= 0) {
      c.targetWeight(hedge, target[2]);
    }
    System.arraycopy(target, 0, sent, 0, 3);
    held = now;
  }

  /** {@code min(1, targetVol / σ)} of a leg at this close; 1 without the constraint; 0 while σ is unknown. */
  private double volScale(BarContext c, int symbol) {
    if (volFeature == null) {
      return 1;
    }
    double sigma = c.get(volFeature, symbol);
    if (Double.isNaN(sigma)) {
      return 0;
    }
    return sigma <= params.targetVol() ? 1 : params.targetVol() / sigma;
  }

  private boolean movedPastBand(double[] target) {
    for (int i = 0; i < target.length; i++) {
      if (Double.isNaN(sent[i]) || Math.abs(target[i] - sent[i]) > VOL_REBALANCE_BAND) {
        return true;
      }
    }
    return false;
  }

  private static int index(Panel data, String role, String symbol) {
    return data.findSymbolIndex(symbol).orElseThrow(() ->
        new ConfigException(role, "expected symbol " + symbol + " in the data, found only " + data.symbols()
          + "; load its bar file (e.g. --data " + symbol + ".csv) or set " + role + " = \"<symbol>\""));
  }
}
