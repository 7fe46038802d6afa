package io.momentic.bench;

import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.research.Sweep;
import io.momentic.strategies.StrategyRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Peak heap of a sweep, to show it stays flat as trials grow: run in a fresh JVM per trial count
 * with a small heap (e.g. {@code -Xmx64m -XX:+UseSerialGC}); prints the heap retained by the
 * result after a full GC and the peak heap pool usage of the whole run.
 *
 * <pre>java -Xmx64m -XX:+UseSerialGC -cp momentic-bench/target/benchmarks.jar io.momentic.bench.SweepHeap 10000</pre>
 */
public final class SweepHeap {

  private SweepHeap() {}

  public static void main(String[] args) {
    int trials = Integer.parseInt(args[0]);
    String file = args.length > 1 ? args[1] : "../shared/data/backtesting_py/GOOG.csv";
    Panel panel = Panel.align(BarFiles.read(Path.of(file)).series());
    List<Map<String, String>> grid = SweepBenchmark.trialGrid(trials);
    BacktestConfig config = BacktestConfig.of(10_000).withFees(FeeModel.fixedPlusRate(0, 0.001));
    long before = usedAfterGc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    Sweep.Result result = Sweep.run(panel, grid, p -> StrategyRegistry.create("sma-cross", p), config,
        Sweep.Window.all(panel), Sweep.defaultThreads(), 16, k -> {});
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long retained = usedAfterGc() - before;
    System.out.printf("trials=%d retained_by_result=%.1f MB (%.0f bytes/trial) peak_heap=%.1f MB max_heap=%.0f MB%n",
        result.trials().size(), retained / 1e6, retained / (double) trials, peak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
