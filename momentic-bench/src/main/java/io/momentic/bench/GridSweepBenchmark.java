package io.momentic.bench;

import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.engine.BacktestConfig;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.strategies.StrategyRegistry;
import java.nio.file.Files;
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
 * The 151-combination {@code sma-cross} grid on GOOG (fast 5..45 step 5 × slow 10..190 step 10,
 * fast &lt; slow; vectorbt's and backtesting.py's documented optimisation workload) as
 * {@code momentic sweep} runs it: {@link Sweep#run} with every trial's full metrics and 16 return
 * blocks for PBO, the SMAs of each period computed once for the sweep and shared by its trials.
 * {@code threads} 1 is the sweep on one core; 0 is all cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class GridSweepBenchmark {

  @Param({"../shared/data/backtesting_py/GOOG.csv"})
  String googFile;

  @Param({"0", "1"})
  int threads;

  Panel panel;
  List<Map<String, String>> grid;
  BacktestConfig config;

  @Setup
  public void setUp() {
    Path p = Path.of(googFile);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("Benchmark data not found: " + p.toAbsolutePath()
          + " (run from the repository root with ../shared beside it, or pass -p googFile=PATH)");
    }
    panel = Panel.align(BarFiles.read(p).series());
    grid = ParameterGrid.parse(List.of("fast=5:45:5", "slow=10:190:10"), List.of("fast < slow")).trials();
    if (grid.size() != 151) {
      throw new IllegalStateException("Expected 151 combinations, found " + grid.size());
    }
    config = BacktestConfig.of(10_000);
  }

  @Benchmark
  public Sweep.Result grid151() {
    return Sweep.run(panel, grid, p -> StrategyRegistry.create("sma-cross", p), config, Sweep.Window.all(panel),
        threads == 0 ? Sweep.defaultThreads() : threads, 16, k -> {});
  }
}
