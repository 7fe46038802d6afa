package io.momentic.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.BarContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Charts never hang: long series are decimated, extreme ranges get their own axes. */
class RunChartsTest {

  /** Buys everything on the first bar and holds. */
  static final class Hold implements Strategy {
    @Override
    public void onBar(BarContext c) {
      if (c.position(0) == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
      }
    }
  }

  private static BufferedImage draw(BacktestResult r) throws Exception {
    byte[] png = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> RunCharts.of(r, 252).png("test"),
        "the chart must finish (a liveness bound, not a speed measurement)");
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void decimationKeepsEachBucketsExtremesInOrder() {
    double[] v = new double[1_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i / 10.0);
    }
    v[500] = 99; // one spike
    v[501] = Double.NaN;
    int[] kept = RunCharts.decimate(v, 100);
    assertThat(kept.length).isLessThanOrEqualTo(100);
    assertThat(kept).contains(500).doesNotContain(501);
    for (int i = 1; i < kept.length; i++) {
      assertThat(kept[i]).isGreaterThan(kept[i - 1]);
    }
    assertThat(RunCharts.decimate(new double[] {1, Double.NaN, 3}, 100)).containsExactly(0, 2);
  }

  @Test
  void aMillionBarRunDraws() throws Exception {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(5, 1_000_000)));
    BufferedImage image = draw(BacktestEngine.run(panel, new Hold(), BacktestConfig.of(10_000)));
    assertThat(image.getWidth()).isEqualTo(RunCharts.WIDTH);
  }

  @Test
  void extremeAndFlatRangesDraw() throws Exception {
    // Equity near 1e15 moving by cents, and a flat series: ranges XChart's own tick search cannot handle.
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("BIG"), Interval.D1);
    for (int i = 0; i < 300; i++) {
      double p = 1e12 + (i % 2) * 0.01;
      b.add(TestBars.day("2020-01-01") + i * 86_400_000L, p, p, p, p, 1);
    }
    Panel big = Panel.align(List.of(b.build()));
    assertThat(draw(BacktestEngine.run(big, new Hold(), BacktestConfig.of(1e15))).getHeight()).isPositive();
    Panel flat = Panel.align(List.of(TestBars.randomWalk(1, 300)));
    Strategy idle = new Strategy() {
      @Override
      public void onBar(BarContext c) {
      }
    };
    assertThat(draw(BacktestEngine.run(flat, idle, BacktestConfig.of(10_000))).getHeight()).isPositive();
  }
}
