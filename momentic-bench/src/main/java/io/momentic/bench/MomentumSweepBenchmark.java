package io.momentic.bench;

import io.momentic.core.Clock;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.Resampler;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.strategies.StrategyRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
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
 * Issue 6's target: the 225-configuration cross-sectional momentum sweep of
 * {@code config/strategy/xsec_momentum_sweep.toml} (lookback × skip × top_n × gate) on the
 * 505-name S&amp;P panel aggregated to 262 weekly bars, on all cores, as {@code momentic sweep}
 * runs its train stage (full metrics and 16 PBO blocks per trial). Loading and resampling are
 * set-up, not measured. Target: under 2 s warm on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MomentumSweepBenchmark {

  @Param({"../shared/data/sp500_5yr/all_stocks_5yr.csv"})
  String panelFile;

  Panel weekly;
  List<Map<String, String>> grid;
  BacktestConfig config;

  @Setup
  public void setUp() {
    Panel daily = Panel.align(BarFiles.read(Path.of(panelFile), LoadOptions.DEFAULT.withDropInvalid(true)).series());
    weekly = Resampler.resample(daily, Interval.W1, Clock.frozen(Instant.parse("2100-01-01T00:00:00Z")));
    grid = ParameterGrid.parse(List.of("lookback=13,26,39,52,65", "skip=0,1,4", "top_n=5,8,10,15,20",
        "gate=0,0.5,0.6"), List.of()).trials();
    config = BacktestConfig.of(100_000).withFees(FeeModel.bps(10)).withSlippage(SlippageModel.bps(5));
  }

  @Benchmark
  public Sweep.Result sweep() {
    return Sweep.run(weekly, grid, p -> {
      Map<String, String> all = new HashMap<>(p);
      all.put("gate_ma", "40");
      return StrategyRegistry.create("xsec-momentum", all);
    }, config, Sweep.Window.all(weekly), Sweep.defaultThreads(), 16, k -> {});
  }
}
