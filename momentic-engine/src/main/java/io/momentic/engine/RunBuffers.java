package io.momentic.engine;

/**
 * The arrays one worker of a sweep reuses from one run to the next (one per thread, never shared
 * between threads): a run given these writes its equity into their array instead of a new one.
 * Its result's {@link BacktestResult#equity()} is therefore valid only until the next run with
 * the same buffers — what a sweep needs, which reads each trial's metrics and moves on.
 */
public final class RunBuffers {

  private double[] equity = new double[0];

  /** An array of {@code length} doubles for a run's equity (every element is written by the run). */
  double[] equity(int length) {
    if (equity.length != length) {
      equity = new double[length];
    }
    return equity;
  }
}
