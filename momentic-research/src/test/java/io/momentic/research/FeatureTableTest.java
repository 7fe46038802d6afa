package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BarContext;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {

  @Test
  void oneRowPerBar_newestFirst_withTheFeatureAndTheHoldings_byHand() {
    // Closes 10, 9, 8, 12, 15, 8, 5, 5 from 2024-01-01 (each bar opens at the previous close).
    // The strategy registers "up" (1 when the close rose, else 0; unknown at bar 0), buys 83 at bar 3's
    // decision (filled at bar 4's open, 12) and sells at bar 5's (filled at bar 6's open, 8).
    Panel p = Panel.align(List.of(TestBars.daily("X", "2024-01-01", 10, 9, 8, 12, 15, 8, 5, 5)));
    Strategy s = new Strategy() {
      @Override
      public void prepare(PrepareContext c) {
        double[] close = c.data().closes(0);
        double[] up = new double[close.length];
        up[0] = Double.NaN;
        for (int t = 1; t < close.length; t++) {
          up[t] = close[t] > close[t - 1] ? 1 : 0;
        }
        c.feature("Up", new double[][] {up});
      }

      @Override
      public void onBar(BarContext c) {
        if (c.bar() == 3) {
          c.submit(Order.market(0, Side.BUY, Sizing.units(83)));
        } else if (c.bar() == 5) {
          c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
        }
      }
    };
    String csv = FeatureTable.csv(p, s, BacktestConfig.of(1_000));
    List<String> rows = csv.lines().toList();
    assertThat(rows.get(0)).isEqualTo("timestamp,closing_price,daily_return,up,position_weight,cash_weight");
    assertThat(rows).hasSize(9);
    assertThat(rows.get(1)).startsWith("2024-01-08T00:00:00Z,5,0,"); // newest first
    String[] bar4 = rows.get(8 - 4).split(",", -1);
    assertThat(bar4[0]).isEqualTo("2024-01-05T00:00:00Z");
    assertThat(bar4[1]).isEqualTo("15");
    assertThat(Double.parseDouble(bar4[2])).isCloseTo(15.0 / 12 - 1, within(1e-15));
    assertThat(bar4[3]).isEqualTo("1"); // 15 > 12
    // Held at bar 4's close: 83 × 15 = 1,245 of equity 4 + 1,245 = 1,249.
    assertThat(Double.parseDouble(bar4[4])).isCloseTo(1_245.0 / 1_249, within(1e-15));
    assertThat(Double.parseDouble(bar4[5])).isCloseTo(4.0 / 1_249, within(1e-15));
    String[] bar3 = rows.get(8 - 3).split(",", -1);
    assertThat(bar3[3]).isEqualTo("1"); // 12 > 8
    assertThat(bar3[4]).isEqualTo("0");
    assertThat(bar3[5]).isEqualTo("1");
    assertThat(rows.get(8).split(",", -1)[3]).isEmpty(); // bar 0: unknown
    assertThat(rows.get(8).split(",", -1)[2]).isEmpty(); // and no return before the first bar
  }
}
