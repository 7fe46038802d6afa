package io.momentic.analytics;

/**
 * Every whole-curve metric a run reports, from its wealth path in two passes: the values of
 * {@link ReturnMetrics} and {@link EquityMetrics}' one-metric functions bit for bit (the same sums
 * in the same order), where calling those one by one reads the path fifteen times and copies it
 * four. A sweep computes this for every trial; {@code CurveSummaryTest} holds it to the
 * definitions.
 *
 * @param returns the per-period simple returns of the path ({@link EquityMetrics#returns})
 */
public record CurveSummary(
    double[] returns,
    double annualReturn,
    double annualVolatility,
    double sharpe,
    double sortino,
    double calmar,
    double maxDrawdown,
    int maxDrawdownDuration,
    double averageDrawdown,
    double hitRate,
    double skew,
    double excessKurtosis) {

  /** The summary of {@code wealth} (initial value first), annualised with {@code periodsPerYear}. */
  public static CurveSummary of(double[] wealth, double periodsPerYear) {
    CurveSummary fast = wealth.length == 0 ? null : positive(wealth[0], wealth, 1, wealth.length - 1, periodsPerYear, null);
    return fast != null ? fast : general(wealth, periodsPerYear, null);
  }

  /**
   * The summary of the path {@code initialValue, values[0], …, values[n − 1]} — a run's initial
   * cash, then its equity — without copying it, the returns written into the workspace's buffer
   * and each block's Σr and Σr² into its arrays ({@link Workspace}). The summary's
   * {@link #returns()} is then that buffer: valid until the workspace's next use.
   */
  public static CurveSummary of(double initialValue, double[] values, double periodsPerYear, Workspace workspace) {
    CurveSummary fast = positive(initialValue, values, 0, values.length, periodsPerYear, workspace);
    if (fast != null) {
      return fast;
    }
    double[] wealth = new double[values.length + 1];
    wealth[0] = initialValue;
    System.arraycopy(values, 0, wealth, 1, values.length);
    return general(wealth, periodsPerYear, workspace);
  }

  /**
   * What a sweep's worker reuses from one trial to the next: the returns buffer, and the per-block
   * sums CSCV reads — {@code blocks} consecutive blocks of {@code rowsPerBlock} returns from the
   * first (the remainder dropped), each block's Σr and Σr² accumulated in bar order from zero.
   */
  public static final class Workspace {
    private final int blocks;
    private final int rowsPerBlock;
    private final double[] blockSum;
    private final double[] blockSumSq;
    private double[] returns = new double[0];

    public Workspace(int blocks, int rowsPerBlock) {
      if (blocks < 0 || (blocks > 0 && rowsPerBlock < 1)) {
        throw new IllegalArgumentException("Expected blocks >= 0 of at least one row, found " + blocks + " of "
            + rowsPerBlock);
      }
      this.blocks = blocks;
      this.rowsPerBlock = rowsPerBlock;
      this.blockSum = new double[blocks];
      this.blockSumSq = new double[blocks];
    }

    /** Σr of each block, as of the last summary made with this workspace. */
    public double[] blockSum() {
      return blockSum;
    }

    /** Σr² of each block, as of the last summary made with this workspace. */
    public double[] blockSumSq() {
      return blockSumSq;
    }

    double[] returns(int n) {
      if (returns.length != n) {
        returns = new double[n];
      }
      return returns;
    }
  }

  /**
   * A wealth path that stays finite and above zero (every run that never blew up): one division a
   * bar instead of four. Within the stretch below one peak, {@code e / peak − 1} is a monotonic
   * function of e under IEEE rounding, so its least value is the one at the least e: each
   * stretch's depth is one division at its end, bit for bit the running minimum of the
   * definitions. Null when the path (or the compounded returns) leaves that domain: the general
   * pass then follows the definitions' NaN and sign rules step by step. The path is
   * {@code initialValue} then {@code values[from … from + n − 1]}.
   */
  private static CurveSummary positive(double initialValue, double[] values, int from, int n, double periodsPerYear,
      Workspace workspace) {
    if (n < 0 || !(initialValue > 0) || initialValue == Double.POSITIVE_INFINITY) {
      return null;
    }
    double[] r = workspace == null ? new double[n] : workspace.returns(n);
    double sum = 0;
    int positive = 0;
    double growth = 1;
    double downsideSq = 0;
    // The wealth path: its peak, the least value since the peak was reached or equalled, the
    // deepest stretch so far, and the stretches for the average drawdown and the duration.
    double peak = initialValue;
    double least = peak;
    int peakIndex = 0;
    int longest = 0;
    Drawdowns drawdowns = new Drawdowns();
    // The compounded returns' path (1, 1 + r₀, …): the Calmar's drawdown, stretches split where it
    // exceeds its peak (Math.max keeps an equal peak, the same value).
    double returnsPeak = 1;
    double returnsLeast = 1;
    double returnsWorst = 0;
    double previous = initialValue;
    for (int i = 1; i <= n; i++) { // i indexes the path: values[from + i − 1]
      double e = values[from + i - 1];
      if (!(e > 0) || e == Double.POSITIVE_INFINITY) {
        return null;
      }
      double v = e / previous - 1;
      previous = e;
      r[i - 1] = v;
      sum += v;
      growth *= 1 + v;
      // Every value here is finite and no zero is negative (v is, and its square is +0 either
      // way), so plain comparisons give Math.min's and Math.max's results without their NaN and
      // signed-zero handling.
      downsideSq += v < 0 ? v * v : 0;
      positive += v > 0 ? 1 : 0;
      if (e >= peak) {
        drawdowns.close(least, peak);
        peak = e;
        least = e;
        peakIndex = i;
      } else {
        least = e < least ? e : least;
        int length = i - peakIndex;
        longest = length > longest ? length : longest;
      }
      if (growth > returnsPeak) {
        double depth = returnsLeast / returnsPeak - 1;
        returnsWorst = depth < returnsWorst ? depth : returnsWorst;
        returnsPeak = growth;
        returnsLeast = growth;
      } else {
        returnsLeast = growth < returnsLeast ? growth : returnsLeast;
      }
    }
    if (!(growth > 0) || growth == Double.POSITIVE_INFINITY || Double.isNaN(sum)) {
      return null;
    }
    drawdowns.close(least, peak);
    returnsWorst = Math.min(returnsWorst, returnsLeast / returnsPeak - 1);
    return summary(r, n, sum, positive, growth, downsideSq, drawdowns.worst, longest, drawdowns.sum, drawdowns.count,
        returnsWorst, periodsPerYear, workspace);
  }

  /** The drawdown episodes of a positive path: each closed when the path regains its peak. */
  private static final class Drawdowns {
    double worst;
    double sum;
    int count;

    /** The stretch below {@code peak} whose least value was {@code least}. */
    void close(double least, double peak) {
      if (least < peak) {
        double depth = least / peak - 1;
        if (depth < 0) {
          sum += depth;
          count++;
          worst = Math.min(worst, depth);
        }
      }
    }
  }

  /** Step by step as the definitions are written, NaN and every sign included. */
  private static CurveSummary general(double[] wealth, double periodsPerYear, Workspace workspace) {
    int n = Math.max(0, wealth.length - 1);
    double[] r = workspace == null ? new double[n] : workspace.returns(n);
    // Pass 1: the returns, their sum, count, compound growth, downside and positive counts; the
    // drawdowns of the wealth path and of the returns' own path (1, 1 + r₀, …: the Calmar's).
    double sum = 0;
    int count = 0;
    int positive = 0;
    double growth = 1;
    double downsideSq = 0;
    double returnsPeak = 1; // ReturnMetrics.wealth starts at 1, the first peak
    double returnsWorst = 0;
    double peak = Double.NEGATIVE_INFINITY;
    double worst = 0;
    double durationPeak = Double.NEGATIVE_INFINITY;
    int durationPeakIndex = 0;
    int longest = 0;
    double episodePeak = Double.NEGATIVE_INFINITY;
    double episodeWorst = 0;
    double episodeSum = 0;
    int episodes = 0;
    for (int i = 0; i < wealth.length; i++) {
      double e = wealth[i];
      peak = Math.max(peak, e);
      worst = Math.min(worst, e / peak - 1);
      if (e >= durationPeak) {
        durationPeak = e;
        durationPeakIndex = i;
      } else {
        longest = Math.max(longest, i - durationPeakIndex);
      }
      if (e >= episodePeak) {
        if (episodeWorst < 0) {
          episodeSum += episodeWorst;
          episodes++;
          episodeWorst = 0;
        }
        episodePeak = e;
      } else {
        episodeWorst = Math.min(episodeWorst, e / episodePeak - 1);
      }
      if (i == 0) {
        continue;
      }
      double v = e / wealth[i - 1] - 1;
      r[i - 1] = v;
      if (!Double.isNaN(v)) {
        sum += v;
        count++;
        growth *= 1 + v;
        double d = Math.min(v, 0);
        downsideSq += d * d;
        if (v > 0) {
          positive++;
        }
      }
      // The returns' path multiplies by 1 + 0 at a NaN, which leaves it exactly as it was.
      returnsPeak = Math.max(returnsPeak, growth);
      returnsWorst = Math.min(returnsWorst, growth / returnsPeak - 1);
    }
    if (episodeWorst < 0) {
      episodeSum += episodeWorst;
      episodes++;
    }
    return summary(r, count, sum, positive, growth, downsideSq, worst, longest, episodeSum, episodes, returnsWorst,
        periodsPerYear, workspace);
  }

  /**
   * The metrics from the first pass's sums, after the second pass's central moments (and the
   * workspace's block sums, NaN returns included as a plain sum would).
   */
  private static CurveSummary summary(double[] r, int count, double sum, int positive, double growth, double downsideSq,
      double worst, int longest, double episodeSum, int episodes, double returnsWorst, double periodsPerYear,
      Workspace workspace) {
    double mean = count == 0 ? Double.NaN : sum / count;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    int rowsPerBlock = workspace == null ? 0 : workspace.rowsPerBlock;
    int blockEnd = workspace == null ? 0 : workspace.blocks * rowsPerBlock;
    if (blockEnd > r.length) {
      throw new IllegalArgumentException("Expected at most " + r.length + " returns in blocks, but found "
          + workspace.blocks + " blocks of " + rowsPerBlock);
    }
    int block = 0;
    int inBlock = 0;
    double blockSum = 0;
    double blockSumSq = 0;
    if (workspace != null) {
      java.util.Arrays.fill(workspace.blockSum, 0);
      java.util.Arrays.fill(workspace.blockSumSq, 0);
    }
    for (int k = 0; k < r.length; k++) {
      double v = r[k];
      if (!Double.isNaN(v)) {
        double d = v - mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
      }
      if (k < blockEnd) {
        blockSum += v;
        blockSumSq += v * v;
        if (++inBlock == rowsPerBlock) {
          workspace.blockSum[block] = blockSum;
          workspace.blockSumSq[block] = blockSumSq;
          block++;
          inBlock = 0;
          blockSum = 0;
          blockSumSq = 0;
        }
      }
    }
    double sqrtPpy = Math.sqrt(periodsPerYear);
    double sd = count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1));
    double totalReturn = growth - 1;
    double annualReturn = count == 0 ? Double.NaN : Math.pow(1 + totalReturn, periodsPerYear / count) - 1;
    double downside = count == 0 ? Double.NaN : Math.sqrt(downsideSq / count) * sqrtPpy;
    double[] moments = {count, m2 / count, m3 / count, m4 / count};
    return new CurveSummary(r,
        annualReturn,
        sd * sqrtPpy,
        sd == 0 ? Double.NaN : mean / sd * sqrtPpy,
        downside == 0 ? Double.NaN : mean * periodsPerYear / downside,
        returnsWorst == 0 ? Double.NaN : annualReturn / -returnsWorst,
        worst,
        longest,
        episodes == 0 ? 0 : episodeSum / episodes,
        count == 0 ? Double.NaN : (double) positive / count,
        ReturnMetrics.skewOf(moments),
        ReturnMetrics.excessKurtosisOf(moments));
  }
}
