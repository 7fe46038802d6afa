package io.momentic.bench;

import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.strategies.StrategyRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * A 10,000-trial {@code sma-cross} sweep on GOOG (2,148 daily bars) on all cores, as
 * {@code momentic sweep} runs its train stage: every trial's full metrics and 16 return blocks
 * for PBO. The score is the time of one whole sweep; trials/s = 10,000 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SweepBenchmark {

  @Param({"../shared/data/backtesting_py/GOOG.csv"})
  String googFile;

  @Param({"10000"})
  int trials;

  Panel panel;
  List<Map<String, String>> grid;
  BacktestConfig config;

  @Setup
  public void setUp() {
    panel = Panel.align(BarFiles.read(Path.of(googFile)).series());
    grid = trialGrid(trials);
    config = BacktestConfig.of(10_000).withFees(FeeModel.fixedPlusRate(0, 0.001));
  }

  /** {@code n} seeded trials of fast 2..150 × slow 3..400 with fast &lt; slow. */
  static List<Map<String, String>> trialGrid(int n) {
    return ParameterGrid.parse(List.of("fast=2:150:1", "slow=3:400:1"), List.of("fast < slow")).sample(n, 42);
  }

  @Benchmark
  public Sweep.Result sweep() {
    return Sweep.run(panel, grid, p -> StrategyRegistry.create("sma-cross", p), config, Sweep.Window.all(panel),
        Sweep.defaultThreads(), 16, k -> {});
  }
}
