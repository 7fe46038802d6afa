package io.momentic.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.analytics.SharpeStatistics.Deflated;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from the papers' formulas evaluated independently with scipy
 * ({@code norm.cdf}, {@code norm.ppf}) in a few lines of Python, and from the worked example of
 * Bailey &amp; López de Prado (2014), "The Deflated Sharpe Ratio", §5.
 */
class SharpeStatisticsTest {

  @Test
  void deflatedSharpePaperExample() {
    // Annualised SR 2.5 over 5 years of daily returns (T = 1250, 250 days a year), skew −3,
    // kurtosis 10, N = 100 trials whose annualised Sharpe ratios have variance 1/2:
    // the paper gets SR0 ≈ 0.1132 per day and DSR ≈ 0.9004.
    Deflated d = SharpeStatistics.deflated(2.5, 250, 1250, -3, 10, 100, 0.5);
    assertThat(d.sr0() / Math.sqrt(250)).isCloseTo(0.1132, within(5e-5));
    assertThat(d.dsr()).isCloseTo(0.9004, within(5e-5));
    assertThat(d.sr0()).isCloseTo(1.7894064662732077, within(1e-9));
    assertThat(d.dsr()).isCloseTo(0.9003968344493903, within(1e-9));
  }

  @Test
  void scipyValues() {
    Deflated a = SharpeStatistics.deflated(2.0, 252, 1000, -0.5, 6.0, 100, 0.5);
    assertThat(a.psr()).isCloseTo(0.9999350795744041, within(1e-10));
    assertThat(a.dsr()).isCloseTo(0.6565058353034904, within(1e-10));
    assertThat(a.sr0()).isCloseTo(1.7894064662732079, within(1e-10));
    Deflated normal = SharpeStatistics.deflated(1.5, 252, 1250, 0.0, 3.0, 10, 0.25);
    assertThat(normal.psr()).isCloseTo(0.9995688783056549, within(1e-10));
    assertThat(normal.dsr()).isCloseTo(0.9433059074794427, within(1e-10));
    assertThat(normal.sr0()).isCloseTo(0.7872991506728751, within(1e-10));
    // Negative skew and fat tails with many trials: a high Sharpe ratio deflates to little.
    Deflated fat = SharpeStatistics.deflated(2.5, 252, 750, -1.2, 9.0, 1000, 1.0);
    assertThat(fat.psr()).isCloseTo(0.9999461893644435, within(1e-10));
    assertThat(fat.dsr()).isCloseTo(0.12105001013461497, within(1e-10));
    assertThat(fat.sr0()).isCloseTo(3.255121513652723, within(1e-10));
  }

  @Test
  void moreTrialsDeflateMore() {
    double previous = 1;
    for (long trials : new long[] {2, 5, 10, 100, 1_000, 10_000, 1_000_000}) {
      double dsr = SharpeStatistics.deflated(1.8, 252, 1000, -0.3, 4.5, trials, 0.6).dsr();
      assertThat(dsr).as("DSR at %d trials", trials).isLessThan(previous);
      previous = dsr;
    }
  }

  @Test
  void oneTrialIsNotDeflated() {
    Deflated d = SharpeStatistics.deflated(1.2, 252, 500, 0.1, 3.5, 1, 0.7);
    assertThat(d.sr0()).isZero();
    assertThat(d.dsr()).isEqualTo(d.psr());
  }

  @Test
  void fromReturnsUsesThePapersMomentEstimators() {
    SplittableRandom random = new SplittableRandom(7);
    double[] r = new double[500];
    for (int i = 0; i < r.length; i++) {
      r[i] = 0.0005 + 0.01 * random.nextGaussian() + (i % 50 == 0 ? -0.04 : 0);
    }
    double n = r.length;
    double mean = 0;
    for (double v : r) {
      mean += v / n;
    }
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double v : r) {
      m2 += Math.pow(v - mean, 2) / n;
      m3 += Math.pow(v - mean, 3) / n;
      m4 += Math.pow(v - mean, 4) / n;
    }
    Deflated expected = SharpeStatistics.deflated(ReturnMetrics.sharpe(r, 252), 252, r.length, m3 / Math.pow(m2, 1.5),
        m4 / (m2 * m2), 20, 0.4);
    Deflated actual = SharpeStatistics.deflated(r, 252, 20, 0.4);
    assertThat(actual.psr()).isCloseTo(expected.psr(), within(1e-12));
    assertThat(actual.dsr()).isCloseTo(expected.dsr(), within(1e-12));
  }

  @Test
  void impossibleVarianceTermIsNaN() {
    // 1 − γ3·SR + (γ4 − 1)/4·SR² < 0 only for absurd inputs; the ratio is then undefined.
    assertThat(SharpeStatistics.probabilisticSharpe(1.0, 0, 100, 5, 1)).isNaN();
  }
}
