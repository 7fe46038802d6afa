package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmaCrossTest {

  // Closes 10, 9, 8, 12, 15, 8, 5, 5 (each bar opens at the previous close).
  // SMA2: –, 9.5, 8.5, 10, 13.5, 11.5, 6.5, 5;  SMA3: –, –, 9, 9.67, 11.67, 11.67, 9.33, 6.
  // Cross up at bar 3 (8.5 < 9 then 10 > 9.67) → buy at bar 4's open 12.
  // Cross down at bar 5 (13.5 > 11.67 then 11.5 < 11.67) → sell at bar 6's open 8.
  private static final BarSeries BARS = TestBars.daily("X", "2024-01-01", 10, 9, 8, 12, 15, 8, 5, 5);

  @Test
  void longOnly_buysAllCashOnCrossUp_closesOnCrossDown() {
    BacktestResult r = BacktestEngine.run(BARS, new SmaCross(2, 3, true), BacktestConfig.of(1_000));
    // floor(1,000 / 12) = 83 shares for 996 (4 left); sold at 8 for 664 → 668.
    assertThat(r.fills()).extracting(Fill::bar).containsExactly(4, 6);
    assertThat(r.fills()).extracting(Fill::quantity).containsExactly(83.0, 83.0);
    assertThat(r.trades()).singleElement().satisfies(t -> assertThat(t.pnl()).isEqualTo((8 - 12) * 83));
    assertThat(r.finalEquity()).isEqualTo(668);
  }

  @Test
  void longShort_alsoShortsTheEquityOnCrossDown() {
    BacktestResult r = BacktestEngine.run(BARS, new SmaCross(2, 3, false), BacktestConfig.of(1_000));
    // At bar 6's open: sell 83 at 8 (cash 668), then short floor(668 / 8) = 83 → cash 1,332, −83 shares;
    // marked at the last close 5: 1,332 − 415 = 917.
    assertThat(r.fills()).extracting(Fill::action).containsExactly("buy", "sell", "short_open");
    assertThat(r.fills().get(2).quantity()).isEqualTo(83);
    assertThat(r.finalEquity()).isEqualTo(917);
  }

  @Test
  void registry_resolvesParametersAndRejectsBadOnes() {
    assertThat(StrategyRegistry.create("sma-cross", Map.of("fast", "5", "slow", "20"))).isInstanceOf(SmaCross.class);
    assertThatThrownBy(() -> StrategyRegistry.create("sma-cross", Map.of("fast", "20", "slow", "5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fast < slow");
    assertThatThrownBy(() -> StrategyRegistry.create("sma-cross", Map.of("fats", "5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'fats': unknown parameter");
    assertThatThrownBy(() -> StrategyRegistry.create("sma-cross", Map.of("fast", "five")))
        .hasMessageContaining("expected an integer, found 'five'");
    assertThatThrownBy(() -> StrategyRegistry.create("nope", Map.of())).hasMessageContaining("'nope'");
  }

  @Test
  void buyAndHold_investsOnceAndHolds() {
    BacktestResult r = BacktestEngine.run(BARS, new BuyAndHold(), BacktestConfig.of(1_000));
    // Bar 1 opens at 10: 100 shares; the last close is 5 → 500.
    assertThat(r.fills()).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualTo(100));
    assertThat(r.finalEquity()).isEqualTo(500);
  }
}
