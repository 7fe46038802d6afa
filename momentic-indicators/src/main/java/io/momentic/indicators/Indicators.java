package io.momentic.indicators;

import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import java.util.List;

/** Factories for the built-in indicators as {@link BarIndicator}s (over closes unless noted). */
public final class Indicators {

  private Indicators() {}

  public static BarIndicator sma(int period) {
    MovingAverages.smaWarmup(period);
    return simple("sma(" + period + ")", period - 1, false, b -> MovingAverages.sma(b.closes(), period));
  }

  public static BarIndicator ema(int period) {
    MovingAverages.emaWarmup(period);
    return simple("ema(" + period + ")", period - 1, true, b -> MovingAverages.ema(b.closes(), period));
  }

  public static BarIndicator wilder(int period) {
    MovingAverages.emaWarmup(period);
    return simple("wilder(" + period + ")", period - 1, true, b -> MovingAverages.wilder(b.closes(), period));
  }

  public static BarIndicator atr(int period) {
    return simple("atr(" + period + ")", TrueRange.atrWarmup(period), true,
        b -> TrueRange.atr(b.highs(), b.lows(), b.closes(), period));
  }

  public static BarIndicator rsi(int period) {
    return simple("rsi(" + period + ")", RelativeStrength.rsiWarmup(period), true,
        b -> RelativeStrength.rsi(b.closes(), period));
  }

  public static BarIndicator adx(int period) {
    int warmup = DirectionalMovement.adxWarmup(period);
    return new Multi("adx(" + period + ")", warmup, true, List.of("plus_di", "minus_di", "adx"), b -> {
      DirectionalMovement.Result r = DirectionalMovement.compute(b.highs(), b.lows(), b.closes(), period);
      return new double[][] {r.plusDi(), r.minusDi(), r.adx()};
    });
  }

  public static BarIndicator rollingMean(int period) {
    return simple("rolling_mean(" + period + ")", RollingStats.warmup(period), false,
        b -> RollingStats.mean(b.closes(), period));
  }

  public static BarIndicator rollingSampleStd(int period) {
    return simple("rolling_std_sample(" + period + ")", RollingStats.warmup(period), false,
        b -> RollingStats.sampleStd(b.closes(), period));
  }

  public static BarIndicator rollingPopulationStd(int period) {
    return simple("rolling_std_population(" + period + ")", RollingStats.warmup(period), false,
        b -> RollingStats.populationStd(b.closes(), period));
  }

  public static BarIndicator percentRank(int period) {
    return simple("percent_rank(" + period + ")", RollingStats.warmup(period), false,
        b -> RollingStats.percentRank(b.closes(), period));
  }

  public static BarIndicator simpleReturn() {
    return simple("simple_return", Returns.WARMUP, false, b -> Returns.simple(b.closes()));
  }

  public static BarIndicator logReturn() {
    return simple("log_return", Returns.WARMUP, false, b -> Returns.log(b.closes()));
  }

  public static BarIndicator velocity(int period) {
    return simple("velocity(" + period + ")", Dynamics.velocityWarmup(period), false,
        b -> Dynamics.velocity(b.closes(), period));
  }

  public static BarIndicator acceleration(int period) {
    return simple("acceleration(" + period + ")", Dynamics.accelerationWarmup(period), false,
        b -> Dynamics.acceleration(b.closes(), period));
  }

  public static BarIndicator drawdown() {
    return simple("drawdown", 0, false, b -> Drawdowns.fromRunningMax(b.closes()));
  }

  public static BarIndicator exponentialRegression(int period, double periodsPerYear) {
    int warmup = ExponentialRegression.warmup(period);
    Checks.positive(periodsPerYear, "periodsPerYear");
    return new Multi("exp_regression(" + period + ")", warmup, false, List.of("a0", "a1", "r2", "annualized_slope"),
        b -> {
          ExponentialRegression.Result r = ExponentialRegression.rolling(b.closes(), period, periodsPerYear);
          return new double[][] {r.a0(), r.a1(), r.r2(), r.annualizedSlope()};
        });
  }

  /**
   * {@link Crosses} of SMA(fast) over SMA(slow) of the close: +1 a golden cross (up), −1 a death
   * cross (down), 0 neither; NaN until both averages exist on two bars.
   */
  public static BarIndicator smaCross(int fast, int slow) {
    MovingAverages.smaWarmup(fast);
    int warmup = MovingAverages.smaWarmup(Math.max(fast, slow)) + 1;
    return simple("sma_cross(" + fast + "," + slow + ")", warmup, false,
        b -> Crosses.ofSmas(b.closes(), fast, slow));
  }

  /** Every built-in with its usual parameters; the set the look-ahead tests run over. */
  public static List<BarIndicator> builtIns() {
    return List.of(sma(20), ema(20), wilder(14), atr(14), rsi(14), adx(14), rollingMean(20), rollingSampleStd(20),
        rollingPopulationStd(20), percentRank(20), simpleReturn(), logReturn(), velocity(10), acceleration(10),
        drawdown(), exponentialRegression(30, 252), smaCross(10, 30));
  }

  //-------------------------------------------------------------------------
  private interface SingleKernel {
    double[] apply(BarSeries bars);
  }

  private interface MultiKernel {
    double[][] apply(BarSeries bars);
  }

  private static BarIndicator simple(String name, int warmup, boolean recursive, SingleKernel kernel) {
    return new Multi(name, warmup, recursive, List.of(name), b -> new double[][] {kernel.apply(b)});
  }

  private record Multi(String name, int warmup, boolean recursive, List<String> outputs, MultiKernel kernel)
      implements BarIndicator {
    @Override
    public double[][] compute(BarSeries bars) {
      return kernel.apply(bars);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
