package io.momentic.analytics;

import io.momentic.core.Checks;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * How much to believe a Sharpe ratio: the probabilistic Sharpe ratio (Bailey &amp; López de Prado
 * 2012) and the deflated Sharpe ratio (Bailey &amp; López de Prado 2014), which discounts the best
 * of many trials by the Sharpe ratio the best of that many skill-less trials would reach.
 *
 * <p>The formulas work on per-period Sharpe ratios; the public entry points take annualised
 * values (as reports print them) and convert with {@code √periodsPerYear}:
 *
 * <pre>
 *   PSR(SR*) = Φ( (SR − SR*)·√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²) )
 *   SR0      = √V · ( (1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)) ),  γ = 0.5772… (Euler–Mascheroni)
 *   DSR      = PSR(SR0)
 * </pre>
 *
 * with T observations, γ3 the skewness and γ4 the raw kurtosis (normal = 3) of the returns, N the
 * number of independent trials and V the variance of their Sharpe ratios.
 */
public final class SharpeStatistics {

  /** The Euler–Mascheroni constant. */
  public static final double EULER_GAMMA = 0.5772156649015329;

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private SharpeStatistics() {}

  /**
   * The three numbers a report prints: {@code psr} against a zero benchmark, {@code dsr} against
   * {@code sr0}, and {@code sr0} itself (annualised, like the input Sharpe ratio).
   */
  public record Deflated(double psr, double dsr, double sr0) {}

  /**
   * PSR of a per-period Sharpe ratio against the per-period benchmark {@code benchmarkSharpe}.
   * NaN when the variance term is not positive (a Sharpe ratio too large for its skew and kurtosis)
   * or there are fewer than two observations.
   */
  public static double probabilisticSharpe(double sharpe, double benchmarkSharpe, long observations, double skew,
      double rawKurtosis) {
    double variance = 1 - skew * sharpe + (rawKurtosis - 1) / 4 * sharpe * sharpe;
    if (observations < 2 || !(variance > 0)) {
      return Double.NaN;
    }
    return NORMAL.cumulativeProbability((sharpe - benchmarkSharpe) * Math.sqrt(observations - 1) / Math.sqrt(variance));
  }

  /**
   * SR0, the expected maximum Sharpe ratio of {@code trials} skill-less trials whose Sharpe ratios
   * have variance {@code trialSharpeVariance} (in the same units as the result). Zero for a single
   * trial: nothing was selected, so nothing is deflated.
   */
  public static double expectedMaxSharpe(long trials, double trialSharpeVariance) {
    if (trials < 1) {
      throw new IllegalArgumentException("Expected 'trials' >= 1, but found " + trials);
    }
    Checks.notNegative(trialSharpeVariance, "trials Sharpe variance");
    if (trials == 1) {
      return 0;
    }
    double n = trials;
    double z = (1 - EULER_GAMMA) * NORMAL.inverseCumulativeProbability(1 - 1 / n)
        + EULER_GAMMA * NORMAL.inverseCumulativeProbability(1 - 1 / (n * Math.E));
    return Math.sqrt(trialSharpeVariance) * z;
  }

  /**
   * PSR, DSR and SR0 from an annualised Sharpe ratio.
   *
   * @param annualSharpe the Sharpe ratio of the selected trial, annualised with √periodsPerYear
   * @param observations the number of returns it was measured on
   * @param skew skewness of those returns
   * @param rawKurtosis kurtosis of those returns, normal = 3
   * @param trials how many trials the selection was made from (1 = none)
   * @param trialsAnnualSharpeVariance variance of the trials' annualised Sharpe ratios
   */
  public static Deflated deflated(double annualSharpe, double periodsPerYear, long observations, double skew,
      double rawKurtosis, long trials, double trialsAnnualSharpeVariance) {
    Checks.positive(periodsPerYear, "periods per year");
    double root = Math.sqrt(periodsPerYear);
    double sharpe = annualSharpe / root;
    double sr0 = expectedMaxSharpe(trials, trialsAnnualSharpeVariance / periodsPerYear);
    return new Deflated(probabilisticSharpe(sharpe, 0, observations, skew, rawKurtosis),
        probabilisticSharpe(sharpe, sr0, observations, skew, rawKurtosis), sr0 * root);
  }

  /**
   * The same from a return series: Sharpe ratio as {@link ReturnMetrics#sharpe} (sample standard
   * deviation), skewness and raw kurtosis as the papers' moment estimators (m3/m2^1.5, m4/m2²,
   * not bias-adjusted, as {@code scipy.stats.skew} and {@code kurtosis(fisher=False)}).
   */
  public static Deflated deflated(double[] returns, double periodsPerYear, long trials,
      double trialsAnnualSharpeVariance) {
    double[] m = ReturnMetrics.centralMoments(returns);
    return deflated(ReturnMetrics.sharpe(returns, periodsPerYear), periodsPerYear, (long) m[0],
        m[2] / Math.pow(m[1], 1.5), m[3] / (m[1] * m[1]), trials, trialsAnnualSharpeVariance);
  }
}
