package io.momentic.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Known answers for a seven-period series. Expected values were computed independently with a
 * short Python script written straight from the published definitions (empyrical's
 * annual_return, sharpe_ratio, downside_risk, sortino_ratio, max_drawdown, omega_ratio,
 * tail_ratio, alpha/beta; pandas' skew and kurt); the simplest are also worked by hand.
 */
class MetricsKnownAnswerTest {

  private static final double[] R = {0.01, -0.02, 0.03, 0.0, -0.01, 0.015, -0.005};
  private static final double[] B = {0.005, -0.01, 0.02, 0.001, -0.012, 0.01, 0.0};
  private static final Offset<Double> EPS = within(1e-12);

  @Test
  void returnBasedMetrics() {
    assertThat(ReturnMetrics.totalReturn(R)).isCloseTo(0.019316353170499845, EPS);
    assertThat(ReturnMetrics.annualReturn(R, 252)).isCloseTo(0.9912404403068884, within(1e-10));
    assertThat(ReturnMetrics.annualVolatility(R, 252)).isCloseTo(0.2666458325194677, EPS);
    assertThat(ReturnMetrics.sharpe(R, 252)).isCloseTo(2.700210962222456, EPS);
    assertThat(ReturnMetrics.downsideRisk(R, 252)).isCloseTo(0.1374772708486752, EPS);
    assertThat(ReturnMetrics.sortino(R, 252)).isCloseTo(5.237229365663816, within(1e-11));
    assertThat(ReturnMetrics.calmar(R, 252)).isCloseTo(49.562022015344375, within(1e-9));
    assertThat(ReturnMetrics.tailRatio(R)).isCloseTo(1.5, within(1e-12));
    assertThat(ReturnMetrics.skew(R)).isCloseTo(0.37302984317070337, EPS);
    assertThat(ReturnMetrics.excessKurtosis(R)).isCloseTo(-0.2922929017785623, EPS);
  }

  @Test
  void handWorked() {
    // Peak 1.01 after +1 %, then −2 %: the worst drawdown is exactly −2 %.
    assertThat(ReturnMetrics.maxDrawdown(R)).isCloseTo(-0.02, EPS);
    // Omega: gains 0.01 + 0.03 + 0.015 = 0.055 over losses 0.02 + 0.01 + 0.005 = 0.035.
    assertThat(ReturnMetrics.omega(R)).isCloseTo(0.055 / 0.035, EPS);
    // 3 of 7 periods positive; mean win 0.055/3 over mean loss 0.035/3.
    assertThat(ReturnMetrics.hitRate(R)).isCloseTo(3.0 / 7, EPS);
    assertThat(ReturnMetrics.winLossRatio(R)).isCloseTo(0.055 / 0.035, EPS);
    // A first-period loss is a drawdown from the starting value (empyrical convention).
    assertThat(ReturnMetrics.maxDrawdown(new double[] {-0.1, 0.05})).isCloseTo(-0.1, EPS);
  }

  @Test
  void benchmarkRelative() {
    assertThat(ReturnMetrics.beta(R, B)).isCloseTo(1.4555256064690028, EPS);
    assertThat(ReturnMetrics.alpha(R, B, 252)).isCloseTo(-0.013493408504628657, within(1e-10));
    assertThat(ReturnMetrics.informationRatio(R, B, 252)).isCloseTo(2.0103681358348373, within(1e-11));
    assertThat(ReturnMetrics.beta(B, B)).isCloseTo(1, EPS);
  }

  @Test
  void equityMetrics() {
    double[] equity = {100, 110, 99, 105, 120, 90, 96};
    // Drawdowns: 110 → 99 (−10 %, recovered at 120 two bars later), 120 → 90 (−25 %, not recovered).
    assertThat(EquityMetrics.maxDrawdown(equity)).isCloseTo(-0.25, EPS);
    assertThat(EquityMetrics.averageDrawdown(equity)).isCloseTo((-0.10 - 0.25) / 2, EPS);
    // Longest: from the peak at index 1 to index 3 (2 bars) vs from index 4 to the end (2 bars).
    assertThat(EquityMetrics.maxDrawdownDuration(equity)).isEqualTo(2);
    assertThat(EquityMetrics.returns(new double[] {100, 110, 99})).containsExactly(new double[] {0.1, -0.1}, within(1e-15));
    // Doubling over exactly two calendar years (730.5 days): √2 − 1.
    long start = 0;
    long end = (long) (2 * 365.25 * 86_400_000L);
    assertThat(EquityMetrics.cagr(new double[] {100, 150, 200}, start, end)).isCloseTo(Math.sqrt(2) - 1, EPS);
  }

  @Test
  void tradeStatistics() {
    // P&L 100, −50, 30, −20: win rate 50 %; PF 130/70; expectancy 15;
    // std(ddof=1) of P&L: mean 15, squares 7225 + 4225 + 225 + 1225 = 12900 → √4300; SQN = 2·15/√4300.
    TradeStats s = TradeStats.of(new double[] {100, -50, 30, -20}, new double[] {10, -5, 3, -2},
        new int[] {3, 1, 4, 2});
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.winRatePct()).isEqualTo(50);
    assertThat(s.profitFactor()).isCloseTo(130.0 / 70, EPS);
    assertThat(s.profitFactorReturns()).isCloseTo(13.0 / 7, EPS);
    assertThat(s.expectancy()).isCloseTo(15, EPS);
    assertThat(s.sqn()).isCloseTo(2 * 15 / Math.sqrt(4300), EPS);
    assertThat(s.bestTradePct()).isEqualTo(10);
    assertThat(s.worstTradePct()).isEqualTo(-5);
    assertThat(s.averageTradePct()).isCloseTo(1.5, EPS);
    assertThat(s.averageBarsHeld()).isCloseTo(2.5, EPS);
    assertThat(s.maxBarsHeld()).isEqualTo(4);
  }

  @Test
  void rollingSharpe_matchesThePointMetricOnEachWindow() {
    double[] rolling = ReturnMetrics.rollingSharpe(R, 4, 252);
    assertThat(rolling[2]).isNaN();
    assertThat(rolling[6]).isCloseTo(ReturnMetrics.sharpe(new double[] {0.0, -0.01, 0.015, -0.005}, 252), EPS);
  }
}
