package io.momentic.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.BarContext;
import io.momentic.engine.FeatureWatch;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TradeChartTest {

  /** Registers a price-scale line (close × 1.01) and a 0/1 flag; buys at bars 3 and 20, sells at 10. */
  static final class Scripted implements Strategy {
    @Override
    public void prepare(PrepareContext c) {
      Panel p = c.data();
      double[] line = new double[p.size()];
      double[] flag = new double[p.size()];
      for (int t = 0; t < p.size(); t++) {
        line[t] = p.close(0, t) * 1.01;
        flag[t] = t % 2;
      }
      c.feature("line", line);
      c.feature("flag", flag);
    }

    @Override
    public void onBar(BarContext c) {
      if (c.bar() == 3 || c.bar() == 20) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      } else if (c.bar() == 10) {
        c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
      }
    }
  }

  @Test
  void candlesMergeBars_tradesCarryTheirFills_andTheDrawdownIsTheBars() {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(11, 40)));
    FeatureWatch watch = new FeatureWatch(new Scripted());
    BacktestResult r = BacktestEngine.run(panel, watch, BacktestConfig.of(10_000));
    int n = r.times().length;
    int first = panel.size() - n;
    Map<String, Object> doc = TradeChart.of(panel, r, watch.features(), 7);
    int step = (n + 6) / 7;
    assertThat(doc.get("bars_per_candle")).isEqualTo(step);
    Map<?, ?> sym = (Map<?, ?>) ((List<?>) doc.get("symbols")).get(0);
    List<?> candles = (List<?>) sym.get("candles");
    assertThat(candles).hasSize((n + step - 1) / step);
    // The second candle by hand: bars step … 2·step−1 of the traded span.
    double[] c1 = (double[]) candles.get(1);
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double volume = 0;
    for (int k = step; k < 2 * step; k++) {
      high = Math.max(high, panel.high(0, first + k));
      low = Math.min(low, panel.low(0, first + k));
      volume += panel.volume(0, first + k);
    }
    assertThat(c1).containsExactly(r.times()[2 * step - 1] / 1000, panel.open(0, first + step), high, low,
        panel.close(0, first + 2 * step - 1), volume);
    // Only the price-scale feature is drawn, at each candle's last bar.
    Map<?, ?> features = (Map<?, ?>) sym.get("features");
    assertThat(features.keySet().stream().map(String::valueOf).toList()).containsExactly("line");
    double[] p1 = (double[]) ((List<?>) features.get("line")).get(1);
    assertThat(p1[1]).isCloseTo(panel.close(0, first + 2 * step - 1) * 1.01, within(1e-9));
    // Two trades: one closed at bar 11's open (decided at bar 10), one still open; reasons from their fills.
    List<?> trades = (List<?>) doc.get("trades");
    assertThat(trades).hasSize(r.trades().size() + r.openTrades().size()).hasSize(2);
    Map<?, ?> closed = (Map<?, ?>) trades.get(0);
    assertThat(closed.get("open")).isEqualTo(false);
    assertThat(closed.get("exit_time")).isEqualTo((double) (r.trades().get(0).exitTime() / 1000));
    assertThat(closed.get("exit_reason")).isEqualTo(r.fills().get(1).reason());
    assertThat(((Map<?, ?>) trades.get(1)).get("open")).isEqualTo(true);
    // Peak and deepest drawdown by brute force over every bar's equity.
    double[] e = r.equity();
    int peak = 0;
    double worst = 0;
    int valley = 0;
    for (int t = 0; t < n; t++) {
      peak = e[t] > e[peak] ? t : peak;
      for (int s = 0; s <= t; s++) {
        if (e[t] / e[s] - 1 < worst) {
          worst = e[t] / e[s] - 1;
          valley = t;
        }
      }
    }
    assertThat(((Map<?, ?>) doc.get("peak")).get("equity")).isEqualTo(e[peak]);
    Map<?, ?> dd = (Map<?, ?>) doc.get("max_drawdown");
    assertThat((double) dd.get("depth_pct")).isCloseTo(100 * worst, within(1e-9));
    assertThat(dd.get("valley_time")).isEqualTo((double) (r.times()[valley] / 1000));
    assertThat((List<?>) doc.get("equity")).hasSize(candles.size());
  }

  /** A signal instrument's moving average is never drawn on the traded instrument's candles. */
  @Test
  void aSharedFeature_isDrawnOnlyOnTheSymbolItTracks() {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(3, 60), TestBars.randomWalk(4, 60)));
    double[] signalLine = new double[panel.size()];
    double[] ownLine = new double[panel.size()];
    for (int t = 0; t < panel.size(); t++) {
      signalLine[t] = panel.close(1, t);
      ownLine[t] = panel.close(0, t);
    }
    double[][] shared = {signalLine, signalLine};
    double[][] perSymbol = {ownLine, signalLine};
    int first = 0;
    assertThat(TradeChart.ownSymbol(shared, panel, 1, first)).isTrue();
    assertThat(TradeChart.ownSymbol(shared, panel, 0, first)).isFalse();
    assertThat(TradeChart.ownSymbol(perSymbol, panel, 0, first)).isTrue();
  }
}
