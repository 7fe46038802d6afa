package io.momentic.engine;

import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event loop allocates nothing per bar beyond its outputs: the bytes a run allocates grow with
 * the bar count only by the result arrays (times, equity, cash, exposure: 32 bytes a bar) and by the
 * ledger (a few hundred bytes a fill). Measured with the JVM's per-thread allocation counter.
 */
class AllocationTest {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Reads a precomputed feature and the portfolio every bar; flips long/flat on the feature's sign. */
  static final class Flipper implements Strategy {
    private Feature signal;

    @Override
    public void prepare(PrepareContext context) {
      double[] c = context.data().closes(0);
      double[] s = new double[c.length];
      for (int t = 1; t < c.length; t++) {
        s[t] = c[t] - c[t - 1];
      }
      signal = context.feature("signal", s);
    }

    @Override
    public void onBar(BarContext c) {
      double x = c.get(signal, 0) + 0 * c.equity() + 0 * c.close(0, 1);
      if (c.bar() % 50 == 0) {
        if (x > 0 && c.position(0) == 0) {
          c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
        } else if (x < 0 && c.position(0) > 0) {
          c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
        }
      }
    }
  }

  private static long allocated(Panel panel, Strategy strategy, BacktestConfig config, long[] fillsOut) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    BacktestResult r = BacktestEngine.run(panel, strategy, config);
    long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
    fillsOut[0] = r.fills().size() + r.trades().size();
    return bytes;
  }

  @Test
  void bytesPerBar_areTheOutputsOnly() {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
    BacktestConfig config = BacktestConfig.of(100_000).withFees(FeeModel.fixedPlusRate(1, 0.001))
        .withSlippage(SlippageModel.bps(2));
    Panel small = Panel.align(List.of(TestBars.randomWalk(3, 100_000)));
    Panel large = Panel.align(List.of(TestBars.randomWalk(3, 200_000)));
    long[] ledger = new long[1];
    for (int i = 0; i < 5; i++) { // warm up: let the JIT compile the loop as it runs in production
      allocated(small, new Flipper(), config, ledger);
    }
    long[] smallLedger = new long[1];
    long[] largeLedger = new long[1];
    long a = allocated(small, new Flipper(), config, smallLedger);
    long b = allocated(large, new Flipper(), config, largeLedger);
    long extraBars = 100_000;
    // Outputs: 4 arrays × 8 bytes; precompute: the closes copy and the feature (2 × 8 bytes).
    long expectedArrays = extraBars * (32 + 16);
    long ledgerBytes = (largeLedger[0] - smallLedger[0]) * 512;
    assertThat(b - a).as("extra bytes for %d more bars (%d more ledger entries)", extraBars,
        largeLedger[0] - smallLedger[0]).isLessThanOrEqualTo(expectedArrays + ledgerBytes + 256 * 1024);
  }
}
