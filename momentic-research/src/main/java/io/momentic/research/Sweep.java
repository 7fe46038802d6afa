package io.momentic.research;

import io.momentic.analytics.CurveSummary;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.RunBuffers;
import io.momentic.engine.Strategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A parameter sweep: every trial (a parameter set) backtested over the same window, on all cores.
 *
 * <p>Each trial keeps only its metrics (the fields of {@link RunMetrics}) and a summary of its
 * returns — Σr and Σr² over {@code blocks} equal blocks of the window, which is all that the
 * probability of backtest overfitting needs — so memory grows by a few hundred bytes per trial,
 * never by an equity curve. Results are stored by trial index, so they are identical at 1 thread
 * or N.
 */
public final class Sweep {

  /** Makes a fresh strategy for a trial's parameters (strategies hold per-run state). */
  @FunctionalInterface
  public interface StrategyFactory {
    Strategy create(Map<String, String> params);
  }

  /**
   * What runs a sweep's trials and returns their rows: this machine's cores ({@link #LOCAL}), or a
   * cluster (the Spark job's), which must return exactly the rows {@link #run} would.
   */
  public interface TrialRunner {
    Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory, BacktestConfig config,
        Window window, int threads, int blocks, IntConsumer progress, double periodsPerYear);

    /** The trials on this machine's cores. */
    TrialRunner LOCAL = Sweep::run;
  }

  /** Bars {@code [fromBar, toBar)} of a panel; earlier bars only warm indicators up. */
  public record Window(int fromBar, int toBar) {
    public Window {
      if (fromBar < 0 || toBar <= fromBar) {
        throw new IllegalArgumentException("Expected 0 <= fromBar < toBar, but found " + fromBar + " and " + toBar);
      }
    }

    public static Window all(Panel panel) {
      return new Window(0, panel.size());
    }

    public int size() {
      return toBar - fromBar;
    }
  }

  /** What to rank trials by: a metric name, highest first, or lowest first with a leading '-'. */
  public record Objective(String metric, boolean minimize) {
    public static Objective parse(String text) {
      String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
      return t.startsWith("_") ? new Objective(t.substring(1), true) : new Objective(t, false);
    }

    @Override
    public String toString() {
      return (minimize ? "-" : "") + metric;
    }
  }

  /**
   * One trial's outcome. {@code blockSum[b]}, {@code blockSumSq[b]}: Σr and Σr² of its per-bar
   * returns in block b of the window (empty when the window is too short for the blocks).
   */
  public record Trial(int index, Map<String, String> params, double[] metrics, double[] blockSum,
      double[] blockSumSq) {}

  /** All trials, in index order, with the metric names their arrays follow. */
  public record Result(List<String> metricNames, List<Trial> trials, Window window, int blocks, int rowsPerBlock,
      double periodsPerYear) {

    public int metricIndex(String name) {
      int i = metricNames.indexOf(name);
      if (i < 0) {
        throw new ConfigException("objective", "expected a metric, one of " + metricNames + ", found '" + name + "'");
      }
      return i;
    }

    public double[] column(String metric) {
      int m = metricIndex(metric);
      double[] out = new double[trials.size()];
      TrialTable table = trials instanceof TrialTable t ? t : null;
      for (int i = 0; i < out.length; i++) {
        out[i] = table != null ? table.metric(i, m) : trials.get(i).metrics()[m];
      }
      return out;
    }

    /**
     * Trials best first by {@code objective} (NaN last, ties by trial index): the trial indexes are
     * sorted by the metric's column and the list reads the trials through them, so ranking a
     * million trials makes no million trial objects.
     */
    public List<Trial> ranked(Objective objective) {
      double[] value = column(objective.metric());
      int[] id = new int[value.length]; // each trial's index (its position in a table)
      Integer[] order = new Integer[value.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
        id[i] = trials instanceof TrialTable ? i : trials.get(i).index();
      }
      boolean minimize = objective.minimize();
      java.util.Arrays.sort(order, (a, b) -> {
        double x = value[a];
        double y = value[b];
        int c = Double.isNaN(x) || Double.isNaN(y) ? Boolean.compare(Double.isNaN(x), Double.isNaN(y))
            : minimize ? Double.compare(x, y) : Double.compare(y, x);
        return c != 0 ? c : Integer.compare(id[a], id[b]);
      });
      return new java.util.AbstractList<>() {
        @Override
        public Trial get(int i) {
          return trials.get(order[i]);
        }

        @Override
        public int size() {
          return order.length;
        }
      };
    }

    public Trial best(Objective objective) {
      return ranked(objective).get(0);
    }

    /**
     * One CSV row per trial, in trial order: {@code trial}, the parameters {@code params} (in that
     * order), then every metric ({@link Double#toString}, empty for NaN) — the same bytes on any
     * machine and at any thread count.
     */
    public void writeCsv(java.io.Writer w, List<String> params) throws java.io.IOException {
      StringBuilder line = new StringBuilder(512);
      line.append("trial");
      for (String p : params) {
        line.append(',').append(p);
      }
      for (String k : metricNames) {
        line.append(',').append(k);
      }
      w.write(line.append('\n').toString());
      for (Trial t : trials) {
        line.setLength(0);
        line.append(t.index());
        for (String p : params) {
          line.append(',').append(t.params().get(p));
        }
        for (double v : t.metrics()) {
          line.append(',');
          if (!Double.isNaN(v)) {
            line.append(v);
          }
        }
        w.write(line.append('\n').toString());
      }
    }

    /**
     * The block summaries CSCV reads, one row per trial and block: {@code trial,block,rows,sum,sum_sq}
     * (Σr and Σr² of the trial's per-bar returns in the block, {@link Double#toString}), so
     * {@code momentic stats pbo --trials DIR} gives this sweep's PBO from its folder. Nothing when
     * the sweep kept no blocks.
     */
    public void writeBlocksCsv(java.io.Writer w) throws java.io.IOException {
      w.write("trial,block,rows,sum,sum_sq\n");
      StringBuilder line = new StringBuilder(96);
      for (Trial t : trials) {
        for (int b = 0; b < blocks; b++) {
          line.setLength(0);
          line.append(t.index()).append(',').append(b).append(',').append(rowsPerBlock).append(',')
              .append(t.blockSum()[b]).append(',').append(t.blockSumSq()[b]).append('\n');
          w.write(line.toString());
        }
      }
    }

    /** The probability of backtest overfitting of this sweep, from the block summaries. */
    public BacktestOverfitting.Result overfitting() {
      return overfitting(done -> { });
    }

    /** As above, reporting CSCV's combinations done to {@code progress}. */
    public BacktestOverfitting.Result overfitting(IntConsumer progress) {
      if (blocks == 0) {
        throw new ConfigException("blocks", "expected return blocks of at least 2 bars each, found a window of "
            + window.size() + " bars (run the sweep with fewer blocks or a longer window)");
      }
      TrialTable table = trials instanceof TrialTable t ? t : TrialTable.of(trials, metricNames.size(), blocks);
      return BacktestOverfitting.cscvFlat(table.flatBlockSums(), table.flatBlockSumSquares(), trials.size(), blocks,
          rowsPerBlock, progress);
    }
  }

  private Sweep() {}

  /** Backtests one parameter set over {@code window}. */
  public static BacktestResult runOne(Panel panel, Map<String, String> params, StrategyFactory factory,
      BacktestConfig config, Window window) {
    return runOne(panel, params, factory, config, window, null);
  }

  /** As above, with indicator values shared with the sweep's other trials ({@code shared}; null: none). */
  public static BacktestResult runOne(Panel panel, Map<String, String> params, StrategyFactory factory,
      BacktestConfig config, Window window, io.momentic.engine.SharedValues shared) {
    return runOne(panel, params, factory, config, window, shared, null);
  }

  /**
   * As above, the equity written into {@code buffers} (null: a new array; see {@link RunBuffers}:
   * the result's equity is valid until the next run with them).
   */
  public static BacktestResult runOne(Panel panel, Map<String, String> params, StrategyFactory factory,
      BacktestConfig config, Window window, io.momentic.engine.SharedValues shared, RunBuffers buffers) {
    if (window.toBar() > panel.size()) {
      throw new IllegalArgumentException("Expected a window within the panel's " + panel.size() + " bars, but found "
          + window);
    }
    Panel upTo = panel.upTo(window.toBar());
    return BacktestEngine.run(upTo, factory.create(params), config.withStartTime(panel.time(window.fromBar())), shared,
        buffers);
  }

  /**
   * Runs every trial over {@code window} on {@code threads} threads, reporting each finished trial
   * to {@code progress} (from worker threads).
   *
   * @param blocks return blocks to summarise per trial (even, for CSCV; 0 for none)
   */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Window window, int threads, int blocks, IntConsumer progress) {
    return run(panel, trials, factory, config, window, threads, blocks, progress, Double.NaN);
  }

  /** As above, annualised with {@code periodsPerYear} (NaN: the panel's interval and calendar). */
  public static Result run(Panel panel, List<Map<String, String>> trials, StrategyFactory factory,
      BacktestConfig config, Window window, int threads, int blocks, IntConsumer progress, double periodsPerYear) {
    if (trials.isEmpty()) {
      throw new ConfigException("grid", "expected at least one trial, found none (do the constraints exclude all?)");
    }
    if (threads < 1) {
      throw new ConfigException("threads", "expected >= 1, found " + threads);
    }
    if (blocks < 0 || blocks % 2 != 0) {
      throw new ConfigException("blocks", "expected an even number of return blocks >= 0, found " + blocks);
    }
    int rowsPerBlock = rowsPerBlock(window, blocks);
    int usedBlocks = rowsPerBlock >= 2 ? blocks : 0;
    double ppy = Double.isNaN(periodsPerYear) ? RunMetrics.periodsPerYear(panel) : periodsPerYear;
    // The rows go straight into a column-wise table (made when the first trial has named the
    // metrics): nothing per trial is kept but its numbers.
    TrialTable[] table = new TrialTable[1];
    int size = trials.size();
    String[][] names = new String[1][];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    // Indicator arrays several trials need (each lookback's scores, each period's average) are
    // computed once for the sweep and read by every trial, on every thread.
    io.momentic.engine.SharedValues shared = new io.momentic.engine.SharedValues();
    Runnable worker = () -> {
      // Reused across this worker's trials: the equity and returns buffers, and the block sums.
      RunBuffers buffers = new RunBuffers();
      CurveSummary.Workspace workspace = new CurveSummary.Workspace(usedBlocks, usedBlocks == 0 ? 0 : rowsPerBlock);
      for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
        Map<String, String> params = trials.get(i);
        BacktestResult r;
        try {
          r = runOne(panel, params, factory, config, window, shared, buffers);
        } catch (ConfigException e) {
          throw new ConfigException(null, e.getMessage() + " (trial " + i + ": " + params + ")");
        }
        CurveSummary curve = CurveSummary.of(r.initialCash(), r.equity(), ppy, workspace);
        Map<String, Object> m = RunMetrics.of(r, ppy, curve);
        double[] values = values(m);
        synchronized (table) {
          if (table[0] == null) {
            names[0] = m.keySet().toArray(String[]::new);
            table[0] = new TrialTable(trials, values.length, usedBlocks);
          }
        }
        table[0].set(i, values, workspace.blockSum(), workspace.blockSumSq());
        progress.accept(finished.incrementAndGet());
      }
    };
    if (threads == 1) {
      worker.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "momentic-sweep");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
          futures.add(pool.submit(worker));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("sweep interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return new Result(List.of(names[0]), table[0], window, usedBlocks, rowsPerBlock, ppy);
  }

  /** Bars per return block when {@code window} is cut into {@code blocks} (the remainder is dropped). */
  public static int rowsPerBlock(Window window, int blocks) {
    return blocks == 0 ? 0 : window.size() / blocks;
  }

  /** The metric map's values, in its order, as doubles. */
  public static double[] values(Map<String, Object> metrics) {
    double[] values = new double[metrics.size()];
    int k = 0;
    for (Object v : metrics.values()) {
      values[k++] = ((Number) v).doubleValue();
    }
    return values;
  }

  /** Available parallelism, the default thread count. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
