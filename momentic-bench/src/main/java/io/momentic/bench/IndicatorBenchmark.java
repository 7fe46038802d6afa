package io.momentic.bench;

import io.momentic.indicators.MovingAverages;
import java.util.SplittableRandom;
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
 * SMA and EMA kernels over a 1,000,000-bar array, writing into a preallocated output (the way a
 * sweep reuses buffers). Values/s = 1e6 / (ms per op) × 1e3. Target: ≥ 100 M values/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IndicatorBenchmark {

  @Param({"1000000"})
  int size;

  @Param({"20", "200"})
  int period;

  double[] prices;
  double[] out;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    prices = new double[size];
    double p = 100;
    for (int i = 0; i < size; i++) {
      p *= 1 + (random.nextDouble() - 0.5) * 0.02;
      prices[i] = p;
    }
    out = new double[size];
  }

  @Benchmark
  public double[] sma() {
    MovingAverages.sma(prices, size, period, out);
    return out;
  }

  @Benchmark
  public double[] ema() {
    MovingAverages.ema(prices, size, period, out);
    return out;
  }
}
