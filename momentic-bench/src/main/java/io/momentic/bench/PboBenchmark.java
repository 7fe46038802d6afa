package io.momentic.bench;

import io.momentic.research.BacktestOverfitting;
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
 * The probability of backtest overfitting (CSCV, 16 blocks: 12,870 combinations) of a sweep's
 * trials, from the full bars × trials return matrix (what a sweep would have to keep) against
 * from the per-trial block sums and sums of squares a sweep streams as its trials finish (what it
 * keeps: 2 × 16 numbers a trial). Both give the same result (BacktestOverfittingTest); this says
 * what each costs. Seeded noise returns, 2,520 bars (ten years of days).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class PboBenchmark {

  static final int BARS = 2_520;
  static final int PARTITIONS = 16;

  @Param({"1000", "10000"})
  int trials;

  double[][] matrix;
  double[][] sum;
  double[][] sumSq;

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2026);
    matrix = new double[BARS][trials];
    for (double[] row : matrix) {
      for (int n = 0; n < trials; n++) {
        row[n] = 0.01 * (rng.nextDouble() - 0.5);
      }
    }
    int rows = BARS / PARTITIONS;
    sum = new double[trials][PARTITIONS];
    sumSq = new double[trials][PARTITIONS];
    for (int b = 0; b < PARTITIONS; b++) {
      for (int t = b * rows; t < (b + 1) * rows; t++) {
        for (int n = 0; n < trials; n++) {
          sum[n][b] += matrix[t][n];
          sumSq[n][b] += matrix[t][n] * matrix[t][n];
        }
      }
    }
  }

  @Benchmark
  public double fromMatrix() {
    return BacktestOverfitting.cscv(matrix, PARTITIONS).pbo();
  }

  @Benchmark
  public double fromBlockAggregates() {
    return BacktestOverfitting.cscv(sum, sumSq, BARS / PARTITIONS).pbo();
  }
}
