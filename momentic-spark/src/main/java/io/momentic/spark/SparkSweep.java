package io.momentic.spark;

import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Window;
import io.momentic.research.TrialTable;
import io.momentic.strategies.StrategyRegistry;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * {@link Sweep} on Apache Spark. The panel is broadcast (shipped once per executor and rebuilt
 * once per executor JVM); each task runs one chunk of trials with the same code as the local
 * sweep, one trial after another; the driver folds each task's rows into the trial table as it
 * finishes.
 * Same grid and seed → the same result rows as {@link Sweep#run} on one machine.
 */
public final class SparkSweep {

  /** Panels rebuilt on this JVM, by broadcast id: one per executor, not one per task. */
  private static final Map<Long, Panel> PANELS = new ConcurrentHashMap<>();

  /**
   * A task's rows as they travel back to the driver: trials {@code [from, from + n)} — their
   * metrics and return-block sums in flat arrays, without their parameters (the driver has them).
   */
  private record Chunk(int from, String[] metricNames, int blocks, double[] metrics, double[] blockSum,
      double[] blockSumSq) implements Serializable {
    int size() {
      return metrics.length / metricNames.length;
    }
  }

  private SparkSweep() {}

  /**
   * Runs {@code trials} of a built-in strategy ({@code fixed} parameters plus each trial's) over
   * {@code window}, {@code trialsPerTask} trials per Spark task.
   */
  public static Sweep.Result run(JavaSparkContext sc, Panel panel, List<Map<String, String>> trials, String strategy,
      Map<String, String> fixed, BacktestConfig config, Window window, int blocks, int trialsPerTask) {
    return run(sc, panel, trials, strategy, fixed, config, window, blocks, trialsPerTask, Double.NaN, done -> { });
  }

  /**
   * The trial stage of {@code momentic sweep} on the cluster: a {@link Sweep.TrialRunner} whose
   * rows are {@link Sweep#run}'s (the strategy rebuilt on the executors from its name and the fixed
   * parameters, as the local factory builds it), so the study after it — the top k, DSR, PBO from
   * the rows' block sums, the bootstrap — is the local sweep's, on the driver.
   */
  public static Sweep.TrialRunner runner(JavaSparkContext sc, String strategy, Map<String, String> fixed,
      int trialsPerTask) {
    return (panel, trials, factory, config, window, threads, blocks, progress, periodsPerYear) ->
        run(sc, panel, trials, strategy, fixed, config, window, blocks, trialsPerTask, periodsPerYear, progress);
  }

  /**
   * As above, annualised with {@code periodsPerYear} (NaN: the panel's own), each finished task's
   * trial count so far reported to {@code progress} (on the driver).
   */
  public static Sweep.Result run(JavaSparkContext sc, Panel panel, List<Map<String, String>> trials, String strategy,
      Map<String, String> fixed, BacktestConfig config, Window window, int blocks, int trialsPerTask,
      double periodsPerYear, IntConsumer progress) {
    if (trialsPerTask < 1) {
      throw new IllegalArgumentException("Expected trials per task >= 1, but found " + trialsPerTask);
    }
    // Fail on the driver, not in a task: the strategy and every parameter name must resolve.
    StrategyRegistry.create(strategy, merged(fixed, trials.get(0)));
    Broadcast<PanelSnapshot> data = sc.broadcast(PanelSnapshot.of(panel));
    // The trials go out once per executor (the grid's own list is a few bytes a trial); a task is
    // only where its chunk starts.
    Broadcast<List<Map<String, String>>> shipped = sc.broadcast(trials instanceof Serializable ? trials
        : new ArrayList<>(trials.stream().<Map<String, String>>map(LinkedHashMap::new).toList()));
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < trials.size(); from += trialsPerTask) {
      starts.add(from);
    }
    LinkedHashMap<String, String> fixedCopy = new LinkedHashMap<>(fixed);
    int fromBar = window.fromBar(); // the closure carries plain values; research types stay unserializable
    int toBar = window.toBar();
    JavaRDD<Chunk> chunks = sc.parallelize(starts, starts.size())
        .map(from -> runChunk(data, shipped, from, trialsPerTask, strategy, fixedCopy, config,
            new Window(fromBar, toBar), blocks, periodsPerYear));
    // Each task's rows are folded into the table as the task finishes (Spark's result handler, on
    // the driver), not buffered until the last one as collect() would: the driver holds the
    // column-wise table and the results in flight, as the local sweep holds its table.
    Fold fold = new Fold(trials, progress);
    sc.sc().runJob(chunks.rdd(), new OnlyElement(), fold, scala.reflect.ClassTag$.MODULE$.apply(Chunk.class));
    return new Sweep.Result(List.of(fold.names), fold.table, window, fold.blocks, Sweep.rowsPerBlock(window, blocks),
        Double.isNaN(periodsPerYear) ? io.momentic.research.RunMetrics.periodsPerYear(panel) : periodsPerYear);
  }

  /** A task's single chunk, as the job's per-partition result. */
  private static final class OnlyElement extends AbstractFunction1<scala.collection.Iterator<Chunk>, Chunk>
      implements Serializable {
    @Override
    public Chunk apply(scala.collection.Iterator<Chunk> partition) {
      return partition.next();
    }
  }

  /** Writes each arriving chunk into the trial table (the first names the metrics) and reports progress. */
  private static final class Fold extends AbstractFunction2<Object, Chunk, BoxedUnit> {
    private final List<Map<String, String>> trials;
    private final IntConsumer progress;
    TrialTable table;
    String[] names;
    int blocks;
    private int done;

    Fold(List<Map<String, String>> trials, IntConsumer progress) {
      this.trials = trials;
      this.progress = progress;
    }

    @Override
    public synchronized BoxedUnit apply(Object partition, Chunk chunk) {
      if (table == null) {
        names = chunk.metricNames();
        blocks = chunk.blocks();
        table = new TrialTable(trials, names.length, blocks);
      }
      int m = names.length;
      double[] metrics = new double[m];
      double[] sum = new double[blocks];
      double[] sumSq = new double[blocks];
      for (int k = 0; k < chunk.size(); k++) {
        System.arraycopy(chunk.metrics(), k * m, metrics, 0, m);
        System.arraycopy(chunk.blockSum(), k * blocks, sum, 0, blocks);
        System.arraycopy(chunk.blockSumSq(), k * blocks, sumSq, 0, blocks);
        table.set(chunk.from() + k, metrics, sum, sumSq);
      }
      done += chunk.size();
      progress.accept(done);
      return BoxedUnit.UNIT;
    }
  }

  private static Chunk runChunk(Broadcast<PanelSnapshot> data, Broadcast<List<Map<String, String>>> trials, int from,
      int trialsPerTask, String strategy, Map<String, String> fixed, BacktestConfig config, Window window, int blocks,
      double periodsPerYear) {
    Panel panel = PANELS.computeIfAbsent(data.id(), id -> data.value().toPanel());
    List<Map<String, String>> all = trials.value();
    List<Map<String, String>> params = all.subList(from, Math.min(all.size(), from + trialsPerTask));
    Sweep.Result local = Sweep.run(panel, params, p -> StrategyRegistry.create(strategy, merged(fixed, p)), config,
        window, 1, blocks, k -> {}, periodsPerYear);
    String[] names = local.metricNames().toArray(String[]::new);
    int n = params.size();
    int b = local.blocks();
    double[] metrics = new double[n * names.length];
    double[] sum = new double[n * b];
    double[] sumSq = new double[n * b];
    for (int i = 0; i < n; i++) {
      Sweep.Trial t = local.trials().get(i);
      System.arraycopy(t.metrics(), 0, metrics, i * names.length, names.length);
      System.arraycopy(t.blockSum(), 0, sum, i * b, b);
      System.arraycopy(t.blockSumSq(), 0, sumSq, i * b, b);
    }
    return new Chunk(from, names, b, metrics, sum, sumSq);
  }

  private static Map<String, String> merged(Map<String, String> fixed, Map<String, String> trial) {
    Map<String, String> m = new LinkedHashMap<>(fixed);
    m.putAll(trial);
    return m;
  }
}
