package io.momentic.bench;

import io.momentic.core.BarSeries;
import io.momentic.core.Panel;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.Trail;
import io.momentic.indicators.TrueRange;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matching core with working orders on every bar: on a 100,000-bar GBM series a flat strategy
 * enters at market every {@code every} bars with a bracket — a fixed stop-loss 3 % below and a
 * take-profit 6 % above — or with a trailing stop-loss of 2 × ATR(14), so the core checks a stop
 * (ratcheted at each close for the trail) and a limit against every bar's range, fills one of them,
 * and cancels the other. Fees and slippage are on. Reported per run; divide by the bar count for
 * the cost of a bar with working exits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MatchingCoreBenchmark {

  @Param({"5"})
  int every;

  Panel panel;
  BacktestConfig config;

  /** Enters long every {@code every} bars while flat, with the chosen exits. */
  static final class Entries implements Strategy {
    private final int every;
    private final boolean trailing;
    private Feature atr;

    Entries(int every, boolean trailing) {
      this.every = every;
      this.trailing = trailing;
    }

    @Override
    public void prepare(PrepareContext c) {
      atr = c.feature("atr", TrueRange.atr(c.data().highs(0), c.data().lows(0), c.data().closes(0), 14));
    }

    @Override
    public void onBar(BarContext c) {
      if (c.bar() % every == 0 && c.position(0) == 0) {
        enter(c);
      }
    }

    private void enter(BarContext c) {
      double close = c.close(0);
      Order entry = Order.market(0, Side.BUY, Sizing.equityFraction(0.5));
      c.submit(trailing ? entry.withTrailingBracket(Trail.byFeature(atr, 2), close * 1.06)
          : entry.withBracket(close * 0.97, close * 1.06));
    }
  }

  @Setup
  public void setUp() {
    BarSeries series = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, 100_000, 7)).get(0);
    panel = Panel.align(List.of(series));
    config = BacktestConfig.of(100_000).withFees(FeeModel.bps(10)).withSlippage(SlippageModel.bps(2));
  }

  @Benchmark
  public double bracketsFixed() {
    return BacktestEngine.run(panel, new Entries(every, false), config).finalEquity();
  }

  @Benchmark
  public double bracketsTrailing() {
    return BacktestEngine.run(panel, new Entries(every, true), config).finalEquity();
  }
}
