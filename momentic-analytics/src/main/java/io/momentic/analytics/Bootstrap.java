package io.momentic.analytics;

import io.momentic.core.Checks;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded bootstrap confidence intervals for any statistic of a series (returns, trade P&amp;L, R
 * multiples) that keeps the series' serial dependence by resampling blocks:
 *
 * <ul>
 *   <li>{@link Method#BLOCK} — moving-block bootstrap (Künsch 1989): blocks of a fixed length
 *       starting anywhere in the series, concatenated and cut to the original length;
 *   <li>{@link Method#STATIONARY} — stationary bootstrap (Politis &amp; Romano 1994): block lengths
 *       are geometric with the given mean, and blocks wrap around the end of the series.
 * </ul>
 *
 * The interval is the percentile interval of the statistic over the resamples (linear
 * interpolation between order statistics, as numpy's default). Resamples where the statistic is
 * NaN (e.g. a profit factor with no losing trade) are left out and counted. Same seed → same
 * interval.
 */
public final class Bootstrap {

  public enum Method {
    BLOCK,
    STATIONARY
  }

  /**
   * @param estimate the statistic on the original series
   * @param lower the {@code (1 − level)/2} percentile of the resampled statistic
   * @param upper the {@code (1 + level)/2} percentile
   * @param validResamples resamples whose statistic was a number
   */
  public record Interval(double estimate, double lower, double upper, double level, int resamples,
      int validResamples, int blockLength, Method method, long seed) {}

  private Bootstrap() {}

  /** A block length of about n^(1/3), the usual order for the block bootstrap's variance. */
  public static int defaultBlockLength(int n) {
    return Math.max(1, (int) Math.round(Math.cbrt(n)));
  }

  /**
   * The {@code level} (e.g. 0.95) interval of {@code statistic} over {@code resamples} block
   * resamples of {@code series}.
   */
  public static Interval interval(double[] series, ToDoubleFunction<double[]> statistic, Method method,
      int blockLength, int resamples, double level, long seed) {
    int n = series.length;
    Checks.positive(n, "series length");
    Checks.positive(blockLength, "block length");
    Checks.positive(resamples, "resamples");
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("Expected 'level' in (0, 1), but found " + level);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] sample = new double[n];
    double[] values = new double[resamples];
    int valid = 0;
    for (int b = 0; b < resamples; b++) {
      if (method == Method.BLOCK) {
        fillBlocks(series, sample, Math.min(blockLength, n), random);
      } else {
        fillStationary(series, sample, blockLength, random);
      }
      double v = statistic.applyAsDouble(sample);
      if (!Double.isNaN(v)) {
        values[valid++] = v;
      }
    }
    double[] kept = Arrays.copyOf(values, valid);
    Arrays.sort(kept);
    double alpha = (1 - level) / 2;
    return new Interval(statistic.applyAsDouble(series.clone()), ReturnMetrics.percentile(kept, 100 * alpha),
        ReturnMetrics.percentile(kept, 100 * (1 - alpha)),
        level, resamples, valid, blockLength, method, seed);
  }

  private static void fillBlocks(double[] series, double[] out, int blockLength, SplittableRandom random) {
    int n = series.length;
    int starts = n - blockLength + 1;
    for (int i = 0; i < n; ) {
      int start = random.nextInt(starts);
      int len = Math.min(blockLength, n - i);
      System.arraycopy(series, start, out, i, len);
      i += len;
    }
  }

  private static void fillStationary(double[] series, double[] out, double meanBlockLength, SplittableRandom random) {
    int[] at = stationaryIndices(series.length, meanBlockLength, random);
    for (int i = 0; i < at.length; i++) {
      out[i] = series[at[i]];
    }
  }

  /**
   * The positions of one stationary-bootstrap resample (Politis &amp; Romano 1994) of {@code n}
   * observations: blocks of geometric length with mean {@code meanBlockLength}, wrapping around
   * the end. Resampling several series at the same positions keeps their cross-correlation.
   */
  public static int[] stationaryIndices(int n, double meanBlockLength, SplittableRandom random) {
    int[] at = new int[n];
    double newBlock = 1 / meanBlockLength;
    int pos = random.nextInt(n);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        pos = random.nextDouble() < newBlock ? random.nextInt(n) : (pos + 1) % n;
      }
      at[i] = pos;
    }
    return at;
  }
}
