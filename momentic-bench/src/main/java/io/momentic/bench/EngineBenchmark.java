package io.momentic.bench;

import io.momentic.core.BarSeries;
import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.indicators.MovingAverages;
import io.momentic.strategies.SmaCross;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The full engine running the built-in {@code sma-cross} (long-only, all cash in whole units, next
 * open) beside a hand-written primitive loop doing the same crossover arithmetic: on GOOG (2,148
 * bars), on the 151-combination grid (fast 5..45 step 5 × slow 10..190 step 10, fast &lt; slow) over
 * GOOG, and on one 1,000,000-bar GBM series. Setup checks that both give the same final equity, so
 * they do the same work. Target: the engine within 3× of the hand loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class EngineBenchmark {

  static final double CASH = 10_000;

  @Param({"goog", "gbm1m"})
  String data;

  @Param({"../shared/data/backtesting_py/GOOG.csv"})
  String googFile;

  Panel panel;
  double[] open;
  double[] close;
  List<int[]> grid;

  @Setup
  public void setUp() {
    BarSeries series;
    if (data.equals("goog")) {
      Path p = Path.of(googFile);
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException("Benchmark data not found: " + p.toAbsolutePath()
            + " (run from the repository root with ../shared beside it, or pass -p googFile=PATH)");
      }
      series = BarFiles.read(p).single();
    } else {
      series = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, 1_000_000, 42)).get(0);
    }
    panel = Panel.align(List.of(series));
    open = series.opens();
    close = series.closes();
    grid = new ArrayList<>();
    for (int fast = 5; fast <= 45; fast += 5) {
      for (int slow = 10; slow <= 190; slow += 10) {
        if (fast < slow) {
          grid.add(new int[] {fast, slow});
        }
      }
    }
    if (grid.size() != 151) {
      throw new IllegalStateException("Expected 151 combinations, found " + grid.size());
    }
    for (int[] fs : new int[][] {{10, 30}, {5, 190}, {45, 50}}) {
      double engine = engine(fs[0], fs[1]);
      double hand = handLoop(open, close, fs[0], fs[1]);
      if (Math.abs(engine - hand) > 1e-6 * CASH) {
        throw new IllegalStateException("Engine and hand loop disagree for " + fs[0] + "/" + fs[1] + ": " + engine
            + " vs " + hand);
      }
    }
  }

  double engine(int fast, int slow) {
    return BacktestEngine.run(panel, new SmaCross(fast, slow, true), BacktestConfig.of(CASH)).finalEquity();
  }

  @Benchmark
  public double engineSmaCross() {
    return engine(10, 30);
  }

  /**
   * The same run, then every output a report reads (bar times, the cash and exposure series, the
   * fills and trades, the final portfolio state): the engine builds those on first use, so this is
   * what a backtest costs when all of it is wanted.
   */
  @Benchmark
  public double engineSmaCrossAllOutputs() {
    io.momentic.engine.BacktestResult r = BacktestEngine.run(panel, new SmaCross(10, 30, true), BacktestConfig.of(CASH));
    return r.finalEquity() + r.times().length + r.cash()[r.cash().length - 1] + r.exposure()[0] + r.fills().size()
        + r.trades().size() + r.finalState().cash();
  }

  @Benchmark
  public double handLoopSmaCross() {
    return handLoop(open, close, 10, 30);
  }

  @Benchmark
  public double engineGrid151() {
    double sum = 0;
    for (int[] fs : grid) {
      sum += engine(fs[0], fs[1]);
    }
    return sum;
  }

  @Benchmark
  public double handLoopGrid151() {
    double sum = 0;
    for (int[] fs : grid) {
      sum += handLoop(open, close, fs[0], fs[1]);
    }
    return sum;
  }

  /**
   * The same strategy with nothing but arrays: SMAs of the close; a cross up (fast &lt; slow, then
   * fast &gt; slow) buys floor(cash / next open) units at the next open; a cross down sells them there.
   */
  static double handLoop(double[] open, double[] close, int fast, int slow) {
    int n = close.length;
    double[] f = MovingAverages.sma(close, fast);
    double[] s = MovingAverages.sma(close, slow);
    double cash = CASH;
    double units = 0;
    int pending = 0; // +1 buy, −1 sell at the next open
    double equity = cash;
    for (int t = 0; t < n; t++) {
      if (pending > 0 && units == 0) {
        units = Math.floor(cash / open[t]);
        cash -= units * open[t];
      } else if (pending < 0 && units > 0) {
        cash += units * open[t];
        units = 0;
      }
      pending = 0;
      equity = cash + units * close[t];
      if (t > 0 && !Double.isNaN(s[t - 1])) {
        if (f[t - 1] < s[t - 1] && f[t] > s[t]) {
          pending = 1;
        } else if (f[t - 1] > s[t - 1] && f[t] < s[t]) {
          pending = -1;
        }
      }
    }
    return equity;
  }
}
