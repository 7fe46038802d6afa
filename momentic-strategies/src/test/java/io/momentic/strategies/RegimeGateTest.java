package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegimeGateTest {

  /**
   * A: 10 11 12 13 12 11 12 13 and B: 20 21 22 21 20 19 20 21. SMA(2) of A: –, 10.5, 11.5, 12.5,
   * 12.5, 11.5, 11.5, 12.5 → above on t = 1, 2, 3, 6, 7; of B: –, 20.5, 21.5, 21.5, 20.5, 19.5,
   * 19.5, 20.5 → above on t = 1, 2, 6, 7. Breadth: –, 1, 1, ½, 0, 0, 1, 1; at least ½ is open.
   */
  static Panel twoNames() {
    return Panel.align(List.of(TestBars.daily("A", "2024-01-01", 10, 11, 12, 13, 12, 11, 12, 13),
        TestBars.daily("B", "2024-01-01", 20, 21, 22, 21, 20, 19, 20, 21)));
  }

  @Test
  void breadthGate_byHand() {
    assertThat(RegimeGate.breadthGate(twoNames(), 2, 0.5)).containsExactly(1, 1, 1, 1, 0, 0, 1, 1);
  }

  @Test
  void closedGate_sellsEverythingAtTheNextOpen_andTheStrategyIsNotAsked() {
    BacktestResult r = BacktestEngine.run(twoNames(), StrategyRegistry.create("buy-and-hold",
        Map.of("regime-gate", "breadth", "regime-breadth-ma", "2", "regime-breadth-min", "0.5")),
        BacktestConfig.of(10_000));
    // Buy-and-hold targets ½ each at t0's close → fills at t1's open (= t0's close): 500 A at 10 and
    // 250 B at 20. The gate closes at t4's close → both sold at t5's open (= t4's close): 500·12 +
    // 250·20 = 11,000 in cash. It reopens at t6, but buy-and-hold has already decided, so cash stays.
    List<Fill> fills = r.fills();
    assertThat(fills).hasSize(4);
    assertThat(fills.get(2).bar()).isEqualTo(5);
    assertThat(fills.get(3).bar()).isEqualTo(5);
    assertThat(r.finalEquity()).isCloseTo(11_000, within(1e-9));
    assertThat(r.equity()[r.equity().length - 1]).isCloseTo(11_000, within(1e-9));
  }

  @Test
  void hmmGate_atT_isTheSameWhenLaterBarsAreCut() {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(17, 900)));
    double[] full = RegimeGate.hmmGate(panel, 0, 0.5);
    for (int cut : new int[] {280, 455, 899}) {
      Panel head = panel.upTo(cut + 1);
      double[] part = RegimeGate.hmmGate(head, 0, 0.5);
      assertThat(Arrays.copyOf(full, cut + 1)).as("cut %d", cut).containsExactly(part);
    }
  }

  @Test
  void hmmGate_isOpenUntilAModelExists_andClosesInTheDeepest2022Drawdown() throws Exception {
    List<String> rows = java.nio.file.Files.readAllLines(TestBars.sharedData()
        .resolve("trader_research/btcusdt_daily_2017_2026.csv"));
    double[] close = new double[rows.size() - 1];
    String[] dates = new String[close.length];
    for (int i = 1; i < rows.size(); i++) {
      String[] f = rows.get(i).split(",");
      dates[i - 1] = f[0];
      close[i - 1] = Double.parseDouble(f[5]);
    }
    Panel panel = Panel.align(List.of(TestBars.daily("BTC", dates[0], close)));
    double[] gate = RegimeGate.hmmGate(panel, 0, 0.5);
    // The first fit needs 50 drawdown values after the 200-bar window: nothing is known before bar 260.
    for (int t = 0; t < 260; t++) {
      assertThat(gate[t]).isEqualTo(1);
    }
    // BTC's 2022 low: 2022-11-21, −77 % from the 2021 high, far below any earlier 200-day peak.
    int low = Arrays.asList(dates).indexOf("2022-11-21");
    assertThat(gate[low]).isEqualTo(0);
  }

  @Test
  void gateSettingsWithoutAGate_orAnUnknownKind_areConfigErrors() {
    assertThatThrownBy(() -> StrategyRegistry.create("sma-cross", Map.of("regime-bear-max", "0.4")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("regime-gate=hmm");
    assertThatThrownBy(() -> StrategyRegistry.create("sma-cross", Map.of("regime-gate", "vix")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("none, hmm or breadth");
    assertThat(StrategyRegistry.create("sma-cross", Map.of("regime_gate", "hmm"))).isInstanceOf(RegimeGate.class);
    assertThat(StrategyRegistry.universe("qqq-long-short", Map.of("regime-gate", "hmm"))).contains("QQQ");
  }
}
