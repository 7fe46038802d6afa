package io.momentic.research;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A sweep's trials held column-wise: every trial's metrics in one flat array, its return blocks'
 * Σr and Σr² in two more, its parameters as the grid's own (lazy) list — about 0.5 kB a trial
 * for 34 metrics and 16 blocks, against 0.9 kB as one object with three arrays and a map each,
 * so a million trials fit a 1 GB heap. Read as a list of {@link Sweep.Trial}, each made when asked
 * for (its arrays copies: the table is never changed through one). Rows are written once each, by
 * any thread; a reader after the writers have finished sees them all.
 */
public final class TrialTable extends AbstractList<Sweep.Trial> implements RandomAccess {

  private final List<Map<String, String>> params;
  private final int metricCount;
  private final int blocks;
  private final double[] metrics;
  private final double[] blockSum;
  private final double[] blockSumSq;

  public TrialTable(List<Map<String, String>> params, int metricCount, int blocks) {
    this.params = params;
    this.metricCount = metricCount;
    this.blocks = blocks;
    int n = params.size();
    this.metrics = new double[Math.multiplyExact(n, metricCount)];
    this.blockSum = new double[Math.multiplyExact(n, blocks)];
    this.blockSumSq = new double[Math.multiplyExact(n, blocks)];
  }

  /** A table of the given trials (each row copied in). */
  public static TrialTable of(List<Sweep.Trial> trials, int metricCount, int blocks) {
    List<Map<String, String>> params = trials.stream().map(Sweep.Trial::params).toList();
    TrialTable t = new TrialTable(params, metricCount, blocks);
    for (int i = 0; i < trials.size(); i++) {
      Sweep.Trial row = trials.get(i);
      if (row.index() != i) {
        throw new IllegalArgumentException("Expected trials in index order, but found trial " + row.index() + " at " + i);
      }
      t.set(i, row.metrics(), row.blockSum(), row.blockSumSq());
    }
    return t;
  }

  /** Writes trial i's row. */
  public void set(int i, double[] rowMetrics, double[] rowSum, double[] rowSumSq) {
    System.arraycopy(rowMetrics, 0, metrics, i * metricCount, metricCount);
    System.arraycopy(rowSum, 0, blockSum, i * blocks, blocks);
    System.arraycopy(rowSumSq, 0, blockSumSq, i * blocks, blocks);
  }

  @Override
  public Sweep.Trial get(int i) {
    return new Sweep.Trial(i, params.get(i), Arrays.copyOfRange(metrics, i * metricCount, (i + 1) * metricCount),
        Arrays.copyOfRange(blockSum, i * blocks, (i + 1) * blocks),
        Arrays.copyOfRange(blockSumSq, i * blocks, (i + 1) * blocks));
  }

  @Override
  public int size() {
    return params.size();
  }

  /** Trial i's metric m, without making the trial. */
  public double metric(int i, int m) {
    return metrics[i * metricCount + m];
  }

  /** Trial i's parameters. */
  public Map<String, String> params(int i) {
    return params.get(i);
  }

  /** Σr per trial and block, trial-major ({@code [trial · blocks + block]}): what CSCV reads, shared, not copied. */
  double[] flatBlockSums() {
    return blockSum;
  }

  double[] flatBlockSumSquares() {
    return blockSumSq;
  }

  public int blocks() {
    return blocks;
  }
}
