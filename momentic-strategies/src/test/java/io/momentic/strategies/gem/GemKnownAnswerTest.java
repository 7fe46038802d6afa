package io.momentic.strategies.gem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import org.junit.jupiter.api.Test;

/** Spec §5's recorded notebook results on {@code bear_portfolio_candles.csv}. */
class GemKnownAnswerTest {

  static GemData candles() {
    Panel panel = Panel.align(BarFiles.read(TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv"))
        .series());
    return GemData.of(panel);
  }

  @Test
  void expBearW30_matchesTheNotebook() {
    GemBacktest.Result r = GemBacktest.run(candles(), GemParams.BEAR.with("fit_window", "30"),
        GemFit.Model.EXPONENTIAL, GemBacktest.Timing.SAME_CLOSE);
    GemMetrics m = GemMetrics.of(r);
    assertThat(m.finalValue()).isCloseTo(10_640.43, within(0.01));
    assertThat(m.totalReturnPct()).isCloseTo(6.40, within(0.01));
    assertThat(m.annualizedReturnPct()).isCloseTo(9.69, within(0.01));
    assertThat(m.maxDrawdownPct()).isCloseTo(-1.39, within(0.01));
    assertThat(m.sharpeRatio()).isCloseTo(1.593, within(0.001));
    assertThat(m.sortinoRatio()).isCloseTo(3.332, within(0.001));
    assertThat(m.calmarRatio()).isCloseTo(6.982, within(0.001));
    assertThat(m.rebalanceCount()).isEqualTo(21);
  }

  @Test
  void linBearW30_isIdentical() {
    GemMetrics m = GemMetrics.of(GemBacktest.run(candles(), GemParams.BEAR.with("fit_window", "30"),
        GemFit.Model.LINEAR, GemBacktest.Timing.SAME_CLOSE));
    assertThat(m.finalValue()).isCloseTo(10_640.43, within(0.01));
    assertThat(m.rebalanceCount()).isEqualTo(21);
  }

  @Test
  void equalWeightBuyAndHold_matchesTheNotebook() {
    GemMetrics m = GemMetrics.of(GemBacktest.buyAndHold(candles(), 0.003, 10_000));
    assertThat(m.totalReturnPct()).isCloseTo(-0.65, within(0.01));
    assertThat(m.annualizedReturnPct()).isCloseTo(-0.97, within(0.01));
    assertThat(m.maxDrawdownPct()).isCloseTo(-6.01, within(0.01));
    assertThat(m.calmarRatio()).isCloseTo(-0.161, within(0.001));
  }
}
