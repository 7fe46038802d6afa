package io.momentic.spark;

import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Window;
import io.momentic.research.TrialTable;
import io.momentic.strategies.StrategyRegistry;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link Sweep} on Apache Spark. The panel is broadcast (shipped once per executor and rebuilt
 * once per executor JVM); each task runs one chunk of trials with the same code as the local
 * sweep, one trial after another; the driver collects the rows and orders them by trial index.
 * Same grid and seed → the same result rows as {@link Sweep#run} on one machine.
 */
public final class SparkSweep {

  /** Panels rebuilt on this JVM, by broadcast id: one per executor, not one per task. */
  private static final Map<Long, Panel> PANELS = new ConcurrentHashMap<>();

  /** One trial's outcome as it travels back to the driver. */
  private record Task(int index, LinkedHashMap<String, String> params) implements Serializable {}

  private record Row(int index, LinkedHashMap<String, String> params, String[] metricNames, double[] metrics,
      double[] blockSum, double[] blockSumSq) implements Serializable {}

  private SparkSweep() {}

  /**
   * Runs {@code trials} of a built-in strategy ({@code fixed} parameters plus each trial's) over
   * {@code window}, {@code trialsPerTask} trials per Spark task.
   */
  public static Sweep.Result run(JavaSparkContext sc, Panel panel, List<Map<String, String>> trials, String strategy,
      Map<String, String> fixed, BacktestConfig config, Window window, int blocks, int trialsPerTask) {
    return run(sc, panel, trials, strategy, fixed, config, window, blocks, trialsPerTask, Double.NaN);
  }

  /**
   * The trial stage of {@code momentic sweep} on the cluster: a {@link Sweep.TrialRunner} whose
   * rows are {@link Sweep#run}'s (the strategy rebuilt on the executors from its name and the fixed
   * parameters, as the local factory builds it), so the study after it — the top k, DSR, PBO from
   * the rows' block sums, the bootstrap — is the local sweep's, on the driver.
   */
  public static Sweep.TrialRunner runner(JavaSparkContext sc, String strategy, Map<String, String> fixed,
      int trialsPerTask) {
    return (panel, trials, factory, config, window, threads, blocks, progress, periodsPerYear) -> {
      Sweep.Result r = run(sc, panel, trials, strategy, fixed, config, window, blocks, trialsPerTask, periodsPerYear);
      progress.accept(trials.size());
      return r;
    };
  }

  /** As above, annualised with {@code periodsPerYear} (NaN: the panel's own). */
  public static Sweep.Result run(JavaSparkContext sc, Panel panel, List<Map<String, String>> trials, String strategy,
      Map<String, String> fixed, BacktestConfig config, Window window, int blocks, int trialsPerTask,
      double periodsPerYear) {
    if (trialsPerTask < 1) {
      throw new IllegalArgumentException("Expected trials per task >= 1, but found " + trialsPerTask);
    }
    // Fail on the driver, not in a task: the strategy and every parameter name must resolve.
    StrategyRegistry.create(strategy, merged(fixed, trials.get(0)));
    Broadcast<PanelSnapshot> data = sc.broadcast(PanelSnapshot.of(panel));
    List<List<Task>> chunks = new ArrayList<>();
    for (int from = 0; from < trials.size(); from += trialsPerTask) {
      List<Task> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(trials.size(), from + trialsPerTask); i++) {
        chunk.add(new Task(i, new LinkedHashMap<>(trials.get(i))));
      }
      chunks.add(chunk);
    }
    LinkedHashMap<String, String> fixedCopy = new LinkedHashMap<>(fixed);
    int fromBar = window.fromBar(); // the closure carries plain values; research types stay unserializable
    int toBar = window.toBar();
    List<Row> rows = sc.parallelize(chunks, chunks.size())
        .flatMap(chunk -> runChunk(data, chunk, strategy, fixedCopy, config, new Window(fromBar, toBar), blocks,
            periodsPerYear).iterator())
        .collect();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingInt(Row::index));
    List<Sweep.Trial> out = new ArrayList<>();
    for (Row r : sorted) {
      out.add(new Sweep.Trial(r.index(), java.util.Collections.unmodifiableMap(r.params()), r.metrics(), r.blockSum(),
          r.blockSumSq()));
    }
    Row first = sorted.get(0);
    // Held column-wise as the local sweep holds its rows: CSCV then reads them in place.
    return new Sweep.Result(List.of(first.metricNames()), TrialTable.of(out, first.metrics().length,
        first.blockSum().length), window, first.blockSum().length,
        Sweep.rowsPerBlock(window, blocks), Double.isNaN(periodsPerYear)
            ? io.momentic.research.RunMetrics.periodsPerYear(panel) : periodsPerYear);
  }

  private static List<Row> runChunk(Broadcast<PanelSnapshot> data, List<Task> chunk, String strategy, Map<String, String> fixed,
      BacktestConfig config, Window window, int blocks, double periodsPerYear) {
    Panel panel = PANELS.computeIfAbsent(data.id(), id -> data.value().toPanel());
    List<Map<String, String>> params = new ArrayList<>();
    for (Task t : chunk) {
      params.add(t.params());
    }
    Sweep.Result local = Sweep.run(panel, params, p -> StrategyRegistry.create(strategy, merged(fixed, p)), config,
        window, 1, blocks, k -> {}, periodsPerYear);
    List<Row> out = new ArrayList<>();
    String[] names = local.metricNames().toArray(String[]::new);
    for (int i = 0; i < chunk.size(); i++) {
      Sweep.Trial t = local.trials().get(i);
      out.add(new Row(chunk.get(i).index(), chunk.get(i).params(), names, t.metrics(), t.blockSum(),
          t.blockSumSq()));
    }
    return out;
  }

  private static Map<String, String> merged(Map<String, String> fixed, Map<String, String> trial) {
    Map<String, String> m = new LinkedHashMap<>(fixed);
    m.putAll(trial);
    return m;
  }
}
