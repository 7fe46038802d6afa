package io.momentic.data;

import io.momentic.core.Timestamps;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.TradingCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic markets: full OHLCV bars for one or many symbols.
 *
 * <p><b>Price process</b> (per symbol, on the log price, annual parameters, {@code dt = 1/periodsPerYear}):
 * <ul>
 *   <li>{@link Model#GBM}: {@code dx = (μ − σ²/2)dt + σ dW};</li>
 *   <li>{@link Model#ORNSTEIN_UHLENBECK}: {@code dx = θ(ln p₀ − x)dt + σ dW} (mean-reverting around the start price);</li>
 *   <li>optional Merton jumps: with probability {@code λ·dt} per bar a jump {@code N(jumpMean, jumpStd)} is added;</li>
 *   <li>optional regime switching: a two-state Markov chain shared by all symbols (calm / stress), where the
 *       stress state multiplies σ and adds a drift; per-bar switch probabilities;</li>
 *   <li>correlated shocks across symbols: {@code dW = L·ε} with {@code L} the Cholesky factor of an
 *       equicorrelation matrix {@code ρ}.</li>
 * </ul>
 * <p><b>Bars</b>: each bar is simulated in {@code substeps} steps; the first step is the gap from
 * the previous close to the open, the rest the intrabar path. High and low are the extremes of
 * the path including open and close, so {@code low ≤ open, close ≤ high} always holds. Volume is
 * log-normal and larger on big moves. Timestamps skip weekends on an exchange calendar.
 * <p>Same spec and seed → identical bars on any machine: the generator uses
 * {@link SplittableRandom} and its own Box–Muller transform.
 */
public final class SyntheticMarket {

  /** The price process. */
  public enum Model {
    GBM,
    ORNSTEIN_UHLENBECK
  }

  /**
   * What to generate. Rates are annual.
   *
   * @param regimeStressVolMultiplier σ multiplier in the stress regime (1 = no regimes)
   * @param regimeSwitchProbability per-bar probability of leaving the current regime (0 = no regimes)
   */
  public record Spec(List<String> symbols, int bars, LocalDate start, Interval interval, TradingCalendar calendar,
      Model model, double startPrice, double drift, double volatility, double meanReversionSpeed, double correlation,
      double jumpIntensity, double jumpMean, double jumpStd, double regimeStressVolMultiplier,
      double regimeStressDrift, double regimeSwitchProbability, int substeps, double baseVolume, long seed) {

    public Spec {
      symbols = List.copyOf(symbols);
      if (symbols.isEmpty()) {
        throw new IllegalArgumentException("Expected at least one symbol, but found none");
      }
      Checks.positive(bars, "bars");
      Checks.notNull(start, "start");
      Checks.notNull(interval, "interval");
      Checks.notNull(calendar, "calendar");
      Checks.notNull(model, "model");
      Checks.positive(startPrice, "startPrice");
      Checks.finite(drift, "drift");
      Checks.notNegative(volatility, "volatility");
      Checks.notNegative(meanReversionSpeed, "meanReversionSpeed");
      Checks.inRangeInclusive(correlation, symbols.size() > 1 ? -1.0 / (symbols.size() - 1) : -1, 1, "correlation");
      Checks.notNegative(jumpIntensity, "jumpIntensity");
      Checks.finite(jumpMean, "jumpMean");
      Checks.notNegative(jumpStd, "jumpStd");
      Checks.positive(regimeStressVolMultiplier, "regimeStressVolMultiplier");
      Checks.finite(regimeStressDrift, "regimeStressDrift");
      Checks.inRangeInclusive(regimeSwitchProbability, 0, 1, "regimeSwitchProbability");
      Checks.inRange(substeps, 2, 1001, "substeps");
      Checks.positive(baseVolume, "baseVolume");
    }

    /** A daily GBM universe of {@code n} symbols named {@code SYN01…} with sensible defaults. */
    public static Spec gbmUniverse(int n, int bars, long seed) {
      List<String> names = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        names.add(String.format("SYN%02d", i));
      }
      return new Spec(names, bars, LocalDate.of(2018, 1, 1), Interval.D1, TradingCalendar.EXCHANGE, Model.GBM, 100,
          0.07, 0.25, 0, 0.3, 0, 0, 0, 1, 0, 0, 8, 1_000_000, seed);
    }

    public Spec withModel(Model newModel, double speed) {
      return new Spec(symbols, bars, start, interval, calendar, newModel, startPrice, drift, volatility, speed,
          correlation, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier, regimeStressDrift,
          regimeSwitchProbability, substeps, baseVolume, seed);
    }

    public Spec withJumps(double intensity, double mean, double std) {
      return new Spec(symbols, bars, start, interval, calendar, model, startPrice, drift, volatility,
          meanReversionSpeed, correlation, intensity, mean, std, regimeStressVolMultiplier, regimeStressDrift,
          regimeSwitchProbability, substeps, baseVolume, seed);
    }

    public Spec withRegimes(double stressVolMultiplier, double stressDrift, double switchProbability) {
      return new Spec(symbols, bars, start, interval, calendar, model, startPrice, drift, volatility,
          meanReversionSpeed, correlation, jumpIntensity, jumpMean, jumpStd, stressVolMultiplier, stressDrift,
          switchProbability, substeps, baseVolume, seed);
    }

    public Spec withCorrelation(double rho) {
      return new Spec(symbols, bars, start, interval, calendar, model, startPrice, drift, volatility,
          meanReversionSpeed, rho, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier, regimeStressDrift,
          regimeSwitchProbability, substeps, baseVolume, seed);
    }

    public Spec withDriftAndVolatility(double mu, double sigma) {
      return new Spec(symbols, bars, start, interval, calendar, model, startPrice, mu, sigma, meanReversionSpeed,
          correlation, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier, regimeStressDrift,
          regimeSwitchProbability, substeps, baseVolume, seed);
    }

    public Spec withCalendar(TradingCalendar newCalendar) {
      return new Spec(symbols, bars, start, interval, newCalendar, model, startPrice, drift, volatility,
          meanReversionSpeed, correlation, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier,
          regimeStressDrift, regimeSwitchProbability, substeps, baseVolume, seed);
    }

    /** Mean shares traded per bar (dollar volume ≈ price × this). */
    public Spec withBaseVolume(double newBaseVolume) {
      return new Spec(symbols, bars, start, interval, calendar, model, startPrice, drift, volatility,
          meanReversionSpeed, correlation, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier,
          regimeStressDrift, regimeSwitchProbability, substeps, newBaseVolume, seed);
    }

    public Spec withSymbols(List<String> newSymbols) {
      return new Spec(newSymbols, bars, start, interval, calendar, model, startPrice, drift, volatility,
          meanReversionSpeed, correlation, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier,
          regimeStressDrift, regimeSwitchProbability, substeps, baseVolume, seed);
    }

    public Spec withSeed(long newSeed) {
      return new Spec(symbols, bars, start, interval, calendar, model, startPrice, drift, volatility,
          meanReversionSpeed, correlation, jumpIntensity, jumpMean, jumpStd, regimeStressVolMultiplier,
          regimeStressDrift, regimeSwitchProbability, substeps, baseVolume, newSeed);
    }
  }

  private SyntheticMarket() {}

  /** Generates one series per symbol of the spec. */
  public static List<BarSeries> generate(Spec spec) {
    int n = spec.symbols().size();
    int steps = spec.substeps();
    long[] times = timestamps(spec);
    double periodsPerYear = spec.interval().periodsPerYear(spec.calendar());
    double dtStep = 1.0 / periodsPerYear / steps;
    double sqrtDtStep = Math.sqrt(dtStep);
    double[][] chol = cholesky(equicorrelation(n, spec.correlation()));
    Gaussian rng = new Gaussian(spec.seed());
    AssetClass assetClass = spec.calendar() == TradingCalendar.CONTINUOUS ? AssetClass.CRYPTO : AssetClass.EQUITY;

    double[][] o = new double[n][spec.bars()];
    double[][] h = new double[n][spec.bars()];
    double[][] l = new double[n][spec.bars()];
    double[][] c = new double[n][spec.bars()];
    double[][] v = new double[n][spec.bars()];
    double[] logPrice = new double[n];
    double meanLog = StrictMath.log(spec.startPrice());
    java.util.Arrays.fill(logPrice, meanLog);
    double[] eps = new double[n];
    double[] shock = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] barStart = new double[n];
    boolean stress = false;

    for (int t = 0; t < spec.bars(); t++) {
      if (spec.regimeSwitchProbability() > 0 && rng.uniform() < spec.regimeSwitchProbability()) {
        stress = !stress;
      }
      double sigma = spec.volatility() * (stress ? spec.regimeStressVolMultiplier() : 1);
      double mu = spec.drift() + (stress ? spec.regimeStressDrift() : 0);
      for (int s = 0; s < n; s++) {
        barStart[s] = logPrice[s];
      }
      for (int k = 0; k < steps; k++) {
        for (int s = 0; s < n; s++) {
          eps[s] = rng.next();
        }
        correlate(chol, eps, shock);
        for (int s = 0; s < n; s++) {
          double x = logPrice[s];
          double driftTerm = spec.model() == Model.GBM
              ? (mu - 0.5 * sigma * sigma) * dtStep
              : spec.meanReversionSpeed() * (meanLog - x) * dtStep + mu * dtStep;
          x += driftTerm + sigma * sqrtDtStep * shock[s];
          logPrice[s] = x;
          if (k == 0) {
            // The first step is the gap to the open.
            o[s][t] = StrictMath.exp(x);
            high[s] = x;
            low[s] = x;
          } else {
            high[s] = Math.max(high[s], x);
            low[s] = Math.min(low[s], x);
          }
        }
      }
      for (int s = 0; s < n; s++) {
        if (spec.jumpIntensity() > 0 && rng.uniform() < spec.jumpIntensity() / periodsPerYear) {
          // A jump lands at the close: the last step of the bar.
          double jump = spec.jumpMean() + spec.jumpStd() * rng.next();
          logPrice[s] += jump;
          high[s] = Math.max(high[s], logPrice[s]);
          low[s] = Math.min(low[s], logPrice[s]);
        }
        double close = StrictMath.exp(logPrice[s]);
        c[s][t] = close;
        h[s][t] = Math.max(StrictMath.exp(high[s]), Math.max(o[s][t], close));
        l[s][t] = Math.min(StrictMath.exp(low[s]), Math.min(o[s][t], close));
        double move = Math.abs(logPrice[s] - barStart[s]) / Math.max(1e-12, sigma * Math.sqrt(1.0 / periodsPerYear));
        v[s][t] = Math.rint(spec.baseVolume() * StrictMath.exp(0.3 * rng.next() - 0.045) * (1 + 0.25 * Math.min(move, 8)));
      }
    }
    List<BarSeries> out = new ArrayList<>(n);
    for (int s = 0; s < n; s++) {
      Instrument instrument = Instrument.of(spec.symbols().get(s), "synthetic", assetClass);
      out.add(BarSeries.of(instrument, spec.interval(), times, o[s], h[s], l[s], c[s], v[s]));
    }
    return out;
  }

  /**
   * A daily-reset leveraged fund on {@code base} (like TQQQ = 3× QQQ, SQQQ = −3× QQQ): each bar, every
   * price moves {@code leverage} times the base's move from its previous close, less the fund's
   * annual fee spread over {@code periodsPerYear}. For a negative leverage the base's low makes the
   * fund's high. A move that would wipe the fund out floors it at 1 % of its previous close.
   */
  public static BarSeries leveraged(BarSeries base, String symbol, double leverage, double annualFee,
      double periodsPerYear, double startPrice) {
    Checks.finite(leverage, "leverage");
    Checks.notNegative(annualFee, "annualFee");
    Checks.positive(periodsPerYear, "periodsPerYear");
    Checks.positive(startPrice, "startPrice");
    int n = base.size();
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    double drag = 1 - annualFee / periodsPerYear;
    double prevFund = startPrice;
    for (int t = 0; t < n; t++) {
      double prevBase = t == 0 ? base.open(0) : base.close(t - 1);
      double open = move(prevFund, base.open(t) / prevBase, leverage) * drag;
      double hiFromBase = move(prevFund, (leverage >= 0 ? base.high(t) : base.low(t)) / prevBase, leverage) * drag;
      double loFromBase = move(prevFund, (leverage >= 0 ? base.low(t) : base.high(t)) / prevBase, leverage) * drag;
      double close = move(prevFund, base.close(t) / prevBase, leverage) * drag;
      o[t] = open;
      c[t] = close;
      h[t] = Math.max(hiFromBase, Math.max(open, close));
      l[t] = Math.min(loFromBase, Math.min(open, close));
      v[t] = base.volume(t);
      prevFund = close;
    }
    Instrument instrument = Instrument.of(symbol, "synthetic", base.instrument().assetClass());
    return BarSeries.of(instrument, base.interval(), base.times(), o, h, l, c, v);
  }

  /**
   * An index and daily-reset funds on it, alternating 3× long and 3× inverse ({@code funds[0]} is
   * +3×, {@code funds[1]} −3×, …): the QQQ / TQQQ / SQQQ family for demos and audits.
   */
  public static List<BarSeries> leveragedFamily(BarSeries index, List<String> funds, double annualFee,
      double periodsPerYear, double startPrice) {
    List<BarSeries> out = new ArrayList<>(List.of(index));
    for (int i = 0; i < funds.size(); i++) {
      out.add(leveraged(index, funds.get(i), i % 2 == 0 ? 3 : -3, annualFee, periodsPerYear, startPrice));
    }
    return out;
  }

  private static double move(double prevFund, double baseRatio, double leverage) {
    return prevFund * Math.max(0.01, 1 + leverage * (baseRatio - 1));
  }

  private static long[] timestamps(Spec spec) {
    long[] times = new long[spec.bars()];
    long day = 86_400_000L;
    if (spec.interval() == Interval.D1) {
      LocalDate d = spec.start();
      for (int t = 0; t < times.length; t++) {
        if (spec.calendar() == TradingCalendar.EXCHANGE) {
          while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
          }
        }
        times[t] = d.toEpochDay() * day;
        d = d.plusDays(1);
      }
    } else if (spec.interval() == Interval.MN1) {
      LocalDate d = spec.start().withDayOfMonth(1);
      for (int t = 0; t < times.length; t++) {
        times[t] = d.plusMonths(t).toEpochDay() * day;
      }
    } else {
      long t0 = spec.start().toEpochDay() * day;
      for (int t = 0; t < times.length; t++) {
        times[t] = t0 + t * spec.interval().millis();
      }
    }
    return times;
  }

  static double[][] equicorrelation(int n, double rho) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = i == j ? 1 : rho;
      }
    }
    return m;
  }

  /** Lower-triangular {@code L} with {@code L·Lᵀ = m}; m must be symmetric positive definite. */
  static double[][] cholesky(double[][] m) {
    int n = m.length;
    double[][] lower = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = m[i][j];
        for (int k = 0; k < j; k++) {
          sum -= lower[i][k] * lower[j][k];
        }
        if (i == j) {
          if (sum <= 0) {
            throw new IllegalArgumentException("Expected a positive-definite correlation matrix, but found pivot "
                + sum + " at row " + i);
          }
          lower[i][i] = Math.sqrt(sum);
        } else {
          lower[i][j] = sum / lower[j][j];
        }
      }
    }
    return lower;
  }

  private static void correlate(double[][] lower, double[] eps, double[] out) {
    int n = eps.length;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double[] row = lower[i];
      for (int k = 0; k <= i; k++) {
        sum += row[k] * eps[k];
      }
      out[i] = sum;
    }
  }

  /** Standard normals by the Box–Muller transform over {@link SplittableRandom}: reproducible across JDKs. */
  static final class Gaussian {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Gaussian(long seed) {
      this.random = new SplittableRandom(seed);
    }

    double uniform() {
      return random.nextDouble();
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double u1;
      do {
        u1 = random.nextDouble();
      } while (u1 <= Double.MIN_VALUE);
      double u2 = random.nextDouble();
      double radius = Math.sqrt(-2 * StrictMath.log(u1));
      double angle = 2 * Math.PI * u2;
      spare = radius * StrictMath.sin(angle);
      hasSpare = true;
      return radius * StrictMath.cos(angle);
    }
  }
}
